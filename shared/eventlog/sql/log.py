"""The relational event log (adapter): one implementation for SQLite and PostgreSQL.

Gapless, commit-ordered positions by construction: every append first locks the single
``log_head`` row (``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on PostgreSQL),
takes the next positions from it and holds the lock until commit. A position therefore
becomes visible only after every lower one, and a reader polling ``position > n`` can
never skip an event whose transaction committed late. The cost is one writer at a time
per log, which batching and short transactions keep cheap.

The hot paths use the DB-API connection directly: SQLAlchemy owns the pool, the dialect
and the schema, but per-row ORM or Core overhead would halve replay speed. In-process
writers to a SQLite log queue on a lock rather than in SQLite's busy handler, which polls
by sleeping for milliseconds. On PostgreSQL an append is two pipelined round trips (lock
and read; write and commit), with COPY for large batches.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import orjson
from sqlalchemy import exc, insert, select

from shared.eventlog.chain import GENESIS
from shared.eventlog.port import (
    ANY,
    AppendResult,
    DuplicateEvent,
    ExpectedVersion,
    LogHead,
    RawEvent,
    WrongExpectedVersion,
)
from shared.eventlog.sql.engine import Database
from shared.eventlog.sql.schema import log_head, log_metadata
from shared.eventlog.verify import AuditRow, Verdict, chained_rows, verify_chain
from shared.events.envelope import NewEvent, RecordedEvent

_COLUMNS = (
    "position, event_id, stream_id, stream_version, event_type, project_id, recorded_at,"
    " header, payload, hash"
)
_READ = "position, header, payload, hash"
_PAGE = 5000
# From this many rows PostgreSQL's COPY beats pipelined INSERTs despite its two extra round
# trips: on the 2-core test machine about 14 µs less per row, against some 0.4 ms.
_COPY_FROM = 50

_Locked = tuple[int, str, int, Any]
"""Head position, head hash, the stream's version, and the stored result of the key."""


class SqlEventLog:
    """An event log stored in one SQLite file or one PostgreSQL schema."""

    def __init__(self, database: Database, name: str) -> None:
        self.name = name
        self.db = database
        t = database.table
        q = database.sql
        sqlite = database.dialect == "sqlite"
        self._lock_head = q(
            f"SELECT position, hash FROM {t('log_head')} WHERE id = 1"
            + ("" if sqlite else " FOR UPDATE")
        )
        self._stream_version = q(
            f"SELECT max(stream_version) FROM {t('events')} WHERE stream_id = ?"
        )
        # BEGIN IMMEDIATE already holds SQLite's write lock: one statement reads both.
        self._head_and_version = q(
            f"SELECT position, hash, ({self._stream_version}) FROM {t('log_head')} WHERE id = 1"
        )
        self._writer: contextlib.AbstractContextManager[Any] = (
            threading.Lock() if sqlite else contextlib.nullcontext()
        )
        self._insert = q(
            f"INSERT INTO {t('events')} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        self._copy = f"COPY {t('events')} ({_COLUMNS}) FROM STDIN"
        self._move_head = q(f"UPDATE {t('log_head')} SET position = ?, hash = ? WHERE id = 1")
        self._find_key = q(
            f"SELECT stream_id, first_position, last_position, stream_version"
            f" FROM {t('idempotency_keys')} WHERE key = ?"
        )
        self._save_key = q(
            f"INSERT INTO {t('idempotency_keys')}"
            " (key, stream_id, first_position, last_position, stream_version)"
            " VALUES (?, ?, ?, ?, ?)"
        )
        self._find_ids = q(
            f"SELECT event_id, stream_id, position, stream_version FROM {t('events')}"
            " WHERE event_id = ?"
        )
        self._read_stream = q(
            f"SELECT {_READ} FROM {t('events')} WHERE stream_id = ? AND stream_version > ?"
            " ORDER BY stream_version"
        )
        self._read_page = q(
            f"SELECT {_READ} FROM {t('events')} WHERE position > ? ORDER BY position LIMIT ?"
        )

    # -- set-up ---------------------------------------------------------------

    def create(self) -> SqlEventLog:
        """Create the tables and the genesis head if missing; safe to call every start."""
        self.db.create(log_metadata)
        with self.db.engine.begin() as conn:
            if conn.execute(select(log_head.c.id)).first() is None:
                conn.execute(insert(log_head).values(id=1, position=0, hash=GENESIS))
        return self

    def close(self) -> None:
        self.db.dispose()

    # -- writing --------------------------------------------------------------

    def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion,
        *,
        idempotency_key: str | None = None,
    ) -> AppendResult:
        if not events:
            raise ValueError("append needs at least one event")
        connection = self.db.engine.raw_connection()
        try:
            with self._writer:
                return self._append(
                    connection, stream_id, events, expected_version, idempotency_key
                )
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()

    def _append(
        self,
        connection: Any,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion,
        idempotency_key: str | None,
    ) -> AppendResult:
        sqlite = self.db.dialect == "sqlite"
        lock = self._lock_sqlite if sqlite else self._lock_postgres
        head_position, head_hash, current, found = lock(connection, stream_id, idempotency_key)
        if found is not None:
            connection.rollback()
            return AppendResult(found[0], found[1], found[2], found[3], duplicate=True)
        if expected_version is not ANY and expected_version != current:
            connection.rollback()
            already = self._already_stored(stream_id, events)
            if already is not None:
                return already
            assert isinstance(expected_version, int)
            raise WrongExpectedVersion(stream_id, expected_version, current)

        rows = chained_rows(stream_id, events, head_position, head_hash, current)
        first = head_position + 1
        position, version = rows[-1][0], rows[-1][3]
        key = (
            None
            if idempotency_key is None
            else (idempotency_key, stream_id, first, position, version)
        )
        try:
            (self._write_sqlite if sqlite else self._write_postgres)(connection, rows, key)
        except Exception as error:
            if not _is_integrity_error(error):
                raise
            connection.rollback()
            already = self._already_stored(stream_id, events)
            if already is not None:
                return already
            raise DuplicateEvent(
                f"some events of this append to {stream_id!r} are already stored, some are not"
            ) from error
        return AppendResult(stream_id, first, position, version)

    # Each engine's two steps of an append: take the lock and read what the checks need,
    # then store the rows, move the head and commit. Between them the rows are built.

    def _lock_sqlite(self, connection: Any, stream_id: str, key: str | None) -> _Locked:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute(self._head_and_version, (stream_id,))
        position, hash_, version = cursor.fetchone()
        found = None
        if key is not None:
            cursor.execute(self._find_key, (key,))
            found = cursor.fetchone()
        return position, hash_, version or 0, found

    def _write_sqlite(self, connection: Any, rows: list[AuditRow], key: Any) -> None:
        cursor = connection.cursor()
        cursor.executemany(self._insert, rows)
        cursor.execute(self._move_head, (rows[-1][0], rows[-1][9]))
        if key is not None:
            cursor.execute(self._save_key, key)
        connection.commit()

    def _lock_postgres(self, connection: Any, stream_id: str, key: str | None) -> _Locked:
        # One round trip for all three statements. The server runs them in order, so the
        # version query takes its snapshot only once the head row is locked.
        driver = connection.driver_connection
        with driver.pipeline():
            head = driver.execute(self._lock_head)
            stream = driver.execute(self._stream_version, (stream_id,))
            stored = None if key is None else driver.execute(self._find_key, (key,))
        position, hash_ = head.fetchone()
        version = stream.fetchone()[0]
        return position, hash_, version or 0, None if stored is None else stored.fetchone()

    def _write_postgres(self, connection: Any, rows: list[AuditRow], key: Any) -> None:
        driver = connection.driver_connection
        cursor = driver.cursor()
        if len(rows) >= _COPY_FROM:
            with cursor.copy(self._copy) as copy:
                for row in rows:
                    copy.write_row(row)
        with driver.pipeline():  # one round trip to insert, move the head and commit
            if len(rows) < _COPY_FROM:
                cursor.executemany(self._insert, rows)
            cursor.execute(self._move_head, (rows[-1][0], rows[-1][9]))
            if key is not None:
                cursor.execute(self._save_key, key)
            driver.commit()

    def _already_stored(self, stream_id: str, events: Sequence[NewEvent]) -> AppendResult | None:
        """The earlier result if every event of this append is stored in this stream."""
        found: list[Any] = []
        connection = self.db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            for new in events:
                cursor.execute(self._find_ids, (new.event_id,))
                row = cursor.fetchone()
                if row is None or row[1] != stream_id:
                    if found or row is not None:
                        raise DuplicateEvent(
                            f"event {new.event_id} clashes with an event stored elsewhere"
                        )
                    return None
                found.append(row)
            connection.rollback()
        finally:
            connection.close()
        return AppendResult(stream_id, found[0][2], found[-1][2], found[-1][3], duplicate=True)

    # -- reading --------------------------------------------------------------

    def head(self) -> LogHead:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(log_head.c.position, log_head.c.hash)).one()
            return LogHead(row[0], row[1])

    def appended_with(self, idempotency_key: str) -> AppendResult | None:
        """What an append with this key stored, if one did: a retried command's answer."""
        rows = self.db.fetch(self._find_key, (idempotency_key,))
        if not rows:
            return None
        stream_id, first, last, version = rows[0]
        return AppendResult(stream_id, first, last, version, duplicate=True)

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]:
        return list(map(_decode, self.db.fetch(self._read_stream, (stream_id, after_version))))

    def read_all(
        self, after_position: int = 0, limit: int | None = None
    ) -> Iterator[RecordedEvent]:
        for page in self._pages(after_position, limit):
            yield from map(_decode, page)

    def read_raw(self, after_position: int = 0, limit: int | None = None) -> Iterator[RawEvent]:
        for page in self._pages(after_position, limit):
            yield from map(_raw, page)

    def audit_rows(self, after_position: int = 0) -> Iterator[AuditRow]:
        """Every column of every event, for ``verify_chain``."""
        statement = self.db.sql(
            f"SELECT {_COLUMNS} FROM {self.db.table('events')}"
            " WHERE position > ? ORDER BY position LIMIT ?"
        )
        while True:
            page = self.db.fetch(statement, (after_position, _PAGE))
            yield from (AuditRow(*row) for row in page)
            if len(page) < _PAGE:
                return
            after_position = page[-1][0]

    def verify(self, progress: Callable[[int], None] | None = None) -> Verdict:
        return verify_chain(self.audit_rows(), self.head(), progress)

    def _pages(self, after_position: int, limit: int | None) -> Iterator[Sequence[Any]]:
        """Pages of ``_READ`` rows, each read on a pooled connection and released before use."""
        remaining = limit if limit is not None else -1
        while remaining != 0:
            size = _PAGE if remaining < 0 else min(_PAGE, remaining)
            page = self.db.fetch(self._read_page, (after_position, size))
            if not page:
                return
            yield page
            after_position = page[-1][0]
            if remaining > 0:
                remaining -= len(page)
            if len(page) < size:
                return


_new = tuple.__new__
_loads = orjson.loads


def _decode(row: Any) -> RecordedEvent:
    # The header's field order is RecordedEvent's: see shared.eventlog.chain.
    return _new(RecordedEvent, (*_loads(row[1]), _loads(row[2]), row[3]))


def _raw(row: Any) -> RawEvent:
    return _new(RawEvent, row)


def _is_integrity_error(error: Exception) -> bool:
    if isinstance(error, exc.IntegrityError):
        return True
    name = type(error).__name__
    return name in ("IntegrityError", "UniqueViolation")
