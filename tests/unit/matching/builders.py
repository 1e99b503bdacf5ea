"""Builders of matching commands and profiles with sensible defaults for tests."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from services.matching.domain.commands import (
    RecordLead,
    ReferClient,
    RegisterCompany,
    StartPlacement,
    UpdateJobProfile,
)
from services.matching.domain.company import Company, decide, rebuild
from services.matching.domain.events import CompanyEvent
from services.matching.domain.vocabulary import (
    LeadKind,
    PlacementType,
    SizeClass,
    WorkingTime,
    WorkingTimePreference,
)

PROJECT = "S21048"
COACH = "coach-1"
VALID_BUSINESS_ID = "0112038-9"  # Nokia Oyj, a real, valid Y-tunnus


def register(**changes: Any) -> RegisterCompany:
    command = RegisterCompany(
        company_id="company-1",
        project_id=PROJECT,
        business_id=VALID_BUSINESS_ID,
        trade_name="Leipomo Oy",
        industry="10710",
        municipality="Tampere",
        size_class=SizeClass.SMALL,
        registered_on=date(2026, 11, 2),
        coach_id=COACH,
    )
    return dataclasses.replace(command, **changes)


def registered_company(**changes: Any) -> tuple[Company, list[CompanyEvent]]:
    events: list[CompanyEvent] = list(decide(None, register(**changes)))
    state = rebuild(events)
    assert state is not None
    return state, events


def record_lead(**changes: Any) -> RecordLead:
    command = RecordLead(
        lead_id="lead-1",
        company_id="company-1",
        project_id=PROJECT,
        kind=LeadKind.HIDDEN_JOB,
        occupation_code="7512",
        occupation_label="",
        esco_code=None,
        municipality="Tampere",
        working_time=WorkingTime.FULL_TIME,
        found_on=date(2026, 11, 3),
        starts_on=date(2026, 12, 1),
        wage_subsidy_eligible=True,
        required_skills=("Hygiene passport", "dough making"),
        required_languages=("fi",),
        coach_id=COACH,
    )
    return dataclasses.replace(command, **changes)


def update_profile(**changes: Any) -> UpdateJobProfile:
    command = UpdateJobProfile(
        client_id="client-1",
        project_id=PROJECT,
        target_occupations=("7512", "5120"),
        skills=("hygiene passport",),
        languages=("fi", "en"),
        municipalities=("Tampere", "Nokia"),
        working_time=WorkingTimePreference.FULL_TIME,
        driving_licence=False,
        matching_consent=True,
        updated_on=date(2026, 11, 4),
        coach_id=COACH,
    )
    return dataclasses.replace(command, **changes)


def refer(**changes: Any) -> ReferClient:
    command = ReferClient(
        referral_id="referral-1",
        client_id="client-1",
        lead_id="lead-1",
        project_id=PROJECT,
        referred_on=date(2026, 11, 5),
        coach_id=COACH,
    )
    return dataclasses.replace(command, **changes)


def start_placement(**changes: Any) -> StartPlacement:
    command = StartPlacement(
        placement_id="placement-1",
        client_id="client-1",
        company_id="company-1",
        project_id=PROJECT,
        lead_id="lead-1",
        referral_id="referral-1",
        placement_type=PlacementType.WAGE_SUBSIDISED,
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 5, 31),
        coach_id=COACH,
    )
    return dataclasses.replace(command, **changes)
