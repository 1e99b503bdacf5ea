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
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, text
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
        """
        return self.engine.connect().execution_options(sqlite_deferred=True)

    def fetch(self, statement: str, params: tuple[Any, ...]) -> Sequence[Any]:
        """All rows of one raw read on a pooled DBAPI connection, released before use.

        The bulk readers' fast path: no SQLAlchemy row objects, and no transaction left
        open (a held SQLite read snapshot would keep the WAL from being checkpointed).
        """
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(statement, params)
            rows = cursor.fetchall()
            cursor.close()
            connection.rollback()
            return rows
        finally:
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()


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


def _begin(conn: Connection) -> None:
    deferred = conn.get_execution_options().get("sqlite_deferred", False)
    conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


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
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size,
            max_overflow=8,
        )
        event.listen(engine, "connect", _sqlite_pragmas(sqlite_synchronous))
        event.listen(engine, "begin", _begin)
        return Database(engine, "sqlite", None)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, pool_size=pool_size, max_overflow=8, pool_pre_ping=True)
        if schema:
            engine = engine.execution_options(schema_translate_map={None: schema})
        return Database(engine, "postgresql", schema)
    raise ValueError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )
