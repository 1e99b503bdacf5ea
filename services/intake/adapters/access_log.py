"""The access log in intake's own database: append-only and hash-chained (adapter layer).

Each entry's hash is the event log's link (``shared.eventlog.chain.link``) over the
previous entry's hash and the entry's canonical header, so the same reasoning holds:
editing, deleting, inserting or reordering an entry breaks every later link, and
``verify`` names the first entry that does not fit. Entries are numbered without gaps and
each previous hash may be used once (a unique index), so two writers that read the same
head cannot fork the chain: the second one's insert fails and it appends again after the
first.

Every page that shows a person's data records its reading here before it answers, so
under load the log takes a write for nearly every request. The records of a process's
threads that arrive together are therefore committed together, one transaction and one
fsync for all (``shared.eventlog.sql.group``), each still durable before its page
answers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

import orjson
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    func,
    insert,
    select,
    true,
)
from sqlalchemy.exc import IntegrityError

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.stored_moments import zoned
from services.intake.service_layer.access_log import (
    Access,
    AccessEntry,
    AccessQuery,
    AccessVerdict,
)
from shared.business_dates import HELSINKI
from shared.eventlog.chain import GENESIS, link
from shared.eventlog.sql import Database
from shared.eventlog.sql.group import GroupCommitter, GroupedWrites, Queued
from shared.ids import uuid7_str

access_log_metadata = MetaData()

access_log = Table(
    "access_log",
    access_log_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("entry_id", String(36), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=True),
    Column("user_id", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("purpose", String(500), nullable=True),
    Column("address", String(64), nullable=False),
    Column("channel", String(8), nullable=False),
    Column("previous_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("access_log_previous", "previous_hash", unique=True),
    Index("access_log_by_client", "project_id", "client_id", "seq"),
    Index("access_log_by_user", "project_id", "user_id", "seq"),
)
"""Appended to, never changed: who accessed whose personal data, when, how and why."""

_ATTEMPTS = 20


def entry_header(
    seq: int, entry_id: str, at: datetime, access: Access | AccessEntry
) -> bytes:  # fmt: skip
    """The canonical bytes an entry's hash covers: every stored field but the hashes."""
    return orjson.dumps(
        [
            seq,
            entry_id,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            access.project_id,
            access.client_id,
            access.user_id,
            access.action,
            access.purpose,
            access.address,
            access.channel,
        ]
    )


@dataclasses.dataclass(slots=True, eq=False)
class _Recording(Queued[int]):
    """One ``record`` call waiting for its group's commit; its result, the entries."""

    accesses: Sequence[Access]


class SqlAccessLog(OwnTables, GroupedWrites[_Recording]):
    metadata = access_log_metadata

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._committer: GroupCommitter[_Recording] = GroupCommitter(self._record_group)

    def record(self, accesses: Sequence[Access]) -> None:
        """Store ``accesses``, in order and together, before returning."""
        if accesses:
            self._committer.submit(_Recording(accesses)).outcome()

    def _record_group(self, group: list[_Recording]) -> None:
        accesses = [access for item in group for access in item.accesses]
        for attempt in range(_ATTEMPTS):
            try:
                with self.db.engine.begin() as conn:
                    self._append(conn, accesses)
                break
            except IntegrityError:  # another process appended after the head we read
                if attempt == _ATTEMPTS - 1:
                    raise
        for item in group:
            item.result = len(item.accesses)

    def _append(self, conn: Connection, accesses: Sequence[Access]) -> None:
        head = conn.execute(
            select(access_log.c.seq, access_log.c.hash).order_by(access_log.c.seq.desc()).limit(1)
        ).first()
        seq, previous = (int(head[0]), str(head[1])) if head else (0, GENESIS)
        at = datetime.now(UTC)
        rows = []
        for given in accesses:
            access = _as_stored(given)  # hash what is kept, not what was given
            seq += 1
            entry_id = uuid7_str()
            digest = link(previous, entry_header(seq, entry_id, at, access), b"")
            rows.append(
                {
                    "seq": seq,
                    "entry_id": entry_id,
                    "at": at,
                    "project_id": access.project_id,
                    "client_id": access.client_id,
                    "user_id": access.user_id,
                    "action": access.action,
                    "purpose": access.purpose,
                    "address": access.address,
                    "channel": access.channel,
                    "previous_hash": previous,
                    "hash": digest,
                }
            )
            previous = digest
        conn.execute(insert(access_log), rows)

    def entries(self, query: AccessQuery) -> tuple[list[AccessEntry], int]:
        count = select(func.count()).select_from(access_log).where(_where(query))
        with self.db.read() as conn:
            rows = conn.execute(_page(query)).mappings().all()
            total = int(conn.execute(count).scalar_one())
        return [_entry(r) for r in rows], total

    def latest(self, query: AccessQuery) -> list[AccessEntry]:
        with self.db.read() as conn:
            return [_entry(r) for r in conn.execute(_page(query)).mappings()]

    def _all(self) -> Iterator[AccessEntry]:
        after = 0
        while True:
            query = select(access_log).where(access_log.c.seq > after).order_by(access_log.c.seq)
            with self.db.read() as conn:
                rows = conn.execute(query.limit(5000)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield _entry(row)
            after = int(rows[-1]["seq"])

    def verify(self) -> AccessVerdict:
        """Recompute the chain from the first entry; stop at the first that does not fit."""
        previous, expected, checked = GENESIS, 1, 0
        for entry in self._all():
            problem = None
            if entry.seq != expected:
                problem = f"entry {expected} is missing (next is {entry.seq})"
            elif entry.previous_hash != previous:
                problem = "its previous hash is not the hash of the entry before it"
            elif entry.hash != link(
                previous, entry_header(entry.seq, entry.entry_id, entry.at, entry), b""
            ):
                problem = "its content does not match its hash"
            if problem is not None:
                return AccessVerdict(False, checked, previous, expected, problem)
            previous, expected, checked = entry.hash, expected + 1, checked + 1
        return AccessVerdict(True, checked, previous)


def _as_stored(access: Access) -> Access:
    """The access as its columns keep it: an empty purpose is none, long values cut."""
    return dataclasses.replace(
        access,
        purpose=(access.purpose or "")[:500] or None,
        address=access.address[:64],
        channel=access.channel[:8],
    )


def _page(query: AccessQuery) -> Any:
    """The matching entries of ``query``'s page, newest first."""
    return (
        select(access_log)
        .where(_where(query))
        .order_by(access_log.c.seq.desc())
        .limit(query.limit)
        .offset(query.offset)
    )


def _where(query: AccessQuery) -> Any:
    c = access_log.c
    conditions = []
    if query.project_id is not None:
        conditions.append(c.project_id == query.project_id)
    if query.client_id:
        conditions.append(c.client_id == query.client_id)
    if query.user_id:
        conditions.append(c.user_id == query.user_id)
    if query.action:
        conditions.append(c.action == query.action)
    if query.actions:
        conditions.append(c.action.in_(query.actions))
    if query.since:
        conditions.append(c.at >= datetime.combine(query.since, time.min, HELSINKI).astimezone(UTC))
    if query.until:
        end = datetime.combine(query.until + timedelta(days=1), time.min, HELSINKI)
        end = end.astimezone(UTC)
        conditions.append(c.at < end)
    return and_(true(), *conditions)


def _entry(row: Any) -> AccessEntry:
    return AccessEntry(
        seq=int(row["seq"]),
        entry_id=row["entry_id"],
        at=zoned(row["at"]),
        project_id=row["project_id"],
        client_id=row["client_id"],
        user_id=row["user_id"],
        action=row["action"],
        purpose=row["purpose"],
        address=row["address"],
        channel=row["channel"],
        previous_hash=row["previous_hash"],
        hash=row["hash"],
    )
