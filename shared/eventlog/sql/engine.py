"""Opening a relational database for the log and its consumers (adapter layer).

SQLite runs in WAL mode with ``synchronous=FULL`` by default, so that a saved event
survives power loss, and every SQLAlchemy transaction starts ``BEGIN IMMEDIATE`` to take
the write lock up front (a deferred transaction that later writes can fail with
SQLITE_BUSY when another writer got there first); ``Database.read()`` gives readers a
deferred transaction that never blocks writers. PostgreSQL services may each live in
their own schema of one database.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, exc, text
from sqlalchemy.engine import make_url

Dialect = Literal["sqlite", "postgresql"]


@dataclasses.dataclass(frozen=True)
class Database:
    """An engine plus what raw SQL needs to know: dialect, schema and parameter style."""

    engine: Engine
    dialect: Dialect
    schema: str | None

    def table(self, name: str) -> str:
        return f'"{self.schema}"."{name}"' if self.schema else name

    def sql(self, statement: str) -> str:
        """Raw statements are written with ``?``; psycopg wants ``%s``."""
        return statement.replace("?", "%s") if self.dialect == "postgresql" else statement

    def create(self, metadata: MetaData) -> None:
        with self.engine.begin() as conn:
            if self.schema:
                conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            metadata.create_all(conn)

    def read(self) -> Connection:
        """A connection for reading only: on SQLite it does not take the write lock.

        Every other transaction starts ``BEGIN IMMEDIATE``, the safe default for writers.
        On PostgreSQL the reads run without a transaction of their own (autocommit): at
        its default isolation, READ COMMITTED, each statement sees what was committed when
        it began whether or not a transaction surrounds it, so ``BEGIN`` and the
        ``ROLLBACK`` on release were two round trips that bought nothing.
        """
        if self.dialect == "postgresql":
            return self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self.engine.connect().execution_options(sqlite_deferred=True)

    def fetch(self, statement: str, params: tuple[Any, ...]) -> Sequence[Any]:
        """All rows of one raw read on a pooled DBAPI connection, released before use.

        The bulk readers' fast path: no SQLAlchemy row objects, and no transaction left
        open (a held SQLite read snapshot would keep the WAL from being checkpointed; on
        PostgreSQL, as in ``read``, none is begun at all).
        """
        if self.dialect == "postgresql":
            with self.read() as conn:
                return _fetched(conn.connection.dbapi_connection, statement, params)
        connection = self.engine.raw_connection()
        try:
            rows = _fetched(connection, statement, params)
            connection.rollback()
            return rows
        finally:
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _fetched(connection: Any, statement: str, params: tuple[Any, ...]) -> Sequence[Any]:
    cursor = connection.cursor()
    try:
        cursor.execute(statement, params)
        return cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        cursor.close()


BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite connection waits for another's write lock."""


def _sqlite_pragmas(synchronous: str) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return on_connect


class WriterConnection(sqlite3.Connection):
    """A SQLite connection whose writers queue for their file inside the process.

    SQLite lets one transaction write at a time. The others wait in its busy handler,
    which sleeps and tries again (after 1, 2, 5 … up to 100 ms), so a waiter often
    sleeps on long after the lock came free: under 12 coaches on ``duuni up`` half the
    waits for ``BEGIN IMMEDIATE`` took over 19 ms and one in a hundred over 130 ms. This
    process's writers to one file therefore first queue on a lock that is handed over the
    moment its holder commits or rolls back. SQLite's own lock still keeps other
    processes out, and after ``BUSY_TIMEOUT_MS`` in the queue a writer goes on to SQLite
    as before rather than wait for ever.
    """

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        self._writers = _writer_lock(database)
        self._holding = False

    def begin_immediate(self, *, wait: bool = True) -> bool:
        """``BEGIN IMMEDIATE`` after this process's other writers of the file; without
        ``wait``, ``False`` at once when one of them, or another process, writes."""
        if self._writers is not None and not self._holding:
            if wait:
                self._holding = self._writers.acquire(timeout=BUSY_TIMEOUT_MS / 1000)
            else:
                self._holding = self._writers.acquire(blocking=False)
                if not self._holding:
                    return False
        try:
            if wait:
                self.execute("BEGIN IMMEDIATE")
                return True
            return self._try_begin()
        except BaseException:
            self._release()
            raise

    def _try_begin(self) -> bool:
        """``BEGIN IMMEDIATE`` unless another process writes now (no busy waiting)."""
        self.execute("PRAGMA busy_timeout = 0")
        try:
            self.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            self._release()
            return False
        finally:
            self.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return True

    # Every way a transaction or the connection ends hands the file on.

    def commit(self) -> None:
        self._then_release(super().commit)

    def rollback(self) -> None:
        self._then_release(super().rollback)

    def close(self) -> None:
        self._then_release(super().close)

    def _then_release(self, end: Callable[[], None]) -> None:
        try:
            end()
        finally:
            self._release()

    def _release(self) -> None:
        if self._holding and self._writers is not None:
            self._holding = False
            self._writers.release()


_writer_locks: dict[str, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _fresh_writer_locks() -> None:
    """A forked child starts with its own queues: a lock another thread of the parent
    held at the fork would otherwise stay taken in the child for ever."""
    global _writer_locks_guard
    _writer_locks.clear()
    _writer_locks_guard = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_writer_locks)


def _writer_lock(database: Any) -> threading.Lock | None:
    """The process's one queue of writers for the file ``database`` (none in memory)."""
    name = os.fspath(database)
    if name in ("", ":memory:") or name.startswith("file:"):
        return None
    path = os.path.realpath(name)
    with _writer_locks_guard:
        return _writer_locks.setdefault(path, threading.Lock())


def begin_immediate(dbapi_connection: Any, *, wait: bool = True) -> bool:
    """Start a writing transaction on a raw SQLite connection (see ``WriterConnection``)."""
    if isinstance(dbapi_connection, WriterConnection):
        return dbapi_connection.begin_immediate(wait=wait)
    if not wait:
        raise ValueError("only a WriterConnection can try to begin without waiting")
    dbapi_connection.execute("BEGIN IMMEDIATE")
    return True


def _begin(conn: Connection) -> None:
    if conn.get_execution_options().get("sqlite_deferred", False):
        conn.exec_driver_sql("BEGIN")
    else:
        begin_immediate(conn.connection.dbapi_connection)


PING_AFTER_IDLE_SECONDS = 2.0
"""A pooled PostgreSQL connection that lay unused longer than this is tried before use."""


def _ping_when_idle(engine: Engine) -> None:
    """Try a pooled connection before use when it lay idle, not on every use.

    A connection the server closed (a restart, an idle timeout) must not reach a request.
    SQLAlchemy's ``pool_pre_ping`` tries every connection at every check-out: a round trip,
    about 0.1 ms, for each of the ten or so reads of a page. A connection back in the pool
    for less than ``PING_AFTER_IDLE_SECONDS`` was just in use, so it is not tried again.
    If the server went away within that moment, the first read on such a connection fails
    and SQLAlchemy, seeing a disconnect, renews the whole pool, as after any failed ping.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is not None and time.monotonic() - returned < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool drops it and checks out another
            raise exc.DisconnectionError(str(error)) from error


def open_database(
    url: str,
    *,
    schema: str | None = None,
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL",
    pool_size: int = 16,
) -> Database:
    """Open (and for SQLite, create the folder of) the database at ``url``.

    The pool keeps as many connections as a service runs request threads (16), so that a
    busy service reuses its connections instead of opening and dropping one per request.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={
                "check_same_thread": False,
                "timeout": BUSY_TIMEOUT_MS / 1000,
                "factory": WriterConnection,
            },
            pool_size=pool_size,
            max_overflow=8,
        )
        event.listen(engine, "connect", _sqlite_pragmas(sqlite_synchronous))
        event.listen(engine, "begin", _begin)
        return Database(engine, "sqlite", None)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, pool_size=pool_size, max_overflow=8)
        _ping_when_idle(engine)
        if schema:
            engine = engine.execution_options(schema_translate_map={None: schema})
        return Database(engine, "postgresql", schema)
    raise ValueError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )
