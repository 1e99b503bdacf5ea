"""The published matching contract: every event registered, round-tripping, free of identifiers."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date

import pytest

from services.matching.domain import events as matching_events
from services.matching.domain.contracts import matching_contracts
from services.matching.domain.events import (
    ClientReferred,
    CompanyContacted,
    CompanyNeedRecorded,
    CompanyRelationRecorded,
    CompanySectorSet,
    ContactPersonAdded,
    Event,
    JobLeadStatusChanged,
    ReferralAnswered,
)
from services.matching.domain.lead import decide as decide_lead
from services.matching.domain.profile import decide_profile
from services.matching.domain.referral import Facts, decide_placement
from services.matching.domain.vocabulary import (
    AnswerReason,
    CompanyNeed,
    CompanyRelation,
    ContactKind,
    EmployerSector,
    LeadStatus,
    ReferralAnswer,
)
from shared.events import Context, NewEvent
from shared.events.codec import decode_event
from shared.events.contract import type_name_of
from tests.unit.matching.builders import (
    PROJECT,
    record_lead,
    registered_company,
    start_placement,
    update_profile,
)

DAY = date(2026, 11, 5)
EVERY_EVENT: list[Event] = [
    *registered_company()[1],
    ContactPersonAdded(company_id="co", project_id=PROJECT, contact_id="ct", added_on=DAY),
    CompanyContacted(
        company_id="co",
        project_id=PROJECT,
        contact_log_id="l",
        contact_id="ct",
        kind=ContactKind.CALL,
        coach_id="u",
        contacted_on=DAY,
    ),
    CompanyRelationRecorded(
        company_id="co", project_id=PROJECT, relation=CompanyRelation.COOPERATING, since=DAY
    ),
    CompanySectorSet(
        company_id="co", project_id=PROJECT, sector=EmployerSector.OWN_ORGANISATION, set_on=DAY
    ),
    CompanyNeedRecorded(
        company_id="co",
        project_id=PROJECT,
        need_id="n",
        need=CompanyNeed.WORK_TRIAL,
        occupation_code="5120",
        headcount=2,
        recorded_on=DAY,
    ),
    *decide_lead(None, record_lead()),
    JobLeadStatusChanged(lead_id="l", project_id=PROJECT, status=LeadStatus.OPEN, changed_on=DAY),
    decide_profile(update_profile(), client_known=True),
    ClientReferred(
        referral_id="r",
        client_id="c",
        lead_id="l",
        company_id="co",
        project_id=PROJECT,
        referred_on=DAY,
        coach_id="u",
    ),
    ReferralAnswered(
        referral_id="r",
        client_id="c",
        project_id=PROJECT,
        answer=ReferralAnswer.DECLINED,
        reason=AnswerReason.TIMING,
        answered_on=DAY,
    ),
    decide_placement(
        False, start_placement(), Facts(client_active=True, lead_company_id="company-1")
    ),
]


def test_every_event_type_is_in_the_contract_and_in_the_examples() -> None:
    declared = {cls.__event_type__ for cls in typing.get_args(Event)}
    assert set(matching_contracts().names()) == declared
    assert {type_name_of(event) for event in EVERY_EVENT} == declared


@pytest.mark.parametrize("event", EVERY_EVENT, ids=lambda e: type(e).__name__)
def test_every_event_round_trips_through_an_envelope(event: Event) -> None:
    new = NewEvent.of(event, Context(project_id=PROJECT, actor="coach-1"))
    decoded = decode_event(matching_contracts(), new.event_type, new.schema_version, new.payload)
    assert decoded == event


def test_every_event_names_its_project_and_no_contact_details() -> None:
    for cls in typing.get_args(Event):
        names = {f.name for f in dataclasses.fields(cls)}
        assert "project_id" in names
        assert not names & {"first_name", "last_name", "phone", "email", "contact_name"}
    assert matching_events.ContactPersonAdded.__dataclass_fields__.keys() >= {"contact_id"}
