"""Coaching's tables of a coach's working day, beside its other tables (adapter layer).

Read models (rebuilt by replay): the tasks coaches acted on (``coaching_tasks``: their own,
and a rule's task once done or handed over), case notes as listed, group meetings for the
calendar, the last in-work review of each plan, and intake's leavers. A record kept by
migrations: the hashes of the calendar feeds' secrets.

Indexes serve the Today page and the week's calendar: a coach's open tasks, a client's
notes, booked sessions whose day has passed, meetings by day, leavers by exit day.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Index, Integer, String, Table

from services.coaching.adapters.tables import coaching_metadata, key, project, ref, sessions

tasks = Table(
    "coaching_tasks",
    coaching_metadata,
    key("task_id"),
    project(),
    ref("client_id"),
    ref("owner_id"),
    Column("kind", String(32), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("done_on", Date, nullable=True),
    Index("coaching_tasks_by_owner", "project_id", "owner_id", "done_on"),
    Index("coaching_tasks_by_client", "project_id", "client_id"),
)

case_notes = Table(
    "coaching_case_notes",
    coaching_metadata,
    key("note_id"),
    project(),
    ref("client_id"),
    ref("author_id"),
    Column("kind", String(16), nullable=False),
    Column("noted_on", Date, nullable=False),
    Index("coaching_notes_by_client", "project_id", "client_id", "noted_on"),
)

meetings = Table(
    "coaching_meetings",
    coaching_metadata,
    key("meeting_id"),
    project(),
    Column("programme_id", String(36), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("starts_at", String(5), nullable=True),  # HH:MM; none: a day without an hour
    Index("coaching_meetings_by_day", "project_id", "held_on"),
)

in_work_reviews = Table(
    "coaching_in_work_reviews",
    coaching_metadata,
    key("plan_id"),
    project(),
    Column("reviewed_on", Date, nullable=False),
)

goals = Table(
    "coaching_goals",
    coaching_metadata,
    key("goal_id"),
    project(),
    ref("client_id"),
    Column("target_date", Date, nullable=False),
    Column("open", Boolean, nullable=False),
    Index("coaching_goals_by_client", "project_id", "client_id"),
)
"""The goals of the clients' plans: their target date and whether they are still open."""

leavers = Table(
    "coaching_leavers",
    coaching_metadata,
    key("client_id"),
    Column("exited_on", Date, nullable=False),
    Column("status_known", Boolean, nullable=False),
    Column("upon_leaving_recorded", Boolean, nullable=False),
    Column("followed_up_on", Date, nullable=True),
    Index("coaching_leavers_by_day", "exited_on"),
)
"""The latest exit of each client who has left (a re-entry removes the row)."""

calendar_feeds = Table(
    "coaching_calendar_feeds",
    coaching_metadata,
    Column("project_id", String(64), primary_key=True),
    Column("coach_id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("issued_at", DateTime(timezone=True), nullable=False),
)

booked_by_day = Index(
    "coaching_sessions_by_status", sessions.c.project_id, sessions.c.status, sessions.c.held_on
)
"""The booked sessions of a project whose day has passed, without reading every session."""

PROJECTIONS = (
    "coaching_tasks",
    "coaching_case_notes",
    "coaching_meetings",
    "coaching_in_work_reviews",
    "coaching_leavers",
    "coaching_goals",
)
