"""The ``KeptReasons`` port on intake's own database (adapter layer).

Words about a client are sealed with that person's own data key (AES-256-GCM,
``sealing``), bound to the reason's id and the client: once the person's key is erased
they cannot be read from any copy of the rows, and ``erase_reasons`` deletes them in the
erasure's transaction. Words about a project's plan concern no person and are kept as
written, for the admins and auditors who read the plan's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
    select,
)

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.sealing import KeyOf, Unreadable, data_cipher, open_sealed, seal
from shared.eventlog.sql import Database

reasons_metadata = MetaData()

private_reasons = Table(
    "private_reasons",
    reasons_metadata,
    Column("reason_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=True),
    Column("sealed", LargeBinary, nullable=True),
    Column("text", Text, nullable=True),
    Column("author", String(64), nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
    Index("private_reasons_by_client", "project_id", "client_id"),
)
"""The words of reasons that events name by id: a client's sealed with their key
(``sealed``), a project plan's as written (``text``)."""


class ClientNotHeld(LookupError):
    """The client's data is not held (never, or erased): no words can be sealed for them."""


class SqlReasons(OwnTables):
    metadata = reasons_metadata

    def __init__(self, db: Database, key_of: KeyOf) -> None:
        super().__init__(db)
        self._key_of = key_of

    def keep(self, reason_id: str, text: str, *, project_id: str, client_id: str | None,
             author: str) -> None:  # fmt: skip
        row: dict[str, object] = {
            "reason_id": reason_id,
            "project_id": project_id,
            "client_id": client_id,
            "author": author,
            "written_at": datetime.now(UTC),
            "sealed": None,
            "text": None,
        }
        if client_id is None:
            row["text"] = text
        else:
            key = self._key_of(project_id, client_id)
            if key is None:
                raise ClientNotHeld(client_id)
            row["sealed"] = seal(data_cipher(key), text.encode(), _context(reason_id, client_id))
        with self.db.engine.begin() as conn:
            conn.execute(delete(private_reasons).where(private_reasons.c.reason_id == reason_id))
            conn.execute(private_reasons.insert().values(**row))

    def texts(self, project_id: str, reason_ids: Sequence[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(reason_ids))
        if not wanted:
            return {}
        t = private_reasons
        query = select(t.c.reason_id, t.c.client_id, t.c.sealed, t.c.text).where(
            t.c.project_id == project_id, t.c.reason_id.in_(wanted)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        found: dict[str, str] = {}
        keys: dict[str, bytes | None] = {}
        for reason_id, client_id, sealed, text in rows:
            if client_id is None:
                found[reason_id] = text or ""
                continue
            if client_id not in keys:
                keys[client_id] = self._key_of(project_id, client_id)
            key = keys[client_id]
            if key is None or sealed is None:
                continue  # erased: the words are gone with the person's key
            try:
                found[reason_id] = open_sealed(
                    data_cipher(key), sealed, _context(reason_id, client_id)
                ).decode()
            except Unreadable:
                continue
        return found


def erase_reasons(conn: Connection, project_id: str, client_id: str) -> None:
    """Delete the client's reasons in the transaction of ``conn`` (erasure)."""
    conn.execute(
        delete(private_reasons).where(
            private_reasons.c.project_id == project_id, private_reasons.c.client_id == client_id
        )
    )


def _context(reason_id: str, client_id: str) -> bytes:
    return f"reason:{reason_id}:{client_id}".encode()
