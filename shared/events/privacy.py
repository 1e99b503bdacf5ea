"""The guard that keeps direct personal identifiers out of events.

Events are the public contract: partners subscribe to them and auditors replay them for
years, so a name, identity code or contact detail in a payload could never be erased.
Those stay in intake's personal-data store; events carry a pseudonymous client id.
Three checks: event classes may not declare identifier-like fields, nor a text field
named as words a user types (a reason, a note: those stay in the owning service's store,
referenced by id, with a code in the event), and no payload value may look like a Finnish
personal identity code, an e-mail address or a Finnish phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import orjson

from shared.refusal import Refusal

FORBIDDEN_FIELDS = frozenset(
    {
        "name", "first_name", "last_name", "full_name", "given_name", "family_name",
        "email", "e_mail", "phone", "phone_number", "mobile", "address", "street_address",
        "ssn", "hetu", "henkilotunnus", "personal_identity_code", "identity_code",
    }
)  # fmt: skip

FREE_TEXT_FIELDS = frozenset(
    {
        "reason", "text", "note", "notes", "comment", "comments", "description", "wording",
        "message", "body", "free_text", "explanation", "words", "subject",
    }
)  # fmt: skip
"""Names of fields that hold what a user types when they are text (``str``): an event may
carry a reason as a code (an enum, or ``reason_code``) and the id of the kept words."""
_TEXT_TYPES = frozenset({"str", "str | None", "Optional[str]", "tuple[str, ...]"})

# Finnish personal identity code: DDMMYY, century sign, 3 digits, check character.
_IDENTITY_CODE = re.compile(r"\b[0-3]\d[01]\d\d\d[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]\b")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A Finnish phone number: +358 or 0, then 8 to 11 more digits, spaces or dashes between;
# not inside a longer token (an id, a date, a business id of eight digits).
_PHONE = re.compile(r"(?<![\w.+-])(?:\+358|00358|0)[ -]?\d(?:[ -]?\d){7,10}(?![\w-])")


class PersonalDataInEvent(Refusal, ValueError):
    """An event would have carried a direct personal identifier; nothing was stored.

    A refusal like any rule's: the web kit answers it 422 at ``field`` (the payload key
    whose value held the identifier), with the code ``personal_data_in_text``, instead
    of failing the request.
    """

    CODE = "personal_data_in_text"

    def __init__(self, detail: str, field: str | None = None) -> None:
        super().__init__(self.CODE, field, detail=detail)


def check_field_names(event_name: str, fields: Iterable[str]) -> None:
    bad = sorted(set(fields) & FORBIDDEN_FIELDS)
    if bad:
        raise PersonalDataInEvent(
            f"event {event_name} declares personal-identifier fields {bad}: keep them in the "
            "personal-data store and put a pseudonymous id in the event"
        )


def check_free_text_fields(event_name: str, fields: Iterable[tuple[str, object]]) -> None:
    """Refuse an event class declaring a text field named as typed words (``reason: str``):
    such words could name a person or their illness and never be erased from the log."""
    bad = sorted(
        name
        for name, kind in fields
        if name in FREE_TEXT_FIELDS and (kind is str or str(kind) in _TEXT_TYPES)
    )
    if bad:
        raise PersonalDataInEvent(
            f"event {event_name} declares free-text fields {bad}: keep the words in the "
            "service's own store and put a code and the words' id in the event"
        )


def check_payload(event_name: str, payload: object) -> None:
    text = orjson.dumps(payload).decode()
    for pattern, what in (
        (_IDENTITY_CODE, "a personal identity code"),
        (_EMAIL, "an e-mail address"),
        (_PHONE, "a phone number"),
    ):
        if pattern.search(text):
            field = _field_holding(payload, pattern)
            raise PersonalDataInEvent(f"event {event_name} contains {what}", field)


def _field_holding(value: object, pattern: re.Pattern[str], key: str | None = None) -> str | None:
    """The innermost payload key whose text matches ``pattern`` (the form field to show)."""
    if isinstance(value, dict):
        for name, inner in value.items():
            found = _field_holding(inner, pattern, str(name))
            if found is not None:
                return found
        return None
    if isinstance(value, list | tuple):
        for inner in value:
            found = _field_holding(inner, pattern, key)
            if found is not None:
                return found
        return None
    return key if isinstance(value, str) and pattern.search(value) else None
