"""The Finnish personal identity code (henkilötunnus): validation, birth date, age.

Pure functions: the code itself never leaves intake's personal-data store, but intake
validates it at enrolment, derives the birth date and from it the age at entry.
"""

from __future__ import annotations

import re
from datetime import date

from services.intake.domain.dates import full_years_between
from services.intake.domain.errors import DomainError

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

CENTURIES: dict[str, int] = {
    "+": 1800,
    **dict.fromkeys("-YXWVU", 1900),
    **dict.fromkeys("ABCDEF", 2000),
}

_SHAPE = re.compile(r"([0-9]{6})(.)([0-9]{3})(.)")
"""ASCII digits only: ``\\d`` would let full-width or Arabic-Indic digits make a second code
for the same person, which ``int()`` reads alike but the look-up hash does not."""


class InvalidIdentityCode(DomainError):
    """The text is not a valid personal identity code; ``code`` says which part fails."""


def birth_date_of(identity_code: str) -> date:
    """The birth date in a valid identity code, or :class:`InvalidIdentityCode`.

    Codes: ``invalid_identity_code_format``, ``invalid_identity_code_century``,
    ``invalid_identity_code_date``, ``invalid_identity_code_individual_number``,
    ``invalid_identity_code_check``. Lower case and surrounding spaces are accepted.
    """
    match = _SHAPE.fullmatch(identity_code.strip().upper())
    if match is None:
        raise InvalidIdentityCode("invalid_identity_code_format")
    ddmmyy, sign, individual, check = match.groups()
    century = CENTURIES.get(sign)
    if century is None:
        raise InvalidIdentityCode("invalid_identity_code_century")
    try:
        born = date(century + int(ddmmyy[4:]), int(ddmmyy[2:4]), int(ddmmyy[:2]))
    except ValueError:
        raise InvalidIdentityCode("invalid_identity_code_date") from None
    if not 2 <= int(individual) <= 899:
        raise InvalidIdentityCode("invalid_identity_code_individual_number")
    if check != CHECK_CHARACTERS[int(ddmmyy + individual) % 31]:
        raise InvalidIdentityCode("invalid_identity_code_check")
    return born


def is_valid_identity_code(identity_code: str) -> bool:
    try:
        birth_date_of(identity_code)
    except InvalidIdentityCode:
        return False
    return True


def age_on(born: date, day: date) -> int:
    """Age in completed years on ``day``; ``date_before_birth`` if ``day`` precedes birth."""
    if day < born:
        raise DomainError("date_before_birth")
    return full_years_between(born, day)


MASK = "****"


def masked(identity_code: str) -> str:
    """The birth-date part and century sign only (``131052-****``): what a page shows
    until a user gives a reason to see the whole code."""
    code = identity_code.strip().upper()
    return code[:7] + MASK if len(code) > 7 else MASK
