"""The Finnish Business ID (Y-tunnus): seven digits, a hyphen and a check digit.

The check digit is computed with the weights 7, 9, 10, 5, 8, 4, 2 over the seven digits:
the weighted sum modulo 11 gives remainder 0 -> check digit 0, remainder 1 -> no valid
ID has it, otherwise the check digit is 11 minus the remainder. Older IDs with six
digits are written with a leading zero.
"""

from __future__ import annotations

import re

from services.matching.domain.errors import DomainError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_SHAPE = re.compile(r"^([0-9]{6,7})-([0-9])$")
"""ASCII digits only: full-width or Arabic-Indic digits would read as the same number and
register one company twice under two spellings."""


def check_digit(digits: str) -> int | None:
    """The check digit of seven digits, or ``None`` when no check digit can make them valid."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise_business_id(text: str) -> str:
    """The Business ID in its canonical form ``1234567-8``; raises ``invalid_business_id``."""
    match = _SHAPE.match(text.strip())
    if match is None:
        raise DomainError("invalid_business_id", "expected 1234567-8")
    digits = match.group(1).zfill(7)
    expected = check_digit(digits)
    if expected is None or expected != int(match.group(2)):
        raise DomainError("invalid_business_id", "wrong check digit")
    return f"{digits}-{match.group(2)}"


def is_valid_business_id(text: str) -> bool:
    try:
        normalise_business_id(text)
    except DomainError:
        return False
    return True
