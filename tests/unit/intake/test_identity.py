"""The Finnish personal identity code: valid codes give a birth date, invalid ones a code."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.errors import DomainError
from services.intake.domain.identity import (
    InvalidIdentityCode,
    age_on,
    birth_date_of,
    is_valid_identity_code,
)


@pytest.mark.parametrize(
    ("code", "born"),
    [
        ("131052-308T", date(1952, 10, 13)),
        ("010170-002K", date(1970, 1, 1)),
        ("150365Y456K", date(1965, 3, 15)),
        ("290296-111N", date(1996, 2, 29)),
        ("290200A899A", date(2000, 2, 29)),
        ("010105F2349", date(2005, 1, 1)),
        ("311299+1236", date(1899, 12, 31)),
    ],
)
def test_a_valid_code_gives_the_birth_date_in_its_century(code: str, born: date) -> None:
    assert birth_date_of(code) == born
    assert is_valid_identity_code(code)


def test_lower_case_and_surrounding_spaces_are_accepted() -> None:
    assert birth_date_of(" 131052-308t ") == date(1952, 10, 13)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("131052-308U", "invalid_identity_code_check"),
        ("010170-002L", "invalid_identity_code_check"),
        ("310452-308T", "invalid_identity_code_date"),
        ("290200-111W", "invalid_identity_code_date"),
        ("001052-308T", "invalid_identity_code_date"),
        ("131352-308T", "invalid_identity_code_date"),
        ("131052G308T", "invalid_identity_code_century"),
        ("131052Z308T", "invalid_identity_code_century"),
        ("010160-000X", "invalid_identity_code_individual_number"),
        ("010160-001Y", "invalid_identity_code_individual_number"),
        ("010160-900Y", "invalid_identity_code_individual_number"),
        ("131052-308", "invalid_identity_code_format"),
        ("13105-2308T", "invalid_identity_code_format"),
        ("", "invalid_identity_code_format"),
    ],
)
def test_an_invalid_code_is_refused_with_the_failing_part(code: str, error: str) -> None:
    with pytest.raises(InvalidIdentityCode) as raised:
        birth_date_of(code)

    assert raised.value.code == error
    assert not is_valid_identity_code(code)


def test_the_individual_numbers_next_to_the_refused_ones_are_valid() -> None:
    assert is_valid_identity_code("010170-002K")
    assert is_valid_identity_code("290200A899A")


def test_age_counts_completed_years_and_turns_on_the_birthday() -> None:
    born = date(1952, 10, 13)

    assert age_on(born, date(2024, 10, 12)) == 71
    assert age_on(born, date(2024, 10, 13)) == 72


def test_someone_born_on_29_february_turns_a_year_older_on_1_march_in_common_years() -> None:
    born = date(1996, 2, 29)

    assert age_on(born, date(2023, 2, 28)) == 26
    assert age_on(born, date(2023, 3, 1)) == 27
    assert age_on(born, date(2024, 2, 29)) == 28


def test_an_age_before_birth_is_refused() -> None:
    with pytest.raises(DomainError) as raised:
        age_on(date(2000, 1, 2), date(2000, 1, 1))

    assert raised.value.code == "date_before_birth"


@pytest.mark.parametrize(
    "code",
    [
        "１３１０５２-308T",  # full-width digits
        "١٣١٠٥٢-٣٠٨T",  # Arabic-Indic digits
        "131052-３08T",  # one full-width digit
    ],
)
def test_digits_other_than_ascii_are_not_an_identity_code(code: str) -> None:
    """``int()`` reads them as the same number, so they would enrol the same person twice."""
    assert is_valid_identity_code("131052-308T")
    with pytest.raises(InvalidIdentityCode) as refused:
        birth_date_of(code)
    assert refused.value.code == "invalid_identity_code_format"
