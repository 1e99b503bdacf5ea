"""Coaching's adapters on SQLite and PostgreSQL: the projection of intake's clients, the read
models of its own events, and private text; each applied twice changes nothing."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

from services.coaching.adapters.clients import SqlClientDirectory, client_projection
from services.coaching.adapters.companies import SqlCompanies
from services.coaching.adapters.tables import coaching_metadata
from services.coaching.adapters.texts import SqlPrivateTexts
from services.coaching.adapters.views import SqlViews, own_projection
from services.coaching.domain.commands import (
    BookSession,
    CancelSession,
    CompleteCourseDay,
    EnrolInCourse,
    JoinProgramme,
    OfferCourse,
    PlanProgramme,
    RecordSession,
    ScheduleMeeting,
    TakeAttendance,
)
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import (
    Attendance,
    CancelReason,
    Mode,
    ProgrammeKind,
    SessionKind,
    Topic,
)
from services.coaching.service_layer.dependencies import Coaching
from services.coaching.service_layer.handlers import COMMAND_HANDLERS
from services.coaching.service_layer.streams import coaching_streams
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog
from shared.eventlog.subscription import ConsumerStore, Handler, LogSubscription
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from shared.messagebus import CommandContext, MessageBus, bind

TODAY = date(2026, 11, 23)
PROJECT = "S21048"


def apply(source: SqlEventLog, target: Database, handler: Handler, name: str) -> int:
    store = ConsumerStore(target).create()
    return LogSubscription(name, source, store, handler).catch_up()


def intake_event(log: SqlEventLog, name: str, client_id: str, **payload: object) -> None:
    event = NewEvent(
        event_type=name,
        schema_version=1,
        payload={"client_id": client_id, **payload},
        project_id=PROJECT,
        actor="intake",
        correlation_id=uuid7_str(),
    )
    log.append(f"client-{client_id}", [event], ANY)


def test_the_client_projection_follows_intake_and_a_replay_changes_nothing(
    databases: tuple[Database, Database],
) -> None:
    intake_db, coaching_db = databases
    intake = SqlEventLog(intake_db, "intake").create()
    coaching_db.create(coaching_metadata)
    stays, leaves = uuid7_str(), uuid7_str()
    for client in (stays, leaves):
        intake_event(
            intake,
            "intake.client_enrolled",
            client,
            project_id=PROJECT,
            coach_id="coach-1",
            entered_on="2026-10-01",
            start_data={"age": 57},
        )
    intake_event(
        intake, "intake.coach_assigned", stays, coach_id="coach-2", previous_coach_id="coach-1"
    )
    intake_event(
        intake, "intake.client_exited", leaves, exited_on="2026-11-01", exit_status="employed"
    )
    intake_event(intake, "intake.start_data_corrected", stays, reason="typo")

    assert apply(intake, coaching_db, client_projection(), "clients") == 5
    directory = SqlClientDirectory(coaching_db)
    first = directory.in_project(PROJECT)
    assert {(s.client_id, s.coach_id, s.active) for s in first} == {
        (stays, "coach-2", True),
        (leaves, "coach-1", False),
    }
    apply(intake, coaching_db, client_projection(), "clients-again")
    assert directory.in_project(PROJECT) == first
    assert directory.in_project("another") == []


def test_read_models_of_coachings_own_events_give_the_figures_twice_the_same(
    databases: tuple[Database, Database],
) -> None:
    intake_db, coaching_db = databases
    intake = SqlEventLog(intake_db, "intake").create()
    coaching_db.create(coaching_metadata)
    log = SqlEventLog(coaching_db, "coaching").create()
    aino, bertil = uuid7_str(), uuid7_str()
    for client in (aino, bertil):
        intake_event(
            intake,
            "intake.client_enrolled",
            client,
            project_id=PROJECT,
            coach_id="coach-1",
            entered_on="2026-10-01",
        )
    apply(intake, coaching_db, client_projection(), "clients")
    coaching = Coaching(
        coaching_streams(log),
        SqlClientDirectory(coaching_db),
        SqlPrivateTexts(coaching_db),
        SqlCompanies(coaching_db),
        lambda: TODAY,
    )
    bus = MessageBus(bind(COMMAND_HANDLERS, coaching))
    as_coach = CommandContext(actor="coach-1", project_id=PROJECT, roles=frozenset({"coach"}))

    def details(minutes: int, on: date = TODAY) -> SessionDetails:
        return SessionDetails(
            held_on=on,
            starts_at=time(9),
            duration_minutes=minutes,
            mode=Mode.ONLINE,
            kind=SessionKind.JOB_SEARCH_HELP,
            topics=(Topic.CV,),
        )

    def do(command: object) -> str:
        return bus.handle(command, as_coach).id

    for minutes in (60, 30):
        do(RecordSession(client_id=aino, details=details(minutes), note="muistiinpano"))
    booked = do(BookSession(client_id=bertil, details=details(60, TODAY + timedelta(1))))
    do(CancelSession(session_id=booked, reason=CancelReason.NO_SHOW))
    programme = do(
        PlanProgramme(
            kind=ProgrammeKind.JOB_SEARCH_DAY,
            title="Työnhakupäivä",
            municipality="Vihti",
            starts_on=TODAY - timedelta(7),
            ends_on=TODAY,
        )
    )
    meeting = do(ScheduleMeeting(programme_id=programme, held_on=TODAY, duration_minutes=240))
    for client in (aino, bertil):
        do(JoinProgramme(programme_id=programme, client_id=client, joined_on=TODAY - timedelta(7)))
    marks = {aino: Attendance.PRESENT, bertil: Attendance.ABSENT}
    do(TakeAttendance(programme_id=programme, meeting_id=meeting, marks=marks))
    course = do(OfferCourse(title="VerkkoAgentti", days=2))
    do(EnrolInCourse(course_id=course, client_id=aino, enrolled_on=TODAY))
    for day in (1, 2):
        do(CompleteCourseDay(course_id=course, client_id=aino, day=day, completed_on=TODAY))

    views = SqlViews(coaching_db)

    def figures() -> tuple[object, ...]:
        return (
            {
                (f.client_id, f.sessions_held, f.hours, f.no_shows)
                for f in views.client_figures(PROJECT)
            },
            [
                (p.members, p.marks, p.present, p.no_shows, p.attendance_rate)
                for p in views.programmes(PROJECT)
            ],
            [(r.days_done, r.completed_on) for r in views.courses_of(PROJECT, aino)],
            [r.status for r in views.agenda(PROJECT, "coach-1", TODAY)],
            [p.title for p in views.programmes(PROJECT, bertil)],
        )

    apply(log, coaching_db, own_projection(), "views")
    once = figures()
    assert once == (
        {(aino, 2, 1.5, 0), (bertil, 0, 0.0, 1)},
        [(2, 2, 1, 1, 0.5)],
        [(2, TODAY)],
        ["held", "held", "cancelled"],
        ["Työnhakupäivä"],
    )
    apply(log, coaching_db, own_projection(), f"views-{uuid.uuid4().hex[:6]}")
    assert figures() == once


def test_private_text_is_kept_per_project_and_rewriting_it_is_harmless(
    databases: tuple[Database, Database],
) -> None:
    _intake_db, coaching_db = databases
    coaching_db.create(coaching_metadata)
    texts = SqlPrivateTexts(coaching_db)
    for _ in range(2):
        texts.write("session_note", "s1", project_id=PROJECT, text=" Sama ", author="u1")
    assert texts.read("session_note", "s1", project_id=PROJECT) == "Sama"
    assert texts.read("session_note", "s1", project_id="another") is None
    assert texts.read_many("goal", ["s1"], project_id=PROJECT) == {}
