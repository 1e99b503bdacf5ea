"""Reading the coaching pages' form fields (entrypoint layer).

A value that cannot be read raises ``FormInvalid``, a ``DomainError`` with the field's
name, so the page shows it at the field exactly like a domain refusal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, time
from typing import Any, TypeVar

from starlette.datastructures import FormData

from services.coaching.domain.errors import DomainError

E = TypeVar("E")


def client_code(client_id: str) -> str:
    """A short handle for a pseudonymous client id: its last six characters."""
    return client_id.replace("-", "")[-6:].upper()


class FormInvalid(DomainError):
    """A form value that could not be read; shown at its field like a domain refusal."""


def field_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def field_date(form: FormData, name: str) -> date:
    try:
        return date.fromisoformat(field_text(form, name))
    except ValueError:
        raise FormInvalid("invalid_date", name) from None


def field_optional_date(form: FormData, name: str) -> date | None:
    return field_date(form, name) if field_text(form, name) else None


def field_time(form: FormData, name: str) -> time:
    try:
        return time.fromisoformat(field_text(form, name))
    except ValueError:
        raise FormInvalid("invalid_time", name) from None


def field_int(form: FormData, name: str) -> int:
    try:
        return int(field_text(form, name))
    except ValueError:
        raise FormInvalid("invalid_number", name) from None


def field_choice(form: FormData, name: str, enum: Callable[[str], E]) -> E:
    try:
        return enum(field_text(form, name))
    except ValueError:
        raise FormInvalid("invalid_choice", name) from None


def field_client(form: FormData) -> str:
    client_id = field_text(form, "client_id")
    if not client_id:
        raise FormInvalid("client_required", "client_id")
    return client_id


@dataclasses.dataclass(frozen=True, slots=True)
class Refused:
    errors: dict[str, str]
    values: dict[str, Any]


def choice_value(enum: Callable[[str], E], value: object, field: str) -> E:
    try:
        return enum(str(value))
    except ValueError:
        raise FormInvalid("invalid_choice", field) from None
