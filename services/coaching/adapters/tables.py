"""Coaching's own tables, beside its log in its own database (adapter layer).

Three kinds: projections of intake's clients (who may be booked, and the facts that tell
two of the same name apart), private text that never leaves coaching (case notes, goal
wording), and read models of coaching's own events for lists and figures. Projections are
rebuilt by replaying the logs; private text is the only thing here that exists nowhere
else.
"""

from __future__ import annotations

import dataclasses
import functools
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Executable,
    Index,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects import postgresql, sqlite

from shared.partner_consent import withdrawn_table

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    R = TypeVar("R", bound=DataclassInstance)

coaching_metadata = MetaData()


def key(name: str) -> Column[str]:
    """A part of the primary key: an id (a UUID as text)."""
    return Column(name, String(36), primary_key=True)


def ref(name: str) -> Column[str]:
    """The id of another thing (a client, a coach, a company), always there."""
    return Column(name, String(36), nullable=False)


def project(*, index: bool = False) -> Column[str]:
    """The project a row belongs to: every query names it."""
    return Column("project_id", String(64), nullable=False, index=index)


clients = Table(
    "coaching_clients",
    coaching_metadata,
    key("client_id"),
    project(),
    ref("coach_id"),
    Column("active", Boolean, nullable=False),
    Column("entered_on", Date, nullable=False),
    Column("exited_on", Date, nullable=True),
    Index("coaching_clients_by_project", "project_id", "coach_id"),
)

client_facts = Table(
    "coaching_client_facts",
    coaching_metadata,
    key("client_id"),
    project(index=True),
    Column("municipality", String(100), nullable=False),
    Column("entered_on", Date, nullable=False),
)
"""What tells clients of the same name apart on a page (its own subscription, so that a
database made before it existed fills it from the start of intake's log)."""

private_texts = Table(
    "coaching_private_texts",
    coaching_metadata,
    Column("kind", String(32), primary_key=True),
    key("key"),
    project(),
    Column("text", Text, nullable=False),
    ref("author"),
    Column("written_at", DateTime(timezone=True), nullable=False),
)

sharing_withdrawn = withdrawn_table(coaching_metadata, "coaching")
"""Intake's decisions on sharing with partner projects, per client asked: coaching's
partner feeds hold back events about clients who withdrew (``shared.partner_consent``)."""

sessions = Table(
    "coaching_sessions",
    coaching_metadata,
    key("session_id"),
    project(),
    ref("client_id"),
    ref("coach_id"),
    Column("held_on", Date, nullable=False),
    Column("starts_at", String(8), nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("topics", String(400), nullable=False),
    Column("status", String(16), nullable=False),
    Column("cancel_reason", String(32), nullable=True),
    Index("coaching_sessions_by_coach", "project_id", "coach_id", "held_on"),
    Index("coaching_sessions_by_client", "project_id", "client_id"),
    Index("coaching_sessions_last_held", "project_id", "client_id", "status", "held_on"),
)

programmes = Table(
    "coaching_programmes",
    coaching_metadata,
    key("programme_id"),
    project(index=True),
    Column("kind", String(32), nullable=False),
    Column("title", String(200), nullable=False),
    Column("municipality", String(100), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    ref("coach_id"),
)

programme_members = Table(
    "coaching_programme_members",
    coaching_metadata,
    key("programme_id"),
    key("client_id"),
    project(),
    Column("joined_on", Date, nullable=False),
    Index("coaching_members_by_client", "project_id", "client_id"),
)

attendance = Table(
    "coaching_attendance",
    coaching_metadata,
    key("meeting_id"),
    key("client_id"),
    Column("programme_id", String(36), nullable=False, index=True),
    project(),
    Column("held_on", Date, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("attendance", String(16), nullable=False),
)

course_participants = Table(
    "coaching_course_participants",
    coaching_metadata,
    key("course_id"),
    key("client_id"),
    project(),
    Column("days", Integer, nullable=False),
    Column("enrolled_on", Date, nullable=False),
    Column("completed_on", Date, nullable=True),
    Index("coaching_courses_by_client", "project_id", "client_id"),
)

course_days = Table(
    "coaching_course_days",
    coaching_metadata,
    key("course_id"),
    key("client_id"),
    Column("day", Integer, primary_key=True),
    Column("completed_on", Date, nullable=False),
)

courses = Table(
    "coaching_courses",
    coaching_metadata,
    key("course_id"),
    project(index=True),
    Column("title", String(200), nullable=False),
    Column("days", Integer, nullable=False),
)

in_work_plans = Table(
    "coaching_in_work_plans",
    coaching_metadata,
    key("plan_id"),
    project(),
    ref("client_id"),
    ref("company_id"),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date, nullable=True),
    Column("follow_on", String(32), nullable=True),
    Index("coaching_in_work_by_client", "project_id", "client_id"),
)


companies = Table(
    "coaching_companies",
    coaching_metadata,
    key("company_id"),
    project(index=True),
    Column("business_id", String(16), nullable=False),
    Column("trade_name", String(200), nullable=False),
    Column("municipality", String(100), nullable=False),
)


def upsert(conn: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> None:
    """Insert, or update the row with the same key: safe to apply any number of times."""
    conn.execute(_upsert_statement(conn.dialect.name, table, tuple(values), tuple(keys)), values)


@functools.lru_cache(maxsize=256)
def _upsert_statement(
    dialect_name: str, table: Table, columns: tuple[str, ...], keys: tuple[str, ...]
) -> Executable:
    """The upsert of these columns, built once with bound parameters: a projection runs
    it for every event, and building it with its values cost more than running it."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table)
    changes = {name: statement.excluded[name] for name in columns if name not in keys}
    built: Executable = (
        statement.on_conflict_do_update(index_elements=list(keys), set_=changes)
        if changes
        else statement.on_conflict_do_nothing(index_elements=list(keys))
    )
    return built


def put(conn: Connection, table: Table, source: object, **given: Any) -> None:
    """Upsert the row of ``table`` taken from ``source`` (an event), by its primary key.

    Each column takes the like-named field of ``source`` (an enum by its wire value) unless
    ``given`` sets it: a projection names only what it derives or resets.
    """
    row: dict[str, Any] = {}
    for name in (column.name for column in table.columns):
        if name in given:
            row[name] = given[name]
        elif hasattr(source, name):
            value = getattr(source, name)
            row[name] = value.value if isinstance(value, Enum) else value
    upsert(conn, table, row, [column.name for column in table.primary_key.columns])


def row_as(kind: type[R], row: Row[Any], **given: Any) -> R:
    """A read model's row from the like-named columns of a query's row; ``given`` sets the
    fields a column does not hold as they are."""
    columns = row._mapping
    names = [field.name for field in dataclasses.fields(kind) if field.name not in given]
    return kind(**{name: columns[name] for name in names if name in columns}, **given)
