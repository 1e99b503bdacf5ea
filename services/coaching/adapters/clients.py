"""Coaching's projections of intake's clients, fed by subscriptions to intake (adapter layer).

``client_projection()`` and ``fact_projection()`` are the subscriptions' handlers: each
intake event updates one row with the subscription's connection, in the transaction that
also moves the checkpoint. Writes are upserts, so applying an event twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Connection, func, select, update

from services.coaching.adapters.tables import client_facts, clients, upsert
from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.upstream import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    EnrolledIn,
    StartPlaceCorrected,
    fact_readers,
    intake_readers,
)
from services.coaching.service_layer.ports import ClientFacts
from shared.eventlog.sql import Database
from shared.eventlog.subscription import Dispatcher
from shared.events.envelope import RecordedEvent


def _enrolled(event: ClientEnrolled, _recorded: RecordedEvent, conn: Connection) -> None:
    row = {
        "client_id": event.client_id,
        "project_id": event.project_id,
        "coach_id": event.coach_id,
        "active": True,
        "entered_on": event.entered_on,
        "exited_on": None,
    }
    upsert(conn, clients, row, ["client_id"])


def _re_entered(event: ClientReEntered, _recorded: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(clients)
        .where(clients.c.client_id == event.client_id)
        .values(active=True, exited_on=None)
    )


def _coach_assigned(event: CoachAssigned, _recorded: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(clients)
        .where(clients.c.client_id == event.client_id)
        .values(coach_id=event.coach_id)
    )


def _exited(event: ClientExited, _recorded: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(clients)
        .where(clients.c.client_id == event.client_id)
        .values(active=False, exited_on=event.exited_on)
    )


def client_projection() -> Dispatcher:
    """The handler of the ``coaching.intake_clients`` subscription: one line per event."""
    return (
        Dispatcher(intake_readers())
        .on(ClientEnrolled, _enrolled)
        .on(ClientReEntered, _re_entered)
        .on(CoachAssigned, _coach_assigned)
        .on(ClientExited, _exited)
    )


def _placed(event: EnrolledIn, _recorded: RecordedEvent, conn: Connection) -> None:
    row = {
        "client_id": event.client_id,
        "project_id": event.project_id,
        "municipality": event.start_data.municipality.strip(),
        "entered_on": event.entered_on,
    }
    upsert(conn, client_facts, row, ["client_id"])


def _moved(event: StartPlaceCorrected, _recorded: RecordedEvent, conn: Connection) -> None:
    conn.execute(
        update(client_facts)
        .where(client_facts.c.client_id == event.client_id)
        .values(municipality=event.start_data.municipality.strip())
    )


def fact_projection() -> Dispatcher:
    """The handler of the ``coaching.intake_client_facts`` subscription."""
    return Dispatcher(fact_readers()).on(EnrolledIn, _placed).on(StartPlaceCorrected, _moved)


def _standing(row: Any) -> ClientStanding:
    return ClientStanding(
        client_id=row.client_id,
        project_id=row.project_id,
        coach_id=row.coach_id,
        active=bool(row.active),
    )


_AMONG_IN_SQL = 500
"""Up to this many ids, ``in_project(among=…)`` looks just those up by key; more (most of
a project) are read with the project and picked out."""


class SqlClientDirectory:
    """The ``ClientDirectory`` port on the projection table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def standing(self, client_id: str) -> ClientStanding | None:
        with self.db.read() as conn:
            row = conn.execute(select(clients).where(clients.c.client_id == client_id)).first()
        return _standing(row) if row else None

    def in_project(
        self, project_id: str, *, only_active: bool = False, among: Collection[str] | None = None,
        coach_id: str | None = None,
    ) -> list[ClientStanding]:  # fmt: skip
        c = clients.c
        query = select(c.client_id, c.coach_id, c.active, c.project_id).order_by(
            c.entered_on, c.client_id
        )
        if only_active:
            query = query.where(c.active.is_(True))
        if coach_id is not None:
            query = query.where(c.coach_id == coach_id)
        few = among is not None and len(among) <= _AMONG_IN_SQL
        # A few ids are looked up by key; naming the project too would lead SQLite to scan
        # the project's index instead, so the project is checked on the rows.
        query = (
            query.where(c.client_id.in_(list(among or ())))
            if few
            else query.where(c.project_id == project_id)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        wanted = set(among) if among is not None else None
        return [
            ClientStanding(client_id=r[0], project_id=project_id, coach_id=r[1], active=bool(r[2]))
            for r in rows
            if r[3] == project_id and (wanted is None or r[0] in wanted)
        ]

    def active_count(self, project_id: str) -> int:
        c = clients.c
        query = select(func.count()).where(c.project_id == project_id, c.active.is_(True))
        with self.db.read() as conn:
            return int(conn.execute(query).scalar_one())

    def facts(self, project_id: str, client_ids: Iterable[str]) -> dict[str, ClientFacts]:
        wanted = list(dict.fromkeys(client_ids))
        if not wanted:
            return {}
        f = client_facts
        query = select(f).where(f.c.project_id == project_id, f.c.client_id.in_(wanted))
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        return {
            row.client_id: ClientFacts(
                client_id=row.client_id, municipality=row.municipality, entered_on=row.entered_on
            )
            for row in rows
        }
