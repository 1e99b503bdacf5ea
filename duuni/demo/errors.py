"""The one error of the demo loader, in a module of its own so every scenario can raise it."""

from __future__ import annotations


class DemoError(Exception):
    """The demo cannot be loaded here (users exist already) or a service refused a step."""
