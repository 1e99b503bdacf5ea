"""Domain refusals of coaching: a stable code for the UI to translate, and the field at fault."""

from __future__ import annotations

from shared.refusal import Refusal


class DomainError(Refusal):
    """A command broke a coaching rule; nothing is stored."""


def require_text(text: str, limit: int, code: str, field: str) -> str:
    """The text without its surrounding blanks; refused at ``field`` as ``{code}_required``
    when nothing is left, as ``{code}_too_long`` when longer than ``limit``."""
    stripped = text.strip()
    if not stripped:
        raise DomainError(f"{code}_required", field)
    if len(stripped) > limit:
        raise DomainError(f"{code}_too_long", field)
    return stripped


def require_new(state: object | None, code: str, field: str) -> None:
    """A command that starts an aggregate finds none under its id yet; a second start of
    the same id (a form sent twice past its submission id) is refused with ``code``."""
    if state is not None:
        raise DomainError(code, field)
