"""The engines under contract, behind one small test-side interface.

Each backbone offers the log of record, a consumer database, a way to subscribe, a way to
slip a malformed message into what consumers read, and a way to edit or delete stored
events behind the log's back, as an intruder with access to its storage would. The Kafka
backbone keeps a relational log of record and delivers through the relay and a consumer
group, exactly as a deployment does; the memory backbone is in memory_backbone.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import event, text

from shared.eventlog.chain import header_bytes, link
from shared.eventlog.port import EventLog, LogHead
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, Handler, LogSubscription, SubscriptionStats
from shared.eventlog.verify import AuditRow, Verdict


class Subscription(Protocol):
    name: str
    stats: SubscriptionStats

    async def run(self, stop: asyncio.Event) -> None: ...


class ContractLog(EventLog, Protocol):
    """The port, plus the verification every engine offers its auditors."""

    def verify(self, progress: Callable[[int], None] | None = None) -> Verdict: ...


class Backbone(Protocol):
    kind: str

    @property
    def log(self) -> ContractLog: ...

    def consumer_store(self) -> ConsumerStore: ...

    def subscription(self, name: str, handler: Handler, store: ConsumerStore) -> Subscription: ...

    def inject_malformed(self) -> None: ...

    def background(self) -> contextlib.AbstractAsyncContextManager[None]: ...

    def make_transactions_slow(self) -> None: ...

    def hold_writes(self) -> contextlib.AbstractContextManager[None]:
        """Keep every append waiting, as another process's long transaction would."""
        ...

    def waiting(self) -> int | None:
        """Appends queued for the next group commit, or None if the engine has no queue."""
        ...

    def fail_writes(self) -> None:
        """Make every transaction that appends fail, as a full disk would."""
        ...

    def heal_writes(self) -> None: ...

    def edit_stored(self, position: int, column: str, value: str) -> None:
        """Overwrite one stored column of the event at ``position`` (an AuditRow field)."""
        ...

    def delete_stored(self, first: int, last: int | None = None) -> None:
        """Delete the stored events ``first..last`` (to the end when ``last`` is None)."""
        ...

    def close(self) -> None: ...


class SqlBackbone:
    """SQLite or PostgreSQL: consumers poll the log of record directly."""

    def __init__(
        self, kind: str, log_db: Database, make_consumer_db: Callable[[], Database]
    ) -> None:
        self.kind = kind
        self.log = SqlEventLog(log_db, f"log-{uuid.uuid4().hex[:8]}").create()
        self._make_consumer_db = make_consumer_db
        self._opened: list[Database] = [log_db]

    def consumer_store(self) -> ConsumerStore:
        db = self._make_consumer_db()
        self._opened.append(db)
        return ConsumerStore(db).create()

    def subscription(self, name: str, handler: Handler, store: ConsumerStore) -> Subscription:
        return LogSubscription(name, self.log, store, handler, batch_size=50)

    def inject_malformed(self) -> None:
        """A row whose payload is not JSON, chained so that only decoding fails."""
        insert_garbage(self.log)

    @contextlib.asynccontextmanager
    async def background(self) -> AsyncIterator[None]:
        yield

    def make_transactions_slow(self) -> None:
        self.log.close()  # lets go of the connection it keeps: the new ones learn to sleep
        make_slow(self.log.db)

    def hold_writes(self) -> contextlib.AbstractContextManager[None]:
        return hold_writes(self.log.db)

    def waiting(self) -> int | None:
        return self.log.waiting

    def fail_writes(self) -> None:
        fail_writes(self.log.db)

    def heal_writes(self) -> None:
        heal_writes(self.log.db)

    def edit_stored(self, position: int, column: str, value: str) -> None:
        assert column in AuditRow._fields, column
        self._execute(
            f"UPDATE {{events}} SET {column} = :value WHERE position = :position",
            value=value,
            position=position,
        )

    def delete_stored(self, first: int, last: int | None = None) -> None:
        self._execute(
            "DELETE FROM {events} WHERE position >= :first AND position <= :last",
            first=first,
            last=last if last is not None else self.log.head().position,
        )

    def _execute(self, statement: str, **params: object) -> None:
        db = self.log.db
        with db.engine.begin() as conn:
            conn.execute(text(statement.format(events=db.table("events"))), params)

    def close(self) -> None:
        for db in self._opened:
            db.dispose()


def garbage_row(head: LogHead) -> AuditRow:
    """A row whose payload is not JSON, chained on ``head`` so that only decoding fails."""
    position = head.position + 1
    event_id = str(uuid.uuid4())
    stamp = "2026-01-01T00:00:00.000000+00:00"
    header = header_bytes(position, event_id, "garbage-1", 1, "test.garbage", 1, "p1",
                          stamp, stamp, "tester", "c", None)  # fmt: skip
    payload = b"{not json"
    digest = link(head.hash, header, payload)
    return AuditRow(position, event_id, "garbage-1", 1, "test.garbage", "p1", stamp,
                    header.decode(), payload.decode(), digest)  # fmt: skip


def insert_garbage(log: SqlEventLog) -> None:
    row = garbage_row(log.head())
    t = log.db.table
    with log.db.engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO {t('events')} (position, event_id, stream_id, stream_version,"
                " event_type, project_id, recorded_at, header, payload, hash) VALUES"
                " (:position, :event_id, :stream_id, :stream_version, :event_type,"
                " :project_id, :recorded_at, :header, :payload, :hash)"
            ),
            row._asdict(),
        )
        conn.execute(
            text(f"UPDATE {t('log_head')} SET position = :p, hash = :d WHERE id = 1"),
            {"p": row.position, "d": row.hash},
        )


def make_slow(db: Database) -> None:
    """Stretch every append transaction by up to 15 ms, after it took its positions."""
    if db.dialect == "sqlite":

        def register(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.create_function(
                "test_slow", 0, lambda: time.sleep(random.random() * 0.015)
            )

        event.listen(db.engine, "connect", register)
        db.engine.dispose()
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TRIGGER IF NOT EXISTS test_slow AFTER INSERT ON events"
                " BEGIN SELECT test_slow(); END"
            )
    else:
        t = db.table
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE OR REPLACE FUNCTION {t('test_slow')}() RETURNS trigger AS $$"
                " BEGIN PERFORM pg_sleep(random() * 0.015); RETURN NULL; END $$ LANGUAGE plpgsql"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER test_slow AFTER INSERT ON {t('events')}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {t('test_slow')}()"
            )


@contextlib.contextmanager
def hold_writes(db: Database) -> Iterator[None]:
    """Hold the log's write lock from a connection of our own until the block ends."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        if db.dialect == "sqlite":
            cursor.execute("BEGIN IMMEDIATE")
        else:
            cursor.execute(f"SELECT position FROM {db.table('log_head')} FOR UPDATE")
        yield
    finally:
        connection.rollback()
        connection.close()


def fail_writes(db: Database) -> None:
    """A trigger that refuses to move the head: the last step before an append commits."""
    t = db.table
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER test_fail BEFORE UPDATE ON log_head"
                " BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
            )
        else:
            conn.exec_driver_sql(
                f"CREATE OR REPLACE FUNCTION {t('test_fail')}() RETURNS trigger AS $$"
                " BEGIN RAISE EXCEPTION 'the disk is full'; END $$ LANGUAGE plpgsql"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER test_fail BEFORE UPDATE ON {t('log_head')}"
                f" FOR EACH ROW EXECUTE FUNCTION {t('test_fail')}()"
            )


def heal_writes(db: Database) -> None:
    with db.engine.begin() as conn:
        on = "" if db.dialect == "sqlite" else f" ON {db.table('log_head')}"
        conn.exec_driver_sql(f"DROP TRIGGER test_fail{on}")


def sqlite_consumers(folder: Path) -> Callable[[], Database]:
    """Opens a new consumer database, a SQLite file in ``folder``, on every call."""
    counter = iter(range(1000))
    return lambda: open_database(f"sqlite:///{folder}/consumer-{next(counter)}.db")


def sqlite_backbone(folder: Path) -> SqlBackbone:
    return SqlBackbone(
        "sqlite", open_database(f"sqlite:///{folder}/log.db"), sqlite_consumers(folder)
    )


def postgres_backbone(url: str, schema: str) -> SqlBackbone:
    counter = iter(range(1000))
    return SqlBackbone(
        "postgres",
        open_database(url, schema=schema),
        lambda: open_database(url, schema=f"{schema}_c{next(counter)}"),
    )
