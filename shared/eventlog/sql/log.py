"""The relational event log (adapter): one implementation for SQLite and PostgreSQL.

Gapless, commit-ordered positions by construction: every append first locks the single
``log_head`` row (``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on PostgreSQL),
takes the next positions from it and holds the lock until commit. A position therefore
becomes visible only after every lower one, and a reader polling ``position > n`` can
never skip an event whose transaction committed late. The cost is one writer at a time
per log, which group commit, batching and short transactions keep cheap.

Group commit (``shared.eventlog.sql.group``): the appends of one process's threads that
arrive while a commit is under way are committed together in the next transaction, one
fsync for all, each still checked on its own. In-process writers therefore queue there
rather than in SQLite's busy handler, which polls by sleeping for milliseconds.

The hot paths use the DB-API connection directly: SQLAlchemy owns the pool, the dialect
and the schema, but per-row ORM or Core overhead would halve replay speed. On PostgreSQL
a group is two pipelined round trips (lock and read; write and commit), with COPY for
large batches.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import exc, insert, select

from shared.eventlog.chain import GENESIS
from shared.eventlog.port import (
    ANY,
    AppendResult,
    DuplicateEvent,
    EventLogError,
    ExpectedVersion,
    LogHead,
    RawEvent,
    WrongExpectedVersion,
)
from shared.eventlog.signal import append_signal
from shared.eventlog.sql.engine import Database, begin_immediate
from shared.eventlog.sql.group import GroupCommitter, GroupedWrites, Pending
from shared.eventlog.sql.schema import log_head, log_metadata
from shared.eventlog.verify import AuditRow, Verdict, chained_rows, verify_chain
from shared.events.envelope import NewEvent, RecordedEvent, stored_event

_COLUMNS = (
    "position, event_id, stream_id, stream_version, event_type, project_id, recorded_at,"
    " header, payload, hash"
)
_READ = "position, header, payload, hash"
_EVENT = "header, payload, hash"
"""What an event is decoded from: its position is the header's first field, and reading it
again as a column of its own made a read of the whole log a tenth slower."""
_PAGE = 5000
# From this many rows PostgreSQL's COPY beats pipelined INSERTs despite its two extra round
# trips: on the 2-core test machine about 14 µs less per row, against some 0.4 ms.
_COPY_FROM = 50

_Key = tuple[str, str, int, int, int]
"""An idempotency key's row: key, stream, first and last position, stream version."""

_Locked = tuple[int, str, dict[str, int], dict[str, AppendResult]]
"""Head position and hash, each stream's version, and what each stored key appended."""


class SqlEventLog(GroupedWrites[Pending]):
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
        self._head = q(f"SELECT position, hash FROM {t('log_head')} WHERE id = 1")
        self._committer: GroupCommitter[Pending] = GroupCommitter(self._commit_group)
        url = database.engine.url.render_as_string(hide_password=False)
        self.appended = append_signal(url, database.schema, name)
        """Moves after each commit of this process's appends (``shared.eventlog.signal``)."""
        # On SQLite the leaders keep one connection between groups (one leads at a time),
        # sparing a pool checkout per commit; one that failed is dropped. PostgreSQL's
        # come from the pool, which checks that the server still answers.
        self._keep_connection = sqlite
        self._kept: Any = None
        self._kept_by = 0
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
            f"SELECT {_EVENT} FROM {t('events')} WHERE stream_id = ? AND stream_version > ?"
            " ORDER BY stream_version"
        )
        self._read_page = q(
            f"SELECT {_READ} FROM {t('events')} WHERE position > ? ORDER BY position LIMIT ?"
        )
        self._read_events_page = q(
            f"SELECT {_EVENT} FROM {t('events')} WHERE position > ? ORDER BY position LIMIT ?"
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
        kept, self._kept = self._kept, None
        if kept is not None:
            kept.close()
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
        pending = Pending(stream_id, events, expected_version, idempotency_key)
        return self._committer.submit(pending).outcome()

    def _commit_group(self, group: list[Pending]) -> None:
        """Store the group in one transaction; fail only the appends that must fail.

        A stale version or a repeated key is found before anything is written and fails
        or answers that append alone. A clash the checks cannot see (an event id stored
        already, or named twice in the group) surfaces as a unique violation at insert:
        then each append of the group runs alone, so that only the culprit fails. Any
        other failure fails the whole group: none of it was stored.
        """
        try:
            self._commit_group_on(group)
        finally:
            self.appended.notify()

    def _commit_group_on(self, group: list[Pending]) -> None:
        kept, self._kept = self._kept, None
        connection = kept if kept is not None and self._kept_by == os.getpid() else None
        if connection is None:  # none kept, or kept by the process this one forked from
            connection = self.db.engine.raw_connection()
            self._kept_by = os.getpid()
        healthy = True
        try:
            try:
                conflicts = self._store_group(connection, group)
            except Exception as error:
                _rollback_quietly(connection)
                for item in group:
                    item.result = None
                    item.error = error
                if not _is_unique_violation(error):
                    healthy = False
                    return
                for item in group:
                    item.error = None
                    try:
                        item.result = self._append_alone(connection, item)
                    except Exception as alone:
                        _rollback_quietly(connection)
                        item.error = alone
                        healthy = healthy and isinstance(alone, EventLogError)
                return
        finally:
            if healthy and self._keep_connection:
                self._kept = connection
            else:
                connection.close()
        for item, current in conflicts:
            try:
                item.result = self._stale(item, current)
            except Exception as error:
                item.error = error

    def _store_group(self, connection: Any, group: list[Pending]) -> list[tuple[Pending, int]]:
        """Check, chain and write the group; return the appends whose version was stale.

        Each append is checked against the stream versions and keys as the earlier
        appends of the group leave them, exactly as if each had committed alone in
        arrival order; the rows of all accepted appends continue one hash chain.
        """
        streams = list(dict.fromkeys(item.stream_id for item in group))
        keys = [item.key for item in group if item.key is not None]
        lock = self._lock_group_sqlite if self.db.dialect == "sqlite" else self._lock_group_pg
        position, previous, versions, stored = lock(connection, streams, keys)
        rows: list[AuditRow] = []
        saved_keys: list[_Key] = []
        accepted: list[tuple[Pending, AppendResult]] = []
        conflicts: list[tuple[Pending, int]] = []
        recorded_at = datetime.now(UTC).isoformat(timespec="microseconds")
        for item in group:
            if item.key is not None:
                found = stored.get(item.key)
                if found is not None:
                    item.result = found
                    continue
            current = versions[item.stream_id]
            expected = item.expected_version
            if expected is not ANY and expected != current:
                conflicts.append((item, current))
                continue
            first = position + 1
            built = chained_rows(
                item.stream_id, item.events, position, previous, current, recorded_at
            )
            rows += built
            last = built[-1]
            position, previous, version = last[0], last[9], last[3]
            versions[item.stream_id] = version
            result = AppendResult(item.stream_id, first, position, version)
            accepted.append((item, result))
            if item.key is not None:
                stored[item.key] = AppendResult(item.stream_id, first, position, version, True)
                saved_keys.append((item.key, item.stream_id, first, position, version))
        if rows:
            write = self._write_sqlite if self.db.dialect == "sqlite" else self._write_postgres
            write(connection, rows, saved_keys)
        else:
            connection.rollback()
        for item, result in accepted:
            item.result = result
        return conflicts

    def _lock_group_sqlite(self, connection: Any, streams: list[str], keys: list[str]) -> _Locked:
        begin_immediate(connection.driver_connection)
        cursor = connection.driver_connection.cursor()
        cursor.execute(self._head_and_version, (streams[0],))
        position, hash_, version = cursor.fetchone()
        versions = {streams[0]: version or 0}
        for stream_id in streams[1:]:
            cursor.execute(self._stream_version, (stream_id,))
            versions[stream_id] = cursor.fetchone()[0] or 0
        stored = {}
        for key in keys:
            cursor.execute(self._find_key, (key,))
            row = cursor.fetchone()
            if row is not None:
                stored[key] = AppendResult(row[0], row[1], row[2], row[3], duplicate=True)
        return position, hash_, versions, stored

    def _lock_group_pg(self, connection: Any, streams: list[str], keys: list[str]) -> _Locked:
        # One round trip for every statement. The server runs them in order, so the
        # version queries take their snapshot only once the head row is locked.
        driver = connection.driver_connection
        with driver.pipeline():
            head = driver.execute(self._lock_head)
            stream_cursors = [driver.execute(self._stream_version, (s,)) for s in streams]
            key_cursors = [driver.execute(self._find_key, (key,)) for key in keys]
        position, hash_ = head.fetchone()
        versions = {s: c.fetchone()[0] or 0 for s, c in zip(streams, stream_cursors, strict=True)}
        stored = {}
        for key, cursor in zip(keys, key_cursors, strict=True):
            row = cursor.fetchone()
            if row is not None:
                stored[key] = AppendResult(row[0], row[1], row[2], row[3], duplicate=True)
        return position, hash_, versions, stored

    def _append_alone(self, connection: Any, item: Pending) -> AppendResult:
        """One append in a transaction of its own: the group's fallback after a clash."""
        try:
            conflicts = self._store_group(connection, [item])
        except Exception as error:
            if not _is_unique_violation(error):
                raise
            _rollback_quietly(connection)
            already = self._already_stored(item.stream_id, item.events)
            if already is not None:
                return already
            raise DuplicateEvent(
                f"some events of this append to {item.stream_id!r} are already stored, some are not"
            ) from error
        for _, current in conflicts:
            return self._stale(item, current)
        return item.outcome()

    def _stale(self, item: Pending, current: int) -> AppendResult:
        """A stale version's answer: the earlier result if these very events are stored."""
        already = self._already_stored(item.stream_id, item.events)
        if already is not None:
            return already
        assert isinstance(item.expected_version, int)
        raise WrongExpectedVersion(item.stream_id, item.expected_version, current)

    # Each engine's two steps of a group: take the lock and read what the checks need
    # (``_lock_group_*``), then store the rows, move the head, save the keys and commit.
    # Between them the rows are built.

    def _write_sqlite(self, connection: Any, rows: list[AuditRow], keys: list[_Key]) -> None:
        cursor = connection.driver_connection.cursor()
        cursor.executemany(self._insert, rows)
        cursor.execute(self._move_head, (rows[-1][0], rows[-1][9]))
        if keys:
            cursor.executemany(self._save_key, keys)
        connection.commit()

    def _write_postgres(self, connection: Any, rows: list[AuditRow], keys: list[_Key]) -> None:
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
            if keys:
                cursor.executemany(self._save_key, keys)
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
        position, hash_ = self.db.fetch(self._head, ())[0]
        return LogHead(position, hash_)

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
        for page in self._pages(self._read_events_page, _position_in_header, after_position, limit):
            yield from map(_decode, page)

    def read_raw(self, after_position: int = 0, limit: int | None = None) -> Iterator[RawEvent]:
        for page in self._pages(self._read_page, _first_column, after_position, limit):
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

    def _pages(
        self,
        statement: str,
        position_of: Callable[[Any], int],
        after_position: int,
        limit: int | None,
    ) -> Iterator[Sequence[Any]]:
        """Pages of rows of ``statement``, each read on a pooled connection and released
        before use; ``position_of`` a row tells where the next page starts."""
        remaining = limit if limit is not None else -1
        while remaining != 0:
            size = _PAGE if remaining < 0 else min(_PAGE, remaining)
            page = self.db.fetch(statement, (after_position, size))
            if not page:
                return
            yield page
            after_position = position_of(page[-1])
            if remaining > 0:
                remaining -= len(page)
            if len(page) < size:
                return


_new = tuple.__new__


def _decode(row: Any) -> RecordedEvent:
    return stored_event(row[0], row[1], row[2])


def _position_in_header(row: Any) -> int:
    return _decode(row).position


def _first_column(row: Any) -> int:
    return int(row[0])


def _raw(row: Any) -> RawEvent:
    return _new(RawEvent, row)


_UNIQUE = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})


def _is_unique_violation(error: Exception) -> bool:
    """A unique index refused a row: an event id or key stored already, never a failure.

    Any other constraint (a trigger's ``RAISE``, a ``NOT NULL``) is a failure like a full
    disk, and fails the whole group rather than passing for a duplicate.
    """
    if isinstance(error, exc.IntegrityError):
        error = error.orig  # type: ignore[assignment]
    if type(error).__name__ == "UniqueViolation":
        return True
    return getattr(error, "sqlite_errorname", None) in _UNIQUE


def _rollback_quietly(connection: Any) -> None:
    """Roll back after a failure; a connection too broken to roll back is dropped anyway."""
    with contextlib.suppress(Exception):
        connection.rollback()
