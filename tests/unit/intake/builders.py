"""Test data for the intake domain: sensible defaults, override only what a test is about."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import pytest

from services.intake.domain.client import decide, rebuild
from services.intake.domain.commands import (
    AssignCoach,
    Command,
    CorrectStartData,
    EnrolClient,
    ExitClient,
    ReEnterClient,
)
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    EducationLevel,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    Gender,
    LabourMarketStatus,
)
from services.intake.domain.events import ClientEnrolled, ClientExited, ClientReEntered, Event

CLIENT = "client-7f3a"
PROJECT = "S21048"
COACH = "coach-1"
ENTRY = date(2024, 3, 4)


def start_data(**changes: Any) -> EsfStartData:
    data = EsfStartData(
        age_at_entry=57,
        gender=Gender.FEMALE,
        education=EducationLevel.ISCED_3_4,
        labour_market_status=LabourMarketStatus.UNEMPLOYED,
        unemployed_since=date(2022, 11, 1),
        municipality="Lohja",
    )
    return dataclasses.replace(data, **changes)


def employed_start_data(**changes: Any) -> EsfStartData:
    employed: dict[str, Any] = {
        "labour_market_status": LabourMarketStatus.EMPLOYED,
        "unemployed_since": None,
    }
    return start_data(**{**employed, **changes})


def enrol(**changes: Any) -> EnrolClient:
    command = EnrolClient(
        client_id=CLIENT,
        project_id=PROJECT,
        coach_id=COACH,
        entry_date=ENTRY,
        entry_route=EntryRoute.EMPLOYMENT_OFFICE_REFERRAL,
        start_data=start_data(),
        consent_version="privacy-notice-2024-01",
        consented_at=datetime(2024, 3, 4, 9, 30, tzinfo=UTC),
    )
    return dataclasses.replace(command, **changes)


def enrolled(**changes: Any) -> ClientEnrolled:
    """The event an :func:`enrol` command with the same defaults records."""
    command = enrol()
    event = ClientEnrolled(
        client_id=command.client_id,
        project_id=command.project_id,
        coach_id=command.coach_id,
        entered_on=command.entry_date,
        entry_route=command.entry_route,
        start_data=command.start_data,
        consent_version=command.consent_version,
        consented_at=command.consented_at,
    )
    return dataclasses.replace(event, **changes)


def exit_client(**changes: Any) -> ExitClient:
    command = ExitClient(
        client_id=CLIENT, exit_date=date(2024, 9, 30), exit_status=ExitStatus.UNEMPLOYED
    )
    return dataclasses.replace(command, **changes)


def exited(**changes: Any) -> ClientExited:
    event = ClientExited(
        client_id=CLIENT, exited_on=date(2024, 9, 30), exit_status=ExitStatus.UNEMPLOYED
    )
    return dataclasses.replace(event, **changes)


def re_enter(**changes: Any) -> ReEnterClient:
    command = ReEnterClient(client_id=CLIENT, project_id=PROJECT, re_entry_date=date(2025, 1, 8))
    return dataclasses.replace(command, **changes)


def re_entered(**changes: Any) -> ClientReEntered:
    event = ClientReEntered(client_id=CLIENT, project_id=PROJECT, re_entered_on=date(2025, 1, 8))
    return dataclasses.replace(event, **changes)


def correct(**changes: Any) -> CorrectStartData:
    command = CorrectStartData(
        client_id=CLIENT,
        start_data=start_data(education=EducationLevel.ISCED_5_8),
        reason="diploma shown at the second meeting",
        reason_code="document_checked",
        reason_id="0190aaaa-0000-7000-8000-00000000000c",
    )
    return dataclasses.replace(command, **changes)


def assign_coach(coach_id: str = "coach-2") -> AssignCoach:
    return AssignCoach(client_id=CLIENT, coach_id=coach_id)


def when(given: list[Event], command: Command) -> list[Event]:
    """Decide ``command`` against the state the ``given`` events build."""
    return decide(rebuild(given), command)


def refused(given: list[Event], command: Command) -> str:
    """The error code ``command`` is refused with; fails the test if it is accepted."""
    with pytest.raises(DomainError) as raised:
        when(given, command)
    return raised.value.code
