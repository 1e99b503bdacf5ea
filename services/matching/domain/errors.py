"""Domain errors of matching: each carries a stable code that the API and pages translate."""

from __future__ import annotations


class DomainError(Exception):
    """A command broke a matching rule; ``code`` is stable, the message is for logs only."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
