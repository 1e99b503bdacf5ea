"""Read models of coaching's own events, for lists and figures (adapter layer).

``own_projection()`` handles coaching's own log through a subscription, with upserts
only, so a replay or a repeated batch changes nothing. The queries below serve the
agenda, the programme list with its attendance rate, and a client's sessions and hours.
Aggregates themselves (a programme's sheet, a client's plan) are folded from their
streams and never read from here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, case, func, select, update

from services.coaching.adapters import tables as t
from services.coaching.domain import events as e
from services.coaching.domain.contracts import coaching_contracts
from services.coaching.service_layer.read_models import (
    ClientFigures,
    CourseRow,
    InWorkRow,
    ProgrammeRow,
    SessionRow,
)
from shared.eventlog.sql import Database
from shared.eventlog.subscription import Dispatcher
from shared.events.envelope import RecordedEvent


def _session(event: e.SessionBooked | e.SessionHeld, _r: RecordedEvent, conn: Connection) -> None:
    held = isinstance(event, e.SessionHeld)
    row = {
        "session_id": event.session_id,
        "project_id": event.project_id,
        "client_id": event.client_id,
        "coach_id": event.coach_id,
        "held_on": event.held_on,
        "starts_at": event.starts_at.strftime("%H:%M"),
        "duration_minutes": event.duration_minutes,
        "mode": event.mode.value,
        "kind": event.kind.value,
        "topics": ",".join(x.value for x in event.topics)
        if isinstance(event, e.SessionHeld)
        else "",
        "status": "held" if held else "booked",
        "cancel_reason": None,
    }
    t.upsert(conn, t.sessions, row, ["session_id"])


def _cancelled(event: e.SessionCancelled, _r: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(t.sessions)
        .where(t.sessions.c.session_id == event.session_id)
        .values(status="cancelled", cancel_reason=event.reason.value)
    )


def _planned(event: e.ProgrammePlanned, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "programme_id": event.programme_id,
        "project_id": event.project_id,
        "kind": event.kind.value,
        "title": event.title,
        "municipality": event.municipality,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "coach_id": event.coach_id,
    }
    t.upsert(conn, t.programmes, row, ["programme_id"])


def _joined(event: e.ClientJoinedProgramme, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "programme_id": event.programme_id,
        "client_id": event.client_id,
        "project_id": event.project_id,
        "joined_on": event.joined_on,
    }
    t.upsert(conn, t.programme_members, row, ["programme_id", "client_id"])


def _attended(event: e.AttendanceRecorded, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "meeting_id": event.meeting_id,
        "client_id": event.client_id,
        "programme_id": event.programme_id,
        "project_id": event.project_id,
        "held_on": event.held_on,
        "duration_minutes": event.duration_minutes,
        "attendance": event.attendance.value,
    }
    t.upsert(conn, t.attendance, row, ["meeting_id", "client_id"])


def _offered(event: e.CourseOffered, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "course_id": event.course_id,
        "project_id": event.project_id,
        "title": event.title,
        "days": event.days,
    }
    t.upsert(conn, t.courses, row, ["course_id"])


def _course_enrolled(event: e.CourseEnrolled, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "course_id": event.course_id,
        "client_id": event.client_id,
        "project_id": event.project_id,
        "days": event.days,
        "enrolled_on": event.enrolled_on,
        "completed_on": None,
    }
    t.upsert(conn, t.course_participants, row, ["course_id", "client_id"])


def _day_done(event: e.CourseDayCompleted, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "course_id": event.course_id,
        "client_id": event.client_id,
        "day": event.day,
        "completed_on": event.completed_on,
    }
    t.upsert(conn, t.course_days, row, ["course_id", "client_id", "day"])


def _course_completed(event: e.CourseCompleted, _r: RecordedEvent, conn: Connection) -> None:
    p = t.course_participants
    conn.execute(
        update(p)
        .where((p.c.course_id == event.course_id) & (p.c.client_id == event.client_id))
        .values(completed_on=event.completed_on)
    )


def _in_work_started(event: e.InWorkCoachingStarted, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "plan_id": event.plan_id,
        "project_id": event.project_id,
        "client_id": event.client_id,
        "company_id": event.company_id,
        "started_on": event.started_on,
        "ended_on": None,
        "follow_on": None,
    }
    t.upsert(conn, t.in_work_plans, row, ["plan_id"])


def _in_work_ended(event: e.InWorkCoachingEnded, _r: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(t.in_work_plans)
        .where(t.in_work_plans.c.plan_id == event.plan_id)
        .values(ended_on=event.ended_on, follow_on=event.follow_on.value)
    )


def own_projection() -> Dispatcher:
    """The handler of the ``coaching.views`` subscription to coaching's own log."""
    return (
        Dispatcher(coaching_contracts())
        .on(e.SessionBooked, _session)
        .on(e.SessionHeld, _session)
        .on(e.SessionCancelled, _cancelled)
        .on(e.ProgrammePlanned, _planned)
        .on(e.ClientJoinedProgramme, _joined)
        .on(e.AttendanceRecorded, _attended)
        .on(e.CourseOffered, _offered)
        .on(e.CourseEnrolled, _course_enrolled)
        .on(e.CourseDayCompleted, _day_done)
        .on(e.CourseCompleted, _course_completed)
        .on(e.InWorkCoachingStarted, _in_work_started)
        .on(e.InWorkCoachingEnded, _in_work_ended)
    )


def _session_row(row: Any) -> SessionRow:
    return SessionRow(
        session_id=row.session_id,
        client_id=row.client_id,
        coach_id=row.coach_id,
        held_on=row.held_on,
        starts_at=row.starts_at,
        duration_minutes=row.duration_minutes,
        mode=row.mode,
        kind=row.kind,
        topics=tuple(x for x in row.topics.split(",") if x),
        status=row.status,
        cancel_reason=row.cancel_reason,
    )


class SqlViews:
    """Queries over the read models; every one names the project."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def agenda(self, project_id: str, coach_id: str, since: date) -> list[SessionRow]:
        """The coach's sessions from ``since`` on, in calendar order."""
        s = t.sessions
        query = (
            select(s)
            .where(s.c.project_id == project_id, s.c.coach_id == coach_id, s.c.held_on >= since)
            .order_by(s.c.held_on, s.c.starts_at)
        )
        with self.db.read() as conn:
            return [_session_row(row) for row in conn.execute(query)]

    def sessions_of(self, project_id: str, client_id: str) -> list[SessionRow]:
        s = t.sessions
        query = (
            select(s)
            .where(s.c.project_id == project_id, s.c.client_id == client_id)
            .order_by(s.c.held_on.desc(), s.c.starts_at.desc())
        )
        with self.db.read() as conn:
            return [_session_row(row) for row in conn.execute(query)]

    def client_figures(self, project_id: str) -> list[ClientFigures]:
        """Per client: sessions held, their hours, and booked sessions missed (no-shows)."""
        s = t.sessions
        held = s.c.status == "held"
        query = (
            select(
                s.c.client_id,
                func.sum(case((held, 1), else_=0)).label("held"),
                func.sum(case((held, s.c.duration_minutes), else_=0)).label("minutes"),
                func.sum(case((s.c.cancel_reason == "no_show", 1), else_=0)).label("no_shows"),
            )
            .where(s.c.project_id == project_id)
            .group_by(s.c.client_id)
            .order_by(s.c.client_id)
        )
        with self.db.read() as conn:
            return [
                ClientFigures(
                    client_id=row.client_id,
                    sessions_held=int(row.held or 0),
                    hours=round(int(row.minutes or 0) / 60, 2),
                    no_shows=int(row.no_shows or 0),
                )
                for row in conn.execute(query)
            ]

    def programmes(self, project_id: str, client_id: str | None = None) -> list[ProgrammeRow]:
        """The project's programmes (or one client's) with members and attendance figures."""
        p, m, a = t.programmes, t.programme_members, t.attendance
        members = select(func.count()).where(m.c.programme_id == p.c.programme_id).scalar_subquery()
        marks = select(func.count()).where(a.c.programme_id == p.c.programme_id).scalar_subquery()
        present = (
            select(func.count())
            .where(a.c.programme_id == p.c.programme_id, a.c.attendance == "present")
            .scalar_subquery()
        )
        absent = (
            select(func.count())
            .where(a.c.programme_id == p.c.programme_id, a.c.attendance == "absent")
            .scalar_subquery()
        )
        query = select(
            p,
            members.label("members"),
            marks.label("marks"),
            present.label("present"),
            absent.label("no_shows"),
        ).where(p.c.project_id == project_id)
        if client_id is not None:
            query = query.where(
                p.c.programme_id.in_(select(m.c.programme_id).where(m.c.client_id == client_id))
            )
        query = query.order_by(p.c.starts_on.desc(), p.c.title)
        with self.db.read() as conn:
            return [
                ProgrammeRow(
                    programme_id=row.programme_id,
                    kind=row.kind,
                    title=row.title,
                    municipality=row.municipality,
                    starts_on=row.starts_on,
                    ends_on=row.ends_on,
                    coach_id=row.coach_id,
                    members=row.members,
                    marks=row.marks,
                    present=row.present,
                    no_shows=row.no_shows,
                )
                for row in conn.execute(query)
            ]

    def courses(self, project_id: str) -> list[CourseRow]:
        c = t.courses
        query = select(c).where(c.c.project_id == project_id).order_by(c.c.title)
        with self.db.read() as conn:
            return [
                CourseRow(course_id=row.course_id, title=row.title, days=row.days)
                for row in conn.execute(query)
            ]

    def courses_of(self, project_id: str, client_id: str) -> list[CourseRow]:
        c, p, d = t.courses, t.course_participants, t.course_days
        done = (
            select(func.count())
            .where(d.c.course_id == p.c.course_id, d.c.client_id == p.c.client_id)
            .scalar_subquery()
        )
        query = (
            select(c.c.course_id, c.c.title, p.c.days, p.c.enrolled_on,
                   done.label("days_done"), p.c.completed_on)
            .join(p, p.c.course_id == c.c.course_id)
            .where(p.c.project_id == project_id, p.c.client_id == client_id)
            .order_by(p.c.enrolled_on.desc())
        )  # fmt: skip
        with self.db.read() as conn:
            return [
                CourseRow(
                    course_id=row.course_id,
                    title=row.title,
                    days=row.days,
                    enrolled_on=row.enrolled_on,
                    days_done=row.days_done,
                    completed_on=row.completed_on,
                )
                for row in conn.execute(query)
            ]

    def in_work_of(self, project_id: str, client_id: str) -> list[InWorkRow]:
        w = t.in_work_plans
        query = (
            select(w)
            .where(w.c.project_id == project_id, w.c.client_id == client_id)
            .order_by(w.c.started_on.desc())
        )
        with self.db.read() as conn:
            return [
                InWorkRow(
                    plan_id=row.plan_id,
                    company_id=row.company_id,
                    started_on=row.started_on,
                    ended_on=row.ended_on,
                    follow_on=row.follow_on,
                )
                for row in conn.execute(query)
            ]
