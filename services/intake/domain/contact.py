"""A client's contact details: what shape they must have, and what changed (domain layer).

Phone numbers are kept in one normalised form (``+358401234567``) whatever way a coach
types them (``040 123 4567``, ``+358 40 123 4567``, ``00358…``), so that a search by
phone finds the person however it is typed either time. The values are personal data:
they stay sealed in the personal-data store, and the event names only the fields that
changed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from services.intake.domain.errors import DomainError

CONTACT_FIELDS: Final = ("phone", "email", "address", "language")
LANGUAGES: Final = ("fi", "sv", "en")
MAX_ADDRESS: Final = 300
MAX_EMAIL: Final = 254
_SEPARATORS = re.compile(r"[\s\-().\/]")
_DIGITS = re.compile(r"[0-9]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ChangeContactDetails:
    """The client's phone, e-mail, postal address and preferred language, as they now are
    (an empty value removes the detail)."""

    client_id: str
    phone: str
    email: str
    address: str
    language: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactDetails:
    phone: str
    email: str
    address: str
    language: str


def normalised_phone(text: str) -> str | None:
    """The number in international form (``+358…``), or None when it is not one.

    Finnish numbers start with 0 (``040 123 4567``, ``09 123 456``); international ones
    with ``+`` or ``00`` and the country code. ASCII digits only, 6 to 15 of them."""
    compact = _SEPARATORS.sub("", text.strip().replace("(0)", ""))  # +358 (0)40 …
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+"):
        digits = compact[1:]
    elif compact.startswith("0"):
        digits = "358" + compact[1:]
    else:
        return None
    if not _DIGITS.fullmatch(digits) or not 6 <= len(digits) <= 15 or digits.startswith("0"):
        return None
    return "+" + digits


def phone_digits(text: str) -> str:
    """What a search for a phone number compares: its digits in the normalised form, or
    the digits typed when they are only a part of a number (``123 4567``)."""
    whole = normalised_phone(text)
    return whole[1:] if whole else "".join(_DIGITS.findall(text))


def checked_details(command: ChangeContactDetails) -> ContactDetails:
    """The details as they are kept; refused at the field: ``invalid_phone``,
    ``invalid_email``, ``address_too_long``, ``invalid_language``."""
    phone = ""
    if command.phone.strip():
        found = normalised_phone(command.phone)
        if found is None:
            raise DomainError("invalid_phone", field="phone")
        phone = found
    email = command.email.strip()
    if email and (len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email)):
        raise DomainError("invalid_email", field="email")
    address = "\n".join(line.strip() for line in command.address.strip().splitlines())
    if len(address) > MAX_ADDRESS:
        raise DomainError("address_too_long", field="address")
    if command.language not in LANGUAGES:
        raise DomainError("invalid_language", field="language")
    return ContactDetails(phone=phone, email=email, address=address, language=command.language)


def changed_fields(before: ContactDetails, after: ContactDetails) -> tuple[str, ...]:
    """The names of the details that differ, in ``CONTACT_FIELDS`` order."""
    return tuple(f for f in CONTACT_FIELDS if getattr(before, f) != getattr(after, f))
