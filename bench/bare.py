"""The hardware's ceiling: bare sqlite3 loops that write and read our rows, no log code.

``BareTarget`` inserts our own finished rows (built by the log's row builder before the
clock starts: hash chain, canonical JSON, every column) into a file with our schema and
the same durability (WAL, ``synchronous=FULL``), one transaction per batch, with nothing
else: no version check, no head row, no idempotency lookup, no connection pool. It then
reads the file our log wrote and parses each row's header and payload with orjson,
building nothing else. Printed beside our figures, in the same run, so that a slow or
busy machine shows as such and our ratio to the floor is what the log's own work costs.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import orjson

from bench.shapes import Batch
from shared.eventlog.chain import GENESIS
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.verify import AuditRow, chained_rows

_INSERT = (
    "INSERT INTO events (position, event_id, stream_id, stream_version, event_type,"
    " project_id, recorded_at, header, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class BareTarget:
    """Inserts into its own file; reads the file our log wrote (``reads``)."""

    def __init__(self, connection: sqlite3.Connection, reads: Path) -> None:
        self.connection = connection
        self.reads = reads
        self._position = 0
        self._hash = GENESIS

    def prepare(self, batch: Batch) -> list[AuditRow]:
        """Our rows for ``batch``, chained on the batches prepared before it."""
        rows = chained_rows(
            batch.stream_id, batch.events, self._position, self._hash, batch.expected_version
        )
        self._position, self._hash = rows[-1].position, rows[-1].hash
        return rows

    def append(self, prepared: list[AuditRow]) -> None:
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(_INSERT, prepared)
        connection.commit()

    def settle(self) -> None:
        pass

    def read_all(self) -> int:
        loads = orjson.loads
        count = 0
        with contextlib.closing(sqlite3.connect(self.reads)) as connection:
            for header, payload in connection.execute(
                "SELECT header, payload FROM events ORDER BY position"
            ):
                loads(header)
                loads(payload)
                count += 1
        return count


@contextlib.contextmanager
def bare_sqlite(folder: Path, reads: Path) -> Iterator[BareTarget]:
    """A bare target writing ``folder``/bare.db (our schema, made by our log) and reading
    ``reads``."""
    path = folder / "bare.db"
    SqlEventLog(open_database(f"sqlite:///{path}"), "bare").create().close()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    try:
        yield BareTarget(connection, reads)
    finally:
        connection.close()
