"""A coach's working day on coaching's own database (adapter layer): the projections that
feed it, the ``WorkDay`` queries and the ``CalendarFeeds`` record.

``work_day_projection()`` handles coaching's own log (the ``coaching.work_day``
subscription) and ``leaver_projection()`` intake's (``coaching.intake_leavers``): new
subscriptions start from the first event, so a database made before they existed fills
them by replay. Writes are upserts, so applying an event twice changes nothing.

The rules' facts are picked with indexed queries bounded by date (``RULES_LOOK_BACK``) and
by coach or client, so Today reads a coach's few hundred clients, never the project's all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Select, Table, and_, delete, func, or_, select, union, update

from services.coaching.adapters import day_tables as d
from services.coaching.adapters import tables as t
from services.coaching.adapters.views import session_row
from services.coaching.domain import events as e
from services.coaching.domain import leavers as lv
from services.coaching.domain import tasks as rules
from services.coaching.domain.contracts import coaching_contracts
from services.coaching.domain.day_vocabulary import TaskKind
from services.coaching.domain.moves import Busy
from services.coaching.domain.tasks import Task
from services.coaching.service_layer.day_ports import CalendarEntry, ClientContact, NoteRow
from services.coaching.service_layer.read_models import SessionRow
from shared.eventlog.sql import Database
from shared.eventlog.subscription import Dispatcher
from shared.events.envelope import RecordedEvent

RULES_LOOK_BACK = timedelta(days=400)
"""How far back a rule looks: a six-month follow-up left undone for half a year more is
still shown; older facts no longer make tasks."""
_CHUNK = 500
LIVE = ("booked", "held")
"""A session's statuses that take time on a calendar (a cancelled one does not): named
as a list, so the index by project, status and day serves the week."""


# Projections


def _task_step(event: e.TaskEvent, _r: RecordedEvent, conn: Connection) -> None:
    """Any step of a task says all of it, so a rule's task starts its row with its first.
    Nothing follows a task's being done, so every other step leaves it open."""
    row: dict[str, Any] = {
        "task_id": event.task_id, "project_id": event.project_id, "client_id": event.client_id,
        "owner_id": event.owner_id, "kind": event.kind.value, "due_on": event.due_on,
        "done_on": event.done_on if isinstance(event, e.TaskDone) else None,
    }  # fmt: skip
    t.upsert(conn, d.tasks, row, ["task_id"])


def _note(event: e.CaseNoteWritten, _r: RecordedEvent, conn: Connection) -> None:
    t.put(conn, d.case_notes, event)


def _meeting(event: e.MeetingScheduled, _r: RecordedEvent, conn: Connection) -> None:
    hour = event.starts_at.strftime("%H:%M") if event.starts_at is not None else None
    t.put(conn, d.meetings, event, starts_at=hour)


def _reviewed(event: e.InWorkProgressReviewed, _r: RecordedEvent, conn: Connection) -> None:
    r = d.in_work_reviews
    found = conn.execute(select(r.c.reviewed_on).where(r.c.plan_id == event.plan_id)).first()
    if found is None or found.reviewed_on < event.reviewed_on:
        t.put(conn, r, event)


def _goal_set(event: e.GoalSet, _r: RecordedEvent, conn: Connection) -> None:
    t.put(conn, d.goals, event, open=True)


def _goal_reviewed(event: e.GoalReviewed, _r: RecordedEvent, conn: Connection) -> None:
    t.put(conn, d.goals, event, open=not event.outcome.closes_goal)


def work_day_projection() -> Dispatcher:
    """The handler of the ``coaching.work_day`` subscription to coaching's own log."""
    return (
        Dispatcher(coaching_contracts())
        .on(e.TaskCreated, _task_step)
        .on(e.TaskDone, _task_step)
        .on(e.TaskReassigned, _task_step)
        .on(e.CaseNoteWritten, _note)
        .on(e.MeetingScheduled, _meeting)
        .on(e.InWorkProgressReviewed, _reviewed)
        .on(e.GoalSet, _goal_set)
        .on(e.GoalReviewed, _goal_reviewed)
    )


def _exited(event: lv.LeaverExited, _r: RecordedEvent, conn: Connection) -> None:
    row = {
        "client_id": event.client_id, "exited_on": event.exited_on,
        "status_known": event.exit_status != lv.UNKNOWN_STATUS,
        "upon_leaving_recorded": False, "followed_up_on": None,
    }  # fmt: skip
    t.upsert(conn, d.leavers, row, ["client_id"])


def _re_entered(event: lv.LeaverReEntered, _r: RecordedEvent, conn: Connection) -> None:
    conn.execute(delete(d.leavers).where(d.leavers.c.client_id == event.client_id))


def _of_exit(client_id: str, exited_on: date) -> Any:
    return and_(d.leavers.c.client_id == client_id, d.leavers.c.exited_on == exited_on)


def _status(event: lv.LeaverStatusRecorded, _r: RecordedEvent, conn: Connection) -> None:
    known = event.exit_status != lv.UNKNOWN_STATUS
    conn.execute(
        update(d.leavers)
        .where(_of_exit(event.client_id, event.exited_on))
        .values(status_known=known, upon_leaving_recorded=True)
    )


def _followed_up(event: lv.LeaverFollowedUp, _r: RecordedEvent, conn: Connection) -> None:
    """From its due day on, a follow-up is the six-month one; before, the four-week one."""
    values: dict[str, Any] = (
        {"followed_up_on": event.checked_on}
        if event.checked_on >= event.due_on
        else {"upon_leaving_recorded": True}
    )
    exit_of = _of_exit(event.client_id, event.exited_on)
    conn.execute(update(d.leavers).where(exit_of).values(**values))


def leaver_projection() -> Dispatcher:
    """The handler of the ``coaching.intake_leavers`` subscription to intake's log."""
    return (
        Dispatcher(lv.leaver_readers())
        .on(lv.LeaverExited, _exited)
        .on(lv.LeaverReEntered, _re_entered)
        .on(lv.LeaverStatusRecorded, _status)
        .on(lv.LeaverFollowedUp, _followed_up)
    )


# Queries


def _recorded(row: Any) -> Task:
    return Task(
        task_id=row.task_id, client_id=row.client_id, project_id=row.project_id,
        owner_id=row.owner_id, kind=TaskKind(row.kind), due_on=row.due_on, done_on=row.done_on,
    )  # fmt: skip


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@dataclasses.dataclass(frozen=True, slots=True)
class _Scope:
    """What every rule's query is bounded by: the project, the day, how far back it looks,
    and one coach's clients or the chosen clients."""

    conn: Connection
    project_id: str
    today: date
    since: date
    coach_id: str | None
    client_ids: Sequence[str] | None

    def of_clients(self, query: Select[Any], column: Any) -> Select[Any]:
        """Only the chosen clients, or the coach's (by the client's coach)."""
        if self.client_ids is not None:
            query = query.where(column.in_(self.client_ids))
        if self.coach_id is not None:
            query = query.where(t.clients.c.coach_id == self.coach_id)
        return query


def _unrecorded_sessions(x: _Scope) -> list[Task]:
    """Booked sessions in the past whose outcome nobody recorded."""
    s = t.sessions
    sessions = select(s.c.session_id, s.c.client_id, s.c.coach_id, s.c.held_on).where(
        s.c.project_id == x.project_id, s.c.status == "booked",
        s.c.held_on < x.today, s.c.held_on >= x.since,
    )  # fmt: skip
    if x.client_ids is not None:
        sessions = sessions.where(s.c.client_id.in_(x.client_ids))
    if x.coach_id is not None:
        sessions = sessions.where(s.c.coach_id == x.coach_id)
    return [
        rules.unrecorded_session(row.session_id, row.client_id, x.project_id, row.coach_id,
                                 row.held_on)
        for row in x.conn.execute(sessions)
    ]  # fmt: skip


def _after_exits(x: _Scope) -> list[Task]:
    """What is still to record about a recent leaver: the status, the follow-up."""
    c, lvs = t.clients, d.leavers
    leavers = x.of_clients(
        select(lvs, c.c.coach_id)
        .join(c, c.c.client_id == lvs.c.client_id)
        .where(c.c.project_id == x.project_id, lvs.c.exited_on >= x.since),
        lvs.c.client_id,
    )
    found: list[Task] = []
    for row in x.conn.execute(leavers):
        leaver = rules.Leaver(
            client_id=row.client_id, project_id=x.project_id, coach_id=row.coach_id,
            exited_on=row.exited_on, status_known=bool(row.status_known),
            upon_leaving_recorded=bool(row.upon_leaving_recorded),
            followed_up_on=row.followed_up_on,
        )  # fmt: skip
        found += rules.after_exit(leaver)
    return found


def _in_work_reviews(x: _Scope) -> list[Task]:
    """Open in-work coaching plans, each due a review counted from its last one."""
    c, w, r = t.clients, t.in_work_plans, d.in_work_reviews
    plans = x.of_clients(
        select(w.c.plan_id, w.c.client_id, w.c.started_on, r.c.reviewed_on, c.c.coach_id)
        .join(c, c.c.client_id == w.c.client_id)
        .outerjoin(r, r.c.plan_id == w.c.plan_id)
        .where(w.c.project_id == x.project_id, w.c.ended_on.is_(None)),
        w.c.client_id,
    )
    found: list[Task] = []
    for row in x.conn.execute(plans):
        since_review = max(row.started_on, row.reviewed_on or row.started_on)
        found.append(rules.in_work_review(row.plan_id, row.client_id, x.project_id,
                                          row.coach_id, since_review))  # fmt: skip
    return found


def _overdue_goals(x: _Scope) -> list[Task]:
    """Open goals of active clients whose target date has passed."""
    c, g = t.clients, d.goals
    goals = x.of_clients(
        select(g.c.goal_id, g.c.client_id, g.c.target_date, c.c.coach_id)
        .join(c, c.c.client_id == g.c.client_id)
        .where(g.c.project_id == x.project_id, g.c.open.is_(True), g.c.target_date < x.today,
               g.c.target_date >= x.since, c.c.active.is_(True)),
        g.c.client_id,
    )  # fmt: skip
    found: list[Task] = []
    for row in x.conn.execute(goals):
        overdue = rules.goal_overdue(row.goal_id, row.client_id, x.project_id, row.coach_id,
                                     row.target_date, x.today)  # fmt: skip
        if overdue is not None:
            found.append(overdue)
    return found


def _stuck_on_courses(x: _Scope) -> list[Task]:
    """Active clients on a course they have not attended for a while."""
    c, p, days = t.clients, t.course_participants, t.course_days
    last_day = (
        select(func.max(days.c.completed_on))
        .where(days.c.course_id == p.c.course_id, days.c.client_id == p.c.client_id)
        .scalar_subquery()
    )
    courses = x.of_clients(
        select(p.c.course_id, p.c.client_id, p.c.enrolled_on, last_day.label("last_day"),
               c.c.coach_id)
        .join(c, c.c.client_id == p.c.client_id)
        .where(p.c.project_id == x.project_id, p.c.completed_on.is_(None),
               c.c.active.is_(True)),
        p.c.client_id,
    )  # fmt: skip
    found: list[Task] = []
    for row in x.conn.execute(courses):
        last = max(row.enrolled_on, row.last_day or row.enrolled_on)
        stuck = rules.stuck_on_course(row.course_id, row.client_id, x.project_id,
                                      row.coach_id, last, x.today)  # fmt: skip
        if stuck is not None:
            found.append(stuck)
    return found


_RULES: tuple[Callable[[_Scope], list[Task]], ...] = (
    _unrecorded_sessions, _after_exits, _in_work_reviews, _overdue_goals, _stuck_on_courses,
)  # fmt: skip
"""The rules that derive tasks, in the order their tasks are listed."""


class SqlWorkDay:
    """The ``WorkDay`` port; every query names the project."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # Tasks

    def open_tasks(
        self, project_id: str, today: date, *, owner_id: str | None = None,
        client_id: str | None = None,
    ) -> list[Task]:  # fmt: skip
        clients = [client_id] if client_id else None
        with self.db.read() as conn:
            derived = self._derive(conn, project_id, today, coach_id=owner_id, client_ids=clients)
            recorded = self._recorded_of(conn, project_id, [x.task_id for x in derived])
            tk = d.tasks
            mine = select(tk).where(tk.c.project_id == project_id, tk.c.done_on.is_(None))
            if client_id:
                mine = mine.where(tk.c.client_id == client_id)
            elif owner_id:
                mine = mine.where(tk.c.owner_id == owner_id)
            else:
                mine = mine.where(tk.c.kind == TaskKind.OWN.value)
            open_rows = [_recorded(row) for row in conn.execute(mine)]
            handed = sorted({x.client_id for x in open_rows if x.kind is not TaskKind.OWN
                             and x.task_id not in recorded})  # fmt: skip
            if handed:  # a rule's task handed to this coach: is its rule still holding?
                more = self._derive(conn, project_id, today, client_ids=handed)
                derived += more
                recorded |= self._recorded_of(conn, project_id, [x.task_id for x in more])
        recorded |= {x.task_id: x for x in open_rows if x.kind is TaskKind.OWN}
        return rules.outstanding(derived, recorded, owner_id=owner_id)

    def _recorded_of(
        self, conn: Connection, project_id: str, task_ids: Sequence[str]
    ) -> dict[str, Task]:
        found: dict[str, Task] = {}
        for chunk in _chunks(list(dict.fromkeys(task_ids))):
            query = select(d.tasks).where(
                d.tasks.c.project_id == project_id, d.tasks.c.task_id.in_(chunk)
            )
            found |= {row.task_id: _recorded(row) for row in conn.execute(query)}
        return found

    def _derive(
        self, conn: Connection, project_id: str, today: date, *, coach_id: str | None = None,
        client_ids: Sequence[str] | None = None,
    ) -> list[Task]:  # fmt: skip
        """Every rule's tasks of the project (one coach's, or some clients'), rule by rule."""
        scope = _Scope(conn, project_id, today, today - RULES_LOOK_BACK, coach_id, client_ids)
        return [task for rule in _RULES for task in rule(scope)]

    # Notes and clients

    def notes_of(self, project_id: str, client_id: str) -> list[NoteRow]:
        n = d.case_notes
        query = (
            select(n)
            .where(n.c.project_id == project_id, n.c.client_id == client_id)
            .order_by(n.c.noted_on.desc(), n.c.note_id.desc())
        )
        with self.db.read() as conn:
            return [t.row_as(NoteRow, row) for row in conn.execute(query)]

    def clients_of(self, project_id: str, coach_id: str) -> list[ClientContact]:
        c, s, n = t.clients, t.sessions, d.case_notes
        mine = select(c.c.client_id).where(c.c.project_id == project_id, c.c.coach_id == coach_id)
        held = (
            select(s.c.client_id, func.max(s.c.held_on).label("last"))
            .where(s.c.project_id == project_id, s.c.status == "held",
                   s.c.client_id.in_(mine))
            .group_by(s.c.client_id)
        )  # fmt: skip
        noted = (
            select(n.c.client_id, func.max(n.c.noted_on).label("last"))
            .where(n.c.project_id == project_id, n.c.client_id.in_(mine))
            .group_by(n.c.client_id)
        )
        with self.db.read() as conn:
            rows = conn.execute(
                select(c.c.client_id, c.c.active).where(
                    c.c.project_id == project_id, c.c.coach_id == coach_id
                )
            ).all()
            last: dict[str, date] = {}
            for query in (held, noted):
                for row in conn.execute(query):
                    if row.client_id not in last or last[row.client_id] < row.last:
                        last[row.client_id] = row.last
        contacts = [
            ClientContact(client_id=row.client_id, active=bool(row.active),
                          last_contact_on=last.get(row.client_id))
            for row in rows
        ]  # fmt: skip
        return sorted(contacts, key=lambda x: (not x.active, x.last_contact_on or date.min))

    # The calendar

    def calendar(
        self, project_id: str, coach_id: str | None, first: date, last: date
    ) -> list[CalendarEntry]:
        s, m, p = t.sessions, d.meetings, t.programmes
        sessions = select(s).where(
            s.c.project_id == project_id, s.c.status.in_(LIVE), s.c.held_on >= first,
            s.c.held_on <= last,
        )  # fmt: skip
        meetings = (
            select(m, p.c.title, p.c.coach_id, p.c.municipality)
            .join(p, p.c.programme_id == m.c.programme_id)
            .where(m.c.project_id == project_id, m.c.held_on >= first, m.c.held_on <= last)
        )
        if coach_id is not None:
            sessions = sessions.where(s.c.coach_id == coach_id)
            meetings = meetings.where(p.c.coach_id == coach_id)
        with self.db.read() as conn:
            entries = [
                CalendarEntry(
                    entry_id=row.session_id, kind="session", coach_id=row.coach_id,
                    held_on=row.held_on, starts_at=row.starts_at,
                    duration_minutes=row.duration_minutes, status=row.status,
                    client_id=row.client_id, mode=row.mode,
                )
                for row in conn.execute(sessions)
            ] + [
                CalendarEntry(
                    entry_id=row.meeting_id, kind="meeting", coach_id=row.coach_id,
                    held_on=row.held_on, starts_at=row.starts_at or "",
                    duration_minutes=row.duration_minutes,
                    status="meeting", programme_id=row.programme_id, title=row.title,
                    place=row.municipality,
                )
                for row in conn.execute(meetings)
            ]  # fmt: skip
        return sorted(entries, key=lambda x: (x.held_on, x.starts_at, x.entry_id))

    def sessions_between(
        self, project_id: str, coach_id: str | None, first: date, last: date
    ) -> list[SessionRow]:
        s = t.sessions
        query = select(s).where(
            s.c.project_id == project_id, s.c.held_on >= first, s.c.held_on <= last
        )
        if coach_id is not None:
            query = query.where(s.c.coach_id == coach_id)
        with self.db.read() as conn:
            rows = conn.execute(query.order_by(s.c.held_on, s.c.starts_at)).all()
        return [session_row(row) for row in rows]

    def busy(self, project_id: str, held_on: date, coach_id: str, client_id: str) -> list[Busy]:
        s = t.sessions
        query = select(s).where(
            s.c.project_id == project_id, s.c.held_on == held_on, s.c.status != "cancelled",
            or_(s.c.coach_id == coach_id, s.c.client_id == client_id),
        )  # fmt: skip
        with self.db.read() as conn:
            return [
                Busy(
                    session_id=row.session_id, coach_id=row.coach_id, client_id=row.client_id,
                    held_on=row.held_on, starts_at=time.fromisoformat(row.starts_at),
                    duration_minutes=row.duration_minutes,
                )
                for row in conn.execute(query)
            ]  # fmt: skip

    def coaches(self, project_id: str) -> list[str]:
        query = union(
            _each_coach(t.clients, project_id),
            _each_coach(t.sessions, project_id),
            select(t.programmes.c.coach_id).where(t.programmes.c.project_id == project_id),
        )
        with self.db.read() as conn:
            return sorted({row[0] for row in conn.execute(query) if row[0] is not None})


def _each_coach(table: Table, project_id: str) -> Select[tuple[str]]:
    """The coaches of ``table``'s rows in the project, found by stepping from one coach to
    the next along the index on (project, coach) rather than reading every row: a project
    has tens of coaches and hundreds of thousands of sessions (a loose index scan)."""
    coach, project = table.c.coach_id, table.c.project_id
    steps = select(func.min(coach).label("coach")).where(project == project_id)
    found = steps.cte(f"{table.name}_coaches", recursive=True)
    after = select(func.min(coach)).where(project == project_id, coach > found.c.coach)
    found = found.union_all(select(after.scalar_subquery()).where(found.c.coach.is_not(None)))
    return select(found.c.coach).where(found.c.coach.is_not(None))


class SqlCalendarFeeds:
    """The ``CalendarFeeds`` port: one feed per coach and project, kept as a hash."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def issue(self, project_id: str, coach_id: str, token_hash: str) -> None:
        row = {"project_id": project_id, "coach_id": coach_id, "token_hash": token_hash,
               "issued_at": datetime.now(UTC)}  # fmt: skip
        with self.db.engine.begin() as conn:
            t.upsert(conn, d.calendar_feeds, row, ["project_id", "coach_id"])

    def revoke(self, project_id: str, coach_id: str) -> bool:
        f = d.calendar_feeds
        with self.db.engine.begin() as conn:
            gone = conn.execute(
                delete(f).where(f.c.project_id == project_id, f.c.coach_id == coach_id)
            )
        return bool(gone.rowcount)

    def holder(self, token_hash: str) -> tuple[str, str] | None:
        f = d.calendar_feeds
        with self.db.read() as conn:
            row = conn.execute(
                select(f.c.project_id, f.c.coach_id).where(f.c.token_hash == token_hash)
            ).first()
        return (row.project_id, row.coach_id) if row else None

    def issued(self, project_id: str, coach_id: str) -> bool:
        f = d.calendar_feeds
        query = select(f.c.coach_id).where(f.c.project_id == project_id, f.c.coach_id == coach_id)
        with self.db.read() as conn:
            return conn.execute(query).first() is not None
