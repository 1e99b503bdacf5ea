"""Domain refusals of coaching: a stable code for the UI to translate, and the field at fault."""

from __future__ import annotations


class DomainError(Exception):
    """A command broke a coaching rule; nothing is stored."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(f"{code} ({field})" if field else code)
        self.code = code
        self.field = field
