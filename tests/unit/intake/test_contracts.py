"""The published intake contract: every event registered, round-tripping, free of identifiers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    ExitStatus,
    FollowUpSource,
    Improvement,
    LabourMarketStatus,
    ReferralKind,
    SensitiveAnswer,
    SensitiveAnswers,
)
from services.intake.domain.events import (
    CoachAssigned,
    Event,
    FollowUpRecorded,
    FundingShare,
    ProjectEvent,
    ProjectPlan,
    ProjectPlanChanged,
    ProjectRegistered,
    StartDataCorrected,
    StatusUponLeavingRecorded,
    TargetGroupRuleOverridden,
)
from services.intake.domain.target_group import TargetGroupRule
from shared.events import Context, NewEvent
from shared.events.codec import decode_event, payload_of
from shared.events.contract import schema_version_of, type_name_of
from tests.unit.intake.builders import CLIENT, PROJECT, enrolled, exited, re_entered, start_data

PLAN = ProjectPlan(
    name="DuuniAgentti",
    municipalities=("Lohja", "Vihti", "Raasepori", "Hanko", "Karkkila"),
    starts_on=date(2017, 8, 1),
    ends_on=date(2019, 7, 31),
    target_group=TargetGroupRule(min_age=50),
    planned_participants=500,
    planned_companies=220,
    funding=(FundingShare(source="esf", percent=75.0), FundingShare(source="state", percent=25.0)),
)

EVERY_EVENT: list[Event | ProjectEvent] = [
    ProjectRegistered(project_id=PROJECT, plan=PLAN),
    ProjectPlanChanged(
        project_id=PROJECT,
        plan=dataclasses.replace(PLAN, planned_participants=450),
        changed_fields=("planned_participants",),
        reason_code="funder_decision",
    ),
    enrolled(
        start_data=start_data(sensitive=SensitiveAnswers(disability=SensitiveAnswer.DECLINED))
    ),
    TargetGroupRuleOverridden(
        client_id=CLIENT,
        project_id=PROJECT,
        rule=TargetGroupRule(
            min_age=50, labour_market_statuses=frozenset({LabourMarketStatus.UNEMPLOYED})
        ),
        breaches=("below_min_age",),
        reason_code="other",
        reason_id="0190aaaa-0000-7000-8000-000000000001",
        approved_by="mgr-1",
    ),
    re_entered(),
    StartDataCorrected(
        client_id=CLIENT,
        start_data=start_data(
            education=EducationLevel.ISCED_0_2, unemployed_since=date(2020, 1, 1)
        ),
        changed_fields=("education", "unemployed_since"),
        reason_code="document_checked",
        reason_id="0190aaaa-0000-7000-8000-000000000002",
    ),
    CoachAssigned(client_id=CLIENT, coach_id="coach-2", previous_coach_id="coach-1"),
    exited(exit_status=ExitStatus.EMPLOYED, employment_type=EmploymentType.OPEN_MARKET_PART_TIME),
    exited(exit_status=ExitStatus.REFERRED_TO_OTHER_SERVICES, referral_kind=ReferralKind.PENSION),
    StatusUponLeavingRecorded(
        client_id=CLIENT, exited_on=date(2019, 5, 2), exit_status=ExitStatus.WORK_TRIAL,
        previous_status=ExitStatus.UNKNOWN, source=FollowUpSource.CLIENT,
    ),
    FollowUpRecorded(
        client_id=CLIENT, exited_on=date(2019, 5, 2), due_on=date(2019, 11, 2),
        checked_on=date(2019, 11, 20), reached=True, source=FollowUpSource.REGISTER,
        exit_status=ExitStatus.EMPLOYED, employment_type=EmploymentType.FIXED_TERM,
        improvement=Improvement.PROMOTED,
    ),
]  # fmt: skip


def test_the_contract_registers_every_intake_event_under_its_wire_name() -> None:
    assert intake_contracts().names() == [
        "intake.client_enrolled",
        "intake.client_exited",
        "intake.client_re_entered",
        "intake.coach_assigned",
        "intake.consent_given",
        "intake.consent_withdrawn",
        "intake.contact_details_changed",
        "intake.cost_booked",
        "intake.cost_booking_corrected",
        "intake.document_added",
        "intake.document_removed",
        "intake.follow_up_recorded",
        "intake.message_sent",
        "intake.person_erased",
        "intake.processing_restricted",
        "intake.processing_restriction_lifted",
        "intake.project_plan_changed",
        "intake.project_registered",
        "intake.start_data_corrected",
        "intake.status_upon_leaving_recorded",
        "intake.target_group_rule_overridden",
    ]


@pytest.mark.parametrize("event", EVERY_EVENT, ids=lambda e: type(e).__name__)
def test_every_event_round_trips_through_its_payload(event: Event | ProjectEvent) -> None:
    name, version = type_name_of(event), schema_version_of(event)

    assert decode_event(intake_contracts(), name, version, payload_of(event)) == event


@pytest.mark.parametrize("event", EVERY_EVENT, ids=lambda e: type(e).__name__)
def test_every_event_passes_the_privacy_guard(event: Event) -> None:
    NewEvent.of(event, Context(project_id=PROJECT, actor="coach-1"))


def test_the_enrolment_payload_carries_age_not_birth_date() -> None:
    payload = payload_of(enrolled())

    assert payload["start_data"]["age_at_entry"] == 57
    assert "birth_date" not in str(payload) and "identity" not in str(payload)
