"""Passwords: long enough, not blank, and not one of those everybody tries first."""

from __future__ import annotations

import pytest

from services.intake.domain.errors import DomainError
from services.intake.domain.passwords import check_password


@pytest.mark.parametrize(
    ("password", "code"),
    [
        (" " * 20, "password_blank"),
        ("\t\n  \t\n    ", "password_blank"),
        ("short one", "password_too_short"),
        ("qwerty123456", "password_too_common"),  # zxcvbn's list
        ("Password2026!!", "password_too_common"),  # a listed word with digits after it
        ("040-123 4567", "password_too_common"),  # digits and marks only
        ("Salasana2026!", "password_too_common"),  # a Finnish word with digits after it
        ("lösenord12345", "password_too_common"),
        ("  kesäkuu 2026 ", "password_too_common"),
        ("kaisa-virtanen-1", "password_too_common"),  # holds the username
    ],
)
def test_a_weak_password_is_refused_with_its_reason(password: str, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        check_password(password, username="kaisa")
    assert refused.value.code == code


@pytest.mark.parametrize(
    "password", ["metsässä kulkee karhu", "kolme vihreää omenaa", "duuni-demo-2026"]
)
def test_a_long_unlisted_passphrase_is_accepted(password: str) -> None:
    check_password(password, username="kaisa")
