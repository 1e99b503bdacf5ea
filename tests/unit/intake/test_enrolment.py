"""Enrolling a participant: given past events, when EnrolClient, then these events or this error."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.esf import EsfStartData, LabourMarketStatus
from services.intake.domain.events import TargetGroupRuleOverridden
from services.intake.domain.target_group import TargetGroupOverride, TargetGroupRule
from tests.unit.intake.builders import (
    CLIENT,
    PROJECT,
    employed_start_data,
    enrol,
    enrolled,
    refused,
    start_data,
    when,
)

OVER_50 = TargetGroupRule(min_age=50)
MANAGER = TargetGroupOverride(
    reason="referred by the TE office as a special case", approved_by="mgr-1", reason_id="r-1"
)


def test_enrolling_a_new_client_records_the_enrolment() -> None:
    assert when([], enrol()) == [enrolled()]


def test_enrolling_an_already_enrolled_stream_is_refused() -> None:
    assert refused([enrolled()], enrol()) == "client_already_enrolled"


def test_enrolment_without_a_consent_version_is_refused() -> None:
    assert refused([], enrol(consent_version=" ")) == "consent_required"


def test_enrolment_without_a_coach_is_refused() -> None:
    assert refused([], enrol(coach_id="")) == "coach_required"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (start_data(unemployed_since=None), "unemployed_since_required"),
        (
            employed_start_data(unemployed_since=date(2023, 1, 1)),
            "unemployed_since_only_when_unemployed",
        ),
        (start_data(unemployed_since=date(2024, 3, 5)), "unemployed_since_after_entry"),
        (start_data(age_at_entry=-1), "invalid_age_at_entry"),
    ],
)
def test_contradictory_start_data_are_refused(data: EsfStartData, error: str) -> None:
    assert refused([], enrol(start_data=data)) == error


def test_someone_inside_the_target_group_is_enrolled() -> None:
    assert when([], enrol(target_group=OVER_50)) == [enrolled()]


def test_someone_outside_the_target_group_is_refused_without_an_override() -> None:
    command = enrol(target_group=OVER_50, start_data=start_data(age_at_entry=49))

    assert refused([], command) == "outside_target_group"


def test_a_managers_override_enrols_and_records_the_override() -> None:
    young = start_data(age_at_entry=49)
    command = enrol(target_group=OVER_50, start_data=young, override=MANAGER)

    assert when([], command) == [
        enrolled(start_data=young),
        TargetGroupRuleOverridden(
            client_id=CLIENT,
            project_id=PROJECT,
            rule=OVER_50,
            breaches=("below_min_age",),
            reason_code="other",
            reason_id="r-1",
            approved_by="mgr-1",
        ),
    ]


def test_an_override_without_a_reason_is_refused() -> None:
    command = enrol(
        target_group=OVER_50,
        start_data=start_data(age_at_entry=49),
        override=TargetGroupOverride(reason="  ", approved_by="mgr-1"),
    )

    assert refused([], command) == "override_reason_required"


def test_an_override_inside_the_target_group_records_no_override() -> None:
    assert when([], enrol(target_group=OVER_50, override=MANAGER)) == [enrolled()]


def test_a_status_bound_refuses_the_employed_in_a_project_for_the_unemployed() -> None:
    rule = TargetGroupRule(labour_market_statuses=frozenset({LabourMarketStatus.UNEMPLOYED}))

    assert refused([], enrol(target_group=rule, start_data=employed_start_data())) == (
        "outside_target_group"
    )
