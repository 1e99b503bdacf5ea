"""Why a record was changed: a reason code in the event, the wording kept apart (domain).

Events are permanent and read by partners and auditors for years, so what a user types
about a correction, an exception or a plan change never goes into one: the event carries
a code from this small vocabulary and, when words were given, the id under which intake
keeps them (sealed with the person's key when they concern a client, so that an erasure
removes them).
"""

from __future__ import annotations

from typing import Final

from services.intake.domain.errors import DomainError

REASON_CODES: Final = ("typing_error", "new_information", "document_checked",
                       "funder_decision", "other")  # fmt: skip
"""The reason codes an event may carry; ``other`` needs words to say what it was."""
OTHER: Final = "other"
MAX_REASON_TEXT: Final = 1000


def checked_reason(code: str, text: str, missing: str, *, field: str = "reason") -> str:
    """The reason's words, stripped; refused for a code outside the vocabulary
    (``invalid_reason_code``) or ``other`` without words (``missing``)."""
    if code not in REASON_CODES:
        raise DomainError("invalid_reason_code", field=f"{field}_code")
    words = text.strip()
    if code == OTHER and not words:
        raise DomainError(missing, field=field)
    if len(words) > MAX_REASON_TEXT:
        raise DomainError("reason_too_long", field=field)
    return words


def kept_reason_id(reason_id: str | None, text: str) -> str | None:
    """The id the event names: the kept words' id, or ``None`` when none were given."""
    return reason_id if text.strip() and reason_id else None
