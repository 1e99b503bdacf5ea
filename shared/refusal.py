"""A rule said no: the one exception every domain raises when it refuses a command.

Each service's ``DomainError`` is a ``Refusal``, so that one web kit turns any of them into
the same answer: the form again with the message at its field, or an RFC 9457 problem
with the stable ``code`` and the ``field``. Nothing was stored when one is raised.
"""

from __future__ import annotations


class Refusal(Exception):
    """A command broke a rule; ``code`` is stable (translated at the edge), ``field`` the
    form field it concerns (``None``: the form as a whole), ``detail`` for logs only."""

    def __init__(self, code: str, field: str | None = None, *, detail: str = "") -> None:
        super().__init__(f"{code} ({field}): {detail}" if detail else code)
        self.code = code
        self.field = field
        self.detail = detail

    @property
    def errors(self) -> dict[str, str]:
        """Field → code, as a form shows it (``form``: the form as a whole)."""
        return {self.field or "form": self.code}
