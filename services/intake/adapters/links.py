"""Intake's links for participants and what they send through them (adapter layer).

The ``links`` table is the shared one (``shared.links``); ``link_proposals`` keeps what a
participant submitted until a coach confirms or rejects it. The answers are kept only
while the proposal waits: deciding clears them (confirmed answers live on in the events
the confirmation recorded; rejected ones are not wanted), and the row keeps who decided
what and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.stored_moments import zoned
from services.intake.service_layer.links import Proposal
from shared.eventlog.sql import Database
from shared.ids import uuid7_str
from shared.links import LinkStore, links_table

links_metadata = MetaData()

links = links_table(links_metadata)

link_proposals = Table(
    "link_proposals",
    links_metadata,
    Column("proposal_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("link_id", String(36), nullable=False),
    Column("form", String(64), nullable=False),
    Column("answers", Text, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),
    Column("decided_by", String(64), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    Index("link_proposals_by_client", "project_id", "client_id", "submitted_at"),
)
"""A participant's submission through a link: waiting, confirmed or rejected."""


def _proposal(row: Any) -> Proposal:
    decided = row["decided_at"]
    return Proposal(
        proposal_id=row["proposal_id"],
        project_id=row["project_id"],
        client_id=row["client_id"],
        link_id=row["link_id"],
        form=row["form"],
        answers=orjson.loads(row["answers"]),
        submitted_at=zoned(row["submitted_at"]),
        status=row["status"],
        decided_by=row["decided_by"],
        decided_at=zoned(decided) if decided is not None else None,
    )


class SqlLinks(LinkStore, OwnTables):
    """The shared link store over intake's ``links`` table."""

    metadata = links_metadata

    def __init__(self, db: Database) -> None:
        super().__init__(db.engine, links)
        self.db = db


class SqlProposals(OwnTables):
    metadata = links_metadata

    def add(
        self,
        *,
        project_id: str,
        client_id: str,
        link_id: str,
        form: str,
        answers: Mapping[str, str],
        at: datetime,
    ) -> str:
        proposal_id = uuid7_str()
        with self.db.engine.begin() as conn:
            conn.execute(
                insert(link_proposals).values(
                    proposal_id=proposal_id,
                    project_id=project_id,
                    client_id=client_id,
                    link_id=link_id,
                    form=form,
                    answers=orjson.dumps(dict(answers)).decode(),
                    submitted_at=at,
                    status="waiting",
                )
            )
        return proposal_id

    def get(self, project_id: str, proposal_id: str) -> Proposal | None:
        t = link_proposals
        query = select(t).where(t.c.project_id == project_id, t.c.proposal_id == proposal_id)
        with self.db.read() as conn:
            row = conn.execute(query).mappings().first()
        return _proposal(row) if row else None

    def of_client(self, project_id: str, client_id: str) -> list[Proposal]:
        t = link_proposals
        query = (
            select(t)
            .where(t.c.project_id == project_id, t.c.client_id == client_id)
            .order_by(t.c.submitted_at.desc(), t.c.proposal_id.desc())
        )
        with self.db.read() as conn:
            return [_proposal(row) for row in conn.execute(query).mappings()]

    def decide(self, proposal_id: str, status: str, by: str, at: datetime) -> bool:
        """Close a waiting proposal and clear its answers; ``False`` if it was not waiting."""
        t = link_proposals
        with self.db.engine.begin() as conn:
            changed = conn.execute(
                update(t)
                .where(t.c.proposal_id == proposal_id, t.c.status == "waiting")
                .values(status=status, decided_by=by, decided_at=at, answers="{}")
            ).rowcount
        return bool(changed == 1)


def erase_link_answers(conn: Connection, project_id: str, client_id: str) -> None:
    """With the person's erasure: their links and whatever they sent through them."""
    conn.execute(
        delete(link_proposals).where(
            link_proposals.c.project_id == project_id, link_proposals.c.client_id == client_id
        )
    )
    conn.execute(
        delete(links).where(links.c.project_id == project_id, links.c.subject_id == client_id)
    )
