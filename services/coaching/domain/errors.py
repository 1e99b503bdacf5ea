"""Domain refusals of coaching: a stable code for the UI to translate, and the field at fault."""

from __future__ import annotations

from shared.refusal import Refusal


class DomainError(Refusal):
    """A command broke a coaching rule; nothing is stored."""
