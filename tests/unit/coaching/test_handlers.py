"""Coaching's service layer through its bus, on the in-memory log with fakes for the
client projection and the private texts: one command path, whatever the edge."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import timedelta

import pytest

from services.coaching.domain import commands
from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import ProgrammeKind
from services.coaching.service_layer.dependencies import SESSION_NOTE
from services.coaching.service_layer.handlers import COMMAND_HANDLERS
from shared.eventlog.memory import InMemoryEventLog
from shared.messagebus import CommandContext
from shared.refusal import Refusal
from tests.unit.coaching.builders import (
    CLIENT,
    COACH,
    OTHER_PROJECT,
    PROJECT,
    TODAY,
    details,
)
from tests.unit.coaching.fakes import World


def coach(project_id: str = PROJECT, submission_id: str | None = None) -> CommandContext:
    return CommandContext(
        actor=COACH, project_id=project_id, roles=frozenset({"coach"}),
        submission_id=submission_id,
    )  # fmt: skip


def stored(log: InMemoryEventLog) -> list[str]:
    return [r.event_type for r in log.read_all()]


def test_every_command_of_coaching_has_its_one_handler() -> None:
    defined = {c for _, c in inspect.getmembers(commands, inspect.isclass)
               if c.__module__ == commands.__name__}  # fmt: skip
    assert set(COMMAND_HANDLERS) == defined


def test_a_resubmitted_booking_is_stored_once_and_refreshes_the_lists_once(world: World) -> None:
    book = commands.BookSession(client_id=CLIENT, details=details(held_on=TODAY))
    first = world.bus.handle(book, coach(submission_id="form-1"))
    again = world.bus.handle(book, coach(submission_id="form-1"))
    assert (first.recorded, first.duplicate) == (1, False)
    assert (again.id, again.recorded, again.duplicate) == (first.id, 0, True)
    assert stored(world.log) == ["coaching.session_booked"]
    assert world.refreshed == [1]


def test_recording_a_booked_session_keeps_its_client_and_writes_the_note(world: World) -> None:
    booked = world.bus.handle(
        commands.BookSession(client_id=CLIENT, details=details(held_on=TODAY)), coach()
    )
    held = commands.RecordSession(session_id=booked.id, details=details(), note=" Hyvä ")
    assert world.bus.handle(held, coach()).id == booked.id
    assert stored(world.log) == ["coaching.session_booked", "coaching.session_held"]
    assert world.texts.read(SESSION_NOTE, booked.id, project_id=PROJECT) == "Hyvä"


def test_another_projects_session_is_as_missing_as_none_and_nothing_is_stored(
    world: World,
) -> None:
    booked = world.bus.handle(
        commands.BookSession(client_id=CLIENT, details=details(held_on=TODAY)), coach()
    )
    note = commands.WriteSessionNote(session_id=booked.id, note="vieras")
    with pytest.raises(Refusal) as refused:
        world.bus.handle(note, coach(OTHER_PROJECT))
    assert (refused.value.code, refused.value.field) == ("session_not_found", "session_id")
    assert isinstance(refused.value, DomainError)
    assert world.texts.kept == {}


def test_an_auditor_records_nothing(world: World) -> None:
    auditor = dataclasses.replace(coach(), roles=frozenset({"auditor"}))
    course = commands.OfferCourse(title="VerkkoAgentti", days=5)
    with pytest.raises(DomainError) as refused:
        world.bus.handle(course, auditor)
    assert refused.value.code == "forbidden"
    assert stored(world.log) == []


def test_scheduling_a_meeting_answers_the_meetings_id(world: World) -> None:
    plan = commands.PlanProgramme(
        kind=ProgrammeKind.WORKSHOP, title="CV-paja", municipality="Lohja",
        starts_on=TODAY - timedelta(1), ends_on=TODAY + timedelta(1),
    )  # fmt: skip
    programme = world.bus.handle(plan, coach()).id
    meeting = commands.ScheduleMeeting(programme_id=programme, held_on=TODAY, duration_minutes=90)
    accepted = world.bus.handle(meeting, coach())
    assert accepted.id != programme
    assert accepted.recorded == 1


@pytest.mark.parametrize("company", ["made-up-company", "company-of-another-project"])
def test_in_work_coaching_needs_one_of_the_projects_companies(world: World, company: str) -> None:
    start = commands.StartInWorkCoaching(client_id=CLIENT, company_id=company, started_on=TODAY)

    with pytest.raises(Refusal) as refused:
        world.bus.handle(start, coach())

    assert (refused.value.code, refused.value.field) == ("company_not_found", "company_id")
    assert stored(world.log) == []
    known = commands.StartInWorkCoaching(client_id=CLIENT, company_id="company-1", started_on=TODAY)
    assert world.bus.handle(known, coach()).recorded == 1
