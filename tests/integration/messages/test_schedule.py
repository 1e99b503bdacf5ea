"""Intake's schedule of messages from coaching's events, on SQLite and PostgreSQL: group
meetings invite their members (and members who join later), an absence without notice
gets the neutral message, and events applied again (a consumer resuming from an older
checkpoint) queue nothing twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text, update

from services.coaching.domain.events import (
    AttendanceRecorded,
    ClientJoinedProgramme,
    MeetingScheduled,
    ProgrammePlanned,
    SessionBooked,
    SessionMoved,
)
from services.coaching.domain.vocabulary import Attendance, Mode, ProgrammeKind, SessionKind
from services.intake.adapters.messages import SqlMessages, message_outbox, schedule_projection
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.sql.schema import checkpoints
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.events.envelope import Context, NewEvent

PROJECT = "A"
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
MEETING_DAY = date(2026, 12, 10)


@pytest.fixture(params=["sqlite", "postgres"])
def intake_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
        yield db
        db.dispose()
        return
    url: str = request.getfixturevalue("postgres_url")
    schema = f"{request.getfixturevalue('pg_schema')}_m"
    db = open_database(url, schema=schema)
    yield db
    with db.engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    db.dispose()


def _append(log: SqlEventLog, *events: object) -> None:
    for event in events:
        log.append(
            "coaching-x", [NewEvent.of(event, Context(project_id=PROJECT, actor="coach-1"))], ANY
        )


def _run(coaching: SqlEventLog, intake_db: Database) -> int:
    store = ConsumerStore(intake_db).create()
    handler = schedule_projection(lambda: NOW)
    return LogSubscription("intake.messages", coaching, store, handler).catch_up()


def _outbox(intake_db: Database) -> Counter[tuple[str, str, str]]:
    with intake_db.read() as conn:
        rows = conn.execute(
            message_outbox.select().where(message_outbox.c.channel == "email")
        ).mappings()
        return Counter((r["client_id"], r["kind"], r["state"]) for r in rows)


def test_group_meetings_invite_members_and_replaying_queues_nothing_twice(
    intake_db: Database, tmp_path: Path
) -> None:
    SqlMessages(intake_db).create()
    coaching = SqlEventLog(open_database(f"sqlite:///{tmp_path / 'c.sqlite3'}"), "coaching")
    coaching.create()
    _append(
        coaching,
        ProgrammePlanned(
            programme_id="p1", project_id=PROJECT, kind=ProgrammeKind.JOB_SEEKERS_GROUP,
            title="DuuniKaverit", municipality="Lohja", starts_on=date(2026, 12, 1),
            ends_on=date(2026, 12, 20), coach_id="coach-1",
        ),
        ClientJoinedProgramme(
            programme_id="p1", client_id="early", project_id=PROJECT, joined_on=date(2026, 12, 1)
        ),
        MeetingScheduled(
            programme_id="p1", meeting_id="m1", project_id=PROJECT, held_on=MEETING_DAY,
            duration_minutes=180,
        ),
        ClientJoinedProgramme(
            programme_id="p1", client_id="late", project_id=PROJECT, joined_on=date(2026, 12, 2)
        ),
        SessionBooked(
            session_id="s1", client_id="early", project_id=PROJECT, coach_id="coach-1",
            held_on=date(2026, 12, 5), starts_at=time(10, 0), duration_minutes=60,
            mode=Mode.ONLINE, kind=SessionKind.PERSONAL_COACHING,
        ),
        SessionMoved(
            session_id="s1", client_id="early", project_id=PROJECT, coach_id="coach-1",
            held_on=date(2026, 12, 8), starts_at=time(12, 0), duration_minutes=60,
            moved_from=date(2026, 12, 5),
        ),
        AttendanceRecorded(
            programme_id="p1", meeting_id="m1", client_id="late", project_id=PROJECT,
            held_on=MEETING_DAY, duration_minutes=180, attendance=Attendance.ABSENT,
        ),
    )  # fmt: skip
    assert _run(coaching, intake_db) == 7
    first = _outbox(intake_db)
    assert first == Counter(
        {
            ("early", "group_invitation", "queued"): 1,
            ("early", "group_reminder", "queued"): 1,  # 48 h: the 2 h one needs a time
            ("late", "group_invitation", "queued"): 1,
            ("late", "group_reminder", "queued"): 1,
            ("late", "no_show", "queued"): 1,
            ("early", "invitation", "queued"): 1,
            ("early", "reminder", "cancelled"): 2,  # the booked time's, dropped by the move
            ("early", "reminder", "queued"): 2,  # the new time's
        }
    )
    outbox = SqlMessages(intake_db, lambda: NOW + timedelta(days=9))
    reminder = next(r for r in outbox.of_client(PROJECT, "early") if r.kind == "group_reminder")
    assert reminder.due_at == datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # 9.00 in Helsinki

    with intake_db.engine.begin() as conn:  # a consumer resuming from an older checkpoint
        conn.execute(update(checkpoints).values(position=0))
    assert _run(coaching, intake_db) == 7
    assert _outbox(intake_db) == first
