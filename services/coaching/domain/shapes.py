"""Building one record from another that says the same things (domain): ``like``, shared
with the other services' domains (``shared.shapes``)."""

from __future__ import annotations

from shared.shapes import like

__all__ = ["like"]
