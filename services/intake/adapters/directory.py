"""Read models of intake, fed by subscriptions (adapter layer).

- ``project_directory``: every hosted project and its current plan;
- ``client_directory``: one row per client for the list and search (status, coach,
  municipality, dates), joined with the personal-data store for names;
- ``client_timeline``: every event about a client from every service, for the client
  page; other services' events come through their logs or topics, never their code.

Rows are written with the subscription's own connection, so a row and the checkpoint that
covers it commit together; each write is also idempotent (upsert, or insert keyed by event
id), so a batch applied twice changes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, time
from typing import Any, Final

import orjson
from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.stored_moments import zoned
from services.intake.domain.contracts import intake_contracts
from services.intake.domain.events import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    ContactDetailsChanged,
    DocumentAdded,
    DocumentRemoved,
    FollowUpRecorded,
    ProjectPlanChanged,
    ProjectRegistered,
    StartDataCorrected,
    StatusUponLeavingRecorded,
)
from services.intake.service_layer.directory import (
    ClientRow,
    ClientSearch,
    ProjectRow,
    TimelineEntry,
    business_moment,
)
from services.intake.service_layer.restriction import RESTRICTION
from shared.business_dates import HELSINKI
from shared.eventlog.sql import Database
from shared.eventlog.sql.rows import upsert
from shared.eventlog.sql.schema import events
from shared.eventlog.subscription import Dispatcher
from shared.events.codec import loads, payload_of
from shared.events.envelope import RecordedEvent

RESTRICTION_PREFIX = RESTRICTION.stream("")
"""A restriction's stream is ``restriction-<client>``."""
RESTRICTION_EVENTS = ("intake.processing_restricted", "intake.processing_restriction_lifted")

directory_metadata = MetaData()

project_directory = Table(
    "project_directory",
    directory_metadata,
    Column("project_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("plan", Text, nullable=False),
    Column("position", Integer, nullable=False),
)

client_directory = Table(
    "client_directory",
    directory_metadata,
    Column("client_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("coach_id", String(36), nullable=False),
    Column("municipality", String(100), nullable=False),
    Column("status", String(16), nullable=False),
    Column("entered_on", Date, nullable=False),
    Column("exited_on", Date, nullable=True),
    Column("exit_status", String(40), nullable=True),
    Column("participations", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Index("client_directory_by_project", "project_id", "status", "coach_id"),
    Index("client_directory_by_municipality", "project_id", "municipality"),
)

client_timeline = Table(
    "client_timeline",
    directory_metadata,
    Column("event_id", String(36), primary_key=True),
    Column("client_id", String(36), nullable=False),
    Column("project_id", String(64), nullable=False),
    Column("source", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("event_type", String(100), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Index("client_timeline_by_client", "project_id", "client_id", "occurred_at"),
)


_FORGET_CLIENT: Final = delete(client_directory).where(
    client_directory.c.client_id == bindparam("gone")
)
_ADD_CLIENT: Final = insert(client_directory)
"""An enrolment's statements, built once with bound values: a catch-up after an import
applies thousands of enrolments."""


class SqlDirectory(OwnTables):
    """The read models and the subscription handlers that keep them."""

    metadata = directory_metadata

    def __init__(
        self,
        db: Database,
        names: Callable[[str], Mapping[str, tuple[str, str]]] | None = None,
        found_by: Callable[[str, str, Collection[str]], set[str]] | None = None,
    ) -> None:
        super().__init__(db)
        self._names = names
        """(project) → client id → (first name, last name), from the personal-data store."""
        self._found_by = found_by
        """(project, search text, client ids) → those the text names by identity code or
        phone, from the personal-data store (after ``names``, which opens them)."""

    # -- handlers --------------------------------------------------------------------

    def intake_handler(self) -> Dispatcher:
        """Projects and clients from intake's own log."""
        return (
            Dispatcher(intake_contracts())
            .on(ProjectRegistered, self._project)
            .on(ProjectPlanChanged, self._project)
            .on(ClientEnrolled, self._enrolled)
            .on(ClientReEntered, self._re_entered)
            .on(CoachAssigned, self._coach)
            .on(ClientExited, self._exited)
            .on(StartDataCorrected, self._corrected)
            .on(StatusUponLeavingRecorded, self._status_upon_leaving)
            .on(FollowUpRecorded, self._follow_up)
            .on(DocumentAdded, self._on_timeline)
            .on(DocumentRemoved, self._on_timeline)
            .on(ContactDetailsChanged, self._on_timeline)
        )

    def timeline_handler(self, source: str) -> Any:
        """Any service's event that names a client goes on that client's timeline."""

        def handle(recorded: RecordedEvent, conn: Connection) -> None:
            client_id = recorded.payload.get("client_id")
            if not isinstance(client_id, str):
                return
            self._add_to_timeline(conn, source, recorded, client_id)

        return handle

    def _add_to_timeline(
        self, conn: Connection, source: str, recorded: RecordedEvent, client_id: str
    ) -> None:
        """One statement, and nothing when the event is on the timeline already."""
        values = {
            "event_id": recorded.event_id,
            "client_id": client_id,
            "project_id": recorded.project_id,
            "source": source,
            "position": recorded.position,
            "event_type": recorded.event_type,
            "occurred_at": datetime.fromisoformat(recorded.occurred_at),
            "actor": recorded.actor,
            "payload": orjson.dumps(recorded.payload).decode(),
        }
        # One statement built once, its values bound per event: building a statement with
        # ``.values()`` per event cost about as much as running it (an import's catch-up).
        conn.execute(self._timeline_insert, values)

    def _project(
        self, event: ProjectRegistered | ProjectPlanChanged, rec: RecordedEvent, conn: Connection
    ) -> None:
        plan = orjson.dumps(payload_of(event)["plan"]).decode()
        row = {"name": event.plan.name, "plan": plan, "position": rec.position}
        upsert(conn, project_directory, {"project_id": event.project_id}, row)

    @functools.cached_property
    def _timeline_insert(self) -> Any:
        dialect_insert = postgresql_insert if self.db.dialect == "postgresql" else sqlite_insert
        return dialect_insert(client_timeline).on_conflict_do_nothing()

    def _enrolled(self, event: ClientEnrolled, rec: RecordedEvent, conn: Connection) -> None:
        conn.execute(_FORGET_CLIENT, {"gone": event.client_id})
        conn.execute(
            _ADD_CLIENT,
            {
                "client_id": event.client_id,
                "project_id": event.project_id,
                "coach_id": event.coach_id,
                "municipality": event.start_data.municipality,
                "status": "active",
                "entered_on": event.entered_on,
                "exited_on": None,
                "exit_status": None,
                "participations": 1,
                "position": rec.position,
            },
        )
        self._add_to_timeline(conn, "intake", rec, event.client_id)

    def _update(self, conn: Connection, client_id: str, rec: RecordedEvent, **values: Any) -> None:
        conn.execute(
            update(client_directory)
            .where(
                client_directory.c.client_id == client_id,
                client_directory.c.position < rec.position,
            )
            .values(position=rec.position, **values)
        )
        self._add_to_timeline(conn, "intake", rec, client_id)

    def _re_entered(self, event: ClientReEntered, rec: RecordedEvent, conn: Connection) -> None:
        self._update(
            conn,
            event.client_id,
            rec,
            status="active",
            exited_on=None,
            exit_status=None,
            participations=client_directory.c.participations + 1,
        )

    def _coach(self, event: CoachAssigned, rec: RecordedEvent, conn: Connection) -> None:
        self._update(conn, event.client_id, rec, coach_id=event.coach_id)

    def _exited(self, event: ClientExited, rec: RecordedEvent, conn: Connection) -> None:
        self._update(
            conn,
            event.client_id,
            rec,
            status="exited",
            exited_on=event.exited_on,
            exit_status=event.exit_status.value,
        )

    def _status_upon_leaving(
        self, event: StatusUponLeavingRecorded, rec: RecordedEvent, conn: Connection
    ) -> None:
        """The exit's status found out later: the list shows it as the exit's."""
        self._update(conn, event.client_id, rec, exit_status=event.exit_status.value)

    def _follow_up(self, event: FollowUpRecorded, rec: RecordedEvent, conn: Connection) -> None:
        self._add_to_timeline(conn, "intake", rec, event.client_id)

    def _on_timeline(
        self,
        event: DocumentAdded | DocumentRemoved | ContactDetailsChanged,
        rec: RecordedEvent,
        conn: Connection,
    ) -> None:
        """On the client's timeline only: a document kept or removed, details changed."""
        self._add_to_timeline(conn, "intake", rec, event.client_id)

    def _corrected(self, event: StartDataCorrected, rec: RecordedEvent, conn: Connection) -> None:
        self._update(conn, event.client_id, rec, municipality=event.start_data.municipality)

    # -- queries ---------------------------------------------------------------------

    def projects(self, project_ids: Sequence[str] | None = None) -> list[ProjectRow]:
        query = select(project_directory).order_by(project_directory.c.project_id)
        if project_ids is not None:
            query = query.where(project_directory.c.project_id.in_(list(project_ids)))
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [ProjectRow(r["project_id"], r["name"], loads(r["plan"])) for r in rows]

    def search(self, project_id: str, query: ClientSearch) -> tuple[list[ClientRow], int]:
        """The page of matching clients, by last and first name, and how many match.

        Names are sealed in the personal-data store, so the directory filters by status,
        coach and municipality in SQL, and the words of the name and the order are
        applied to the project's opened names in memory. A text that is an identity
        code or (a part of) a phone number finds the clients holding it as well."""
        d = client_directory.c
        where = [d.project_id == project_id]
        if query.status:
            where.append(d.status == query.status)
        if query.coach_id:
            where.append(d.coach_id == query.coach_id)
        if query.municipality:
            where.append(func.lower(d.municipality) == query.municipality.strip().lower())
        rows_query = select(
            d.client_id, d.coach_id, d.municipality, d.status, d.entered_on, d.exited_on,
            d.exit_status, d.participations,
        ).where(and_(*where))  # fmt: skip
        names = self._names(project_id) if self._names is not None else {}
        words = query.text.lower().split()[:4]
        named: set[str] = set()
        if words and self._found_by is not None:
            named = self._found_by(project_id, query.text, names.keys())
        with self.db.read() as conn:
            found = conn.execute(rows_query).all()
        matched: list[tuple[Any, str, str]] = []
        for r in found:
            name = names.get(r[0])
            if name is None:  # erased, or not saved: nobody to show
                continue
            if words and r[0] not in named:
                search_name = f"{name[0]} {name[1]}".lower()
                if not all(word in search_name for word in words):
                    continue
            matched.append((r, name[0], name[1]))
        _sort(matched, query)
        page = matched[query.offset : query.offset + query.limit]
        rows = [
            ClientRow(**dict(zip(_ROW, r, strict=True)), first_name=first, last_name=last)
            for r, first, last in page
        ]
        return rows, len(matched)

    def municipalities(self, project_id: str) -> list[str]:
        query = (
            select(client_directory.c.municipality)
            .where(client_directory.c.project_id == project_id)
            .distinct()
            .order_by(client_directory.c.municipality)
        )
        with self.db.read() as conn:
            return [m for (m,) in conn.execute(query)]

    def restricted(self, project_id: str) -> set[str]:
        """The project's clients whose processing is restricted now, in one query of
        intake's log (each restriction's own stream, ``restriction-<client>``, in the
        order recorded): as current as reading each client's stream, for a whole list."""
        query = (
            select(events.c.stream_id, events.c.event_type)
            .where(
                events.c.project_id == project_id,
                events.c.event_type.in_(RESTRICTION_EVENTS),
                events.c.stream_id.like(f"{RESTRICTION_PREFIX}%"),
            )
            .order_by(events.c.position)
        )
        found: set[str] = set()
        with self.db.read() as conn:
            for stream_id, event_type in conn.execute(query):
                client_id = stream_id[len(RESTRICTION_PREFIX) :]
                if event_type == RESTRICTION_EVENTS[0]:
                    found.add(client_id)
                else:
                    found.discard(client_id)
        return found

    def timeline(self, project_id: str, client_id: str) -> list[TimelineEntry]:
        """The client's events in the order their facts happened (``business_moment``);
        those recorded at once keep the order they were recorded in."""
        query = (
            select(client_timeline)
            .where(
                client_timeline.c.project_id == project_id,
                client_timeline.c.client_id == client_id,
            )
            .order_by(client_timeline.c.occurred_at, client_timeline.c.source)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        entries: list[TimelineEntry] = []
        for r in rows:
            payload, recorded_at = loads(r["payload"]), zoned(r["occurred_at"])
            on, at = business_moment(r["event_type"], payload, recorded_at, HELSINKI)
            if r["event_type"] == OVERRIDE and entries:
                on, at = entries[-1].happened_on, entries[-1].happened_at  # the enrolment's
            entries.append(
                TimelineEntry(
                    event_id=r["event_id"],
                    source=r["source"],
                    event_type=r["event_type"],
                    occurred_at=recorded_at,
                    actor=r["actor"],
                    payload=payload,
                    happened_on=on,
                    happened_at=at,
                )
            )
        return sorted(entries, key=lambda e: (e.happened_on, e.happened_at or time.min))


_ROW = ("client_id", "coach_id", "municipality", "status", "entered_on", "exited_on",
        "exit_status", "participations")  # fmt: skip
"""The directory columns ``search`` reads, in its order."""

OVERRIDE = "intake.target_group_rule_overridden"
"""Recorded with the enrolment it allows, and dated as that enrolment is."""


def _sort(rows: list[tuple[Any, str, str]], query: ClientSearch) -> None:
    """The chosen column first (the name follows as the tie-breaker); by name alone, the
    name's own direction. Python's sort is stable, so the keys are applied last first.
    Each row is (directory columns in ``search``'s order, first name, last name)."""
    rows.sort(key=lambda r: (r[2], r[1], r[0][0]))
    if query.sort == "name":
        if query.descending:
            rows.sort(key=lambda r: (r[2], r[1]), reverse=True)
        return
    key: Callable[[tuple[Any, str, str]], Any]
    if query.sort == "status":
        key = lambda r: r[0][3]  # noqa: E731
    elif query.sort == "coach":
        ranks = {coach_id: rank for rank, coach_id in enumerate(query.coach_order)}
        key = (lambda r: ranks.get(r[0][1], len(ranks))) if ranks else (lambda r: r[0][1])
    elif query.sort == "municipality":
        key = lambda r: r[0][2].lower()  # noqa: E731
    else:
        key = lambda r: r[0][4]  # noqa: E731
    rows.sort(key=key, reverse=query.descending)
