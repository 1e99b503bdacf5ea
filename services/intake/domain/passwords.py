"""Which passwords are accepted: long enough, not blank, and not one everybody guesses.

Following NIST SP 800-63B: no composition rules (they make passwords harder to remember,
not harder to guess), a minimum length, and a refusal of passwords found in lists of
common ones. The lists are data: zxcvbn's 30,000 most common passwords, and the Finnish
and Swedish words that such passwords are built on here (``data/common_passwords.txt``).
A password that is a listed word followed by digits and punctuation (``salasana2026!``)
counts as that word; one of digits and punctuation alone (a date, a phone number) is
refused too.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Final

from services.intake.domain.errors import DomainError

MIN_PASSWORD_LENGTH: Final = 12
_DATA = Path(__file__).with_name("data") / "common_passwords.txt"
_DECORATION = re.compile(r"[\d\W_]+$")


@functools.cache
def common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    ours = (line.strip() for line in _DATA.read_text(encoding="utf-8").splitlines())
    words = {line for line in ours if line and not line.startswith("#")}
    return frozenset(FREQUENCY_LISTS["passwords"]) | words


def check_password(password: str, *, username: str = "") -> None:
    """Refuse with ``password_too_short``, ``password_blank`` or ``password_too_common``."""
    if not password.strip():
        raise DomainError("password_blank")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("password_too_short", f"at least {MIN_PASSWORD_LENGTH} characters")
    lowered = password.strip().lower()
    base = _DECORATION.sub("", lowered)
    listed = common_passwords()
    guessable = {lowered, base, lowered.replace(" ", "")}
    only_digits_and_marks = not base
    if only_digits_and_marks or guessable & listed or (username and username.lower() in lowered):
        raise DomainError("password_too_common")
