"""The Business ID (Y-tunnus) check digit: weights 7,9,10,5,8,4,2, sum mod 11."""

from __future__ import annotations

import pytest

from services.matching.domain.business_id import (
    WEIGHTS,
    check_digit,
    is_valid_business_id,
    normalise_business_id,
)
from services.matching.domain.errors import DomainError


@pytest.mark.parametrize("business_id", ["0112038-9", "2617416-4", "0737546-2", "1572860-0"])
def test_real_business_ids_are_valid(business_id: str) -> None:
    assert is_valid_business_id(business_id)


def test_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        normalise_business_id("0112038-8")
    assert refused.value.code == "invalid_business_id"


@pytest.mark.parametrize(
    "text",
    ["", "0112038", "01120389", "0112038_9", "x112038-9", "12-3",
     "０１１２０３８-９", "٠١١٢٠٣٨-٩"],  # full-width and Arabic-Indic digits: one company twice
)  # fmt: skip
def test_malformed_business_ids_are_refused(text: str) -> None:
    assert not is_valid_business_id(text)


def test_remainder_zero_gives_check_digit_zero() -> None:
    # given seven digits whose weighted sum is a multiple of 11
    digits = next(f"{n:07d}" for n in range(1, 10**6) if _weighted(f"{n:07d}") % 11 == 0)
    # then the check digit is 0, and only 0 validates
    assert check_digit(digits) == 0
    assert is_valid_business_id(f"{digits}-0")
    assert not any(is_valid_business_id(f"{digits}-{d}") for d in range(1, 10))


def test_remainder_one_never_validates() -> None:
    digits = next(f"{n:07d}" for n in range(1, 10**6) if _weighted(f"{n:07d}") % 11 == 1)
    assert check_digit(digits) is None
    assert not any(is_valid_business_id(f"{digits}-{d}") for d in range(10))


def test_other_remainders_give_eleven_minus_remainder() -> None:
    for remainder in range(2, 11):
        digits = next(
            f"{n:07d}" for n in range(1, 10**6) if _weighted(f"{n:07d}") % 11 == remainder
        )
        assert check_digit(digits) == 11 - remainder


def test_an_old_six_digit_id_gets_its_leading_zero() -> None:
    assert normalise_business_id(" 112038-9 ") == "0112038-9"


def _weighted(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True))
