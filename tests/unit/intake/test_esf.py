"""ESF start data: age bands, long-term unemployment, status groups, target-group bounds."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.esf import (
    AgeBand,
    EsfPlusAgeBand,
    ExitStatus,
    LabourMarketStatus,
    age_band,
    esf_plus_age_band,
)
from services.intake.domain.target_group import TargetGroupRule
from tests.unit.intake.builders import employed_start_data, start_data


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (17, AgeBand.UNDER_25),
        (24, AgeBand.UNDER_25),
        (25, AgeBand.AGED_25_TO_54),
        (54, AgeBand.AGED_25_TO_54),
        (55, AgeBand.AGED_55_AND_OVER),
        (67, AgeBand.AGED_55_AND_OVER),
    ],
)
def test_age_bands_split_at_25_and_55(age: int, band: AgeBand) -> None:
    assert age_band(age) is band
    assert start_data(age_at_entry=age).age_band is band


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (17, EsfPlusAgeBand.UNDER_18),
        (18, EsfPlusAgeBand.AGED_18_TO_29),
        (29, EsfPlusAgeBand.AGED_18_TO_29),
        (30, EsfPlusAgeBand.AGED_30_TO_54),
        (54, EsfPlusAgeBand.AGED_30_TO_54),
        (55, EsfPlusAgeBand.AGED_55_AND_OVER),
    ],
)
def test_esf_plus_age_bands_split_at_18_30_and_55(age: int, band: EsfPlusAgeBand) -> None:
    assert esf_plus_age_band(age) is band


def test_twelve_months_of_unemployment_at_entry_is_long_term() -> None:
    data = start_data(unemployed_since=date(2023, 3, 4))

    assert data.is_long_term_unemployed(date(2024, 3, 4))


def test_a_day_short_of_twelve_months_is_not_long_term() -> None:
    data = start_data(unemployed_since=date(2023, 3, 5))

    assert not data.is_long_term_unemployed(date(2024, 3, 4))


def test_someone_employed_at_entry_is_never_long_term_unemployed() -> None:
    assert not employed_start_data().is_long_term_unemployed(date(2024, 3, 4))


def test_every_status_at_entry_is_exactly_one_of_employed_unemployed_inactive() -> None:
    for status in LabourMarketStatus:
        unemployed = status is LabourMarketStatus.UNEMPLOYED
        assert [status.is_employed, unemployed, status.is_inactive].count(True) == 1


def test_employment_upon_leaving_includes_entrepreneurship() -> None:
    counted = {status for status in ExitStatus if status.counts_as_employment}

    assert counted == {ExitStatus.EMPLOYED, ExitStatus.ENTREPRENEURSHIP}


def test_changed_fields_name_the_sensitive_answers_one_by_one() -> None:
    from services.intake.domain.esf import SensitiveAnswer, SensitiveAnswers

    before = start_data()
    after = start_data(age_at_entry=58, sensitive=SensitiveAnswers(minority=SensitiveAnswer.NO))

    assert after.changed_fields(before) == ("age_at_entry", "sensitive.minority")


def test_a_target_group_rule_names_every_bound_it_is_outside_of() -> None:
    rule = TargetGroupRule(
        min_age=50, labour_market_statuses=frozenset({LabourMarketStatus.UNEMPLOYED})
    )

    assert rule.breaches(start_data(age_at_entry=50)) == ()
    assert rule.breaches(employed_start_data(age_at_entry=49)) == (
        "below_min_age",
        "labour_market_status_outside_target_group",
    )
    assert TargetGroupRule(max_age=64).breaches(start_data(age_at_entry=65)) == ("above_max_age",)
