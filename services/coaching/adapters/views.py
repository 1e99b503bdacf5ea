"""Read models of coaching's own events, for lists and figures (adapter layer).

``own_projection()`` handles coaching's own log through a subscription, with upserts
only, so a replay or a repeated batch changes nothing. The queries below serve the
agenda, the programme list with its attendance rate, and a client's sessions and hours.
Aggregates themselves (a programme's sheet, a client's plan) are folded from their
streams and never read from here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, ScalarSelect, Select, Table, case, func, select, update

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
from shared.eventlog.subscription import Dispatcher, TypedHandler
from shared.events.envelope import RecordedEvent

R = TypeVar("R")


def _into(table: Table, **given: Any) -> TypedHandler:
    """The handler of an event that is stored as it is: its like-named fields upserted into
    ``table`` (see ``tables.put``), with ``given`` for the columns it does not carry."""

    def handle(event: Any, _r: RecordedEvent, conn: Connection) -> None:
        t.put(conn, table, event, **given)

    return handle


def _session(event: e.SessionBooked | e.SessionHeld, _r: RecordedEvent, conn: Connection) -> None:
    held = isinstance(event, e.SessionHeld)
    topics = ",".join(x.value for x in event.topics) if isinstance(event, e.SessionHeld) else ""
    t.put(conn, t.sessions, event, starts_at=event.starts_at.strftime("%H:%M"), topics=topics,
          status="held" if held else "booked", cancel_reason=None)  # fmt: skip


def _cancelled(event: e.SessionCancelled, _r: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(t.sessions)
        .where(t.sessions.c.session_id == event.session_id)
        .values(status="cancelled", cancel_reason=event.reason.value)
    )


def _moved(event: e.SessionMoved, _r: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(t.sessions)
        .where(t.sessions.c.session_id == event.session_id)
        .values(held_on=event.held_on, starts_at=event.starts_at.strftime("%H:%M"),
                duration_minutes=event.duration_minutes)
    )  # fmt: skip


def _course_completed(event: e.CourseCompleted, _r: RecordedEvent, conn: Connection) -> None:
    p = t.course_participants
    conn.execute(
        update(p)
        .where((p.c.course_id == event.course_id) & (p.c.client_id == event.client_id))
        .values(completed_on=event.completed_on)
    )


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
        .on(e.SessionMoved, _moved)
        .on(e.ProgrammePlanned, _into(t.programmes))
        .on(e.ClientJoinedProgramme, _into(t.programme_members))
        .on(e.AttendanceRecorded, _into(t.attendance))
        .on(e.CourseOffered, _into(t.courses))
        .on(e.CourseEnrolled, _into(t.course_participants, completed_on=None))
        .on(e.CourseDayCompleted, _into(t.course_days))
        .on(e.CourseCompleted, _course_completed)
        .on(e.InWorkCoachingStarted, _into(t.in_work_plans, ended_on=None, follow_on=None))
        .on(e.InWorkCoachingEnded, _in_work_ended)
    )


def _session_row(row: Row[Any]) -> SessionRow:
    return t.row_as(SessionRow, row, topics=tuple(x for x in row.topics.split(",") if x))


session_row = _session_row
"""A session's row as the read model keeps it (for the working day's queries)."""


class SqlViews:
    """Queries over the read models; every one names the project."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _fetch(self, query: Select[Any], read: Callable[[Row[Any]], R]) -> list[R]:
        with self.db.read() as conn:
            return [read(row) for row in conn.execute(query)]

    def agenda(self, project_id: str, coach_id: str | None, since: date) -> list[SessionRow]:
        s = t.sessions
        query = select(s).where(s.c.project_id == project_id, s.c.held_on >= since)
        if coach_id is not None:
            query = query.where(s.c.coach_id == coach_id)
        return self._fetch(query.order_by(s.c.held_on, s.c.starts_at), _session_row)

    def sessions_of(self, project_id: str, client_id: str) -> list[SessionRow]:
        s = t.sessions
        query = (
            select(s)
            .where(s.c.project_id == project_id, s.c.client_id == client_id)
            .order_by(s.c.held_on.desc(), s.c.starts_at.desc())
        )
        return self._fetch(query, _session_row)

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

        def marked(*mark: str) -> ScalarSelect[int]:
            """How many marks of the programme (of these kinds, when named) are recorded."""
            also = [a.c.attendance.in_(mark)] if mark else []
            return select(func.count()).where(a.c.programme_id == p.c.programme_id, *also
                                              ).scalar_subquery()  # fmt: skip

        members = select(func.count()).where(m.c.programme_id == p.c.programme_id).scalar_subquery()
        query = select(
            p,
            members.label("members"),
            marked().label("marks"),
            marked("present").label("present"),
            marked("absent").label("no_shows"),
        ).where(p.c.project_id == project_id)
        if client_id is not None:
            query = query.where(
                p.c.programme_id.in_(select(m.c.programme_id).where(m.c.client_id == client_id))
            )
        query = query.order_by(p.c.starts_on.desc(), p.c.title)
        return self._fetch(query, partial(t.row_as, ProgrammeRow))

    def courses(self, project_id: str) -> list[CourseRow]:
        c = t.courses
        query = select(c).where(c.c.project_id == project_id).order_by(c.c.title)
        return self._fetch(query, partial(t.row_as, CourseRow))

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
        return self._fetch(query, partial(t.row_as, CourseRow))

    def in_work_of(self, project_id: str, client_id: str) -> list[InWorkRow]:
        w = t.in_work_plans
        query = (
            select(w)
            .where(w.c.project_id == project_id, w.c.client_id == client_id)
            .order_by(w.c.started_on.desc())
        )
        return self._fetch(query, partial(t.row_as, InWorkRow))
