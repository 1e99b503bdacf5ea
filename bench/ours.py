"""Our side of the comparison: ``SqlEventLog`` on SQLite and PostgreSQL as a bench target.

Appends go through the public ``EventLog.append`` with an exact expected version, as a
service's handler calls it, so the timing includes the version check, the hash chain and
the canonical serialisation; reads go through ``read_all`` into ``RecordedEvent``s.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from sqlalchemy import text

from bench.places import fresh_schema
from bench.shapes import Batch
from shared.eventlog.sql import SqlEventLog, open_database


class LogTarget:
    def __init__(self, log: SqlEventLog) -> None:
        self.log = log

    def prepare(self, batch: Batch) -> Batch:
        return batch

    def append(self, prepared: Batch) -> None:
        self.log.append(prepared.stream_id, prepared.events, prepared.expected_version)

    def settle(self) -> None:
        """PostgreSQL: the statistics autovacuum would gather within a minute of the writes.

        Without them the planner takes the freshly filled table for a small one and reads
        each page by sorting a scan of the whole table.
        """
        if self.log.db.dialect == "postgresql":
            with self.log.db.engine.begin() as conn:
                conn.execute(text(f"ANALYZE {self.log.db.table('events')}"))

    def read_all(self) -> int:
        count = 0
        for _event in self.log.read_all():
            count += 1
        return count


def sqlite_file(synchronous: Literal["FULL", "NORMAL"]) -> str:
    return f"ours-{synchronous.lower()}.db"


@contextlib.contextmanager
def sqlite_log(
    folder: Path, synchronous: Literal["FULL", "NORMAL"] = "FULL"
) -> Iterator[LogTarget]:
    """The embedded default: WAL, and ``synchronous=FULL`` unless told otherwise."""
    database = open_database(
        f"sqlite:///{folder / sqlite_file(synchronous)}", sqlite_synchronous=synchronous
    )
    log = SqlEventLog(database, "bench").create()
    try:
        yield LogTarget(log)
    finally:
        log.close()


@contextlib.contextmanager
def postgres_log(url: str) -> Iterator[LogTarget]:
    with fresh_schema(url, "bench_ours") as schema:
        log = SqlEventLog(open_database(url, schema=schema), "bench").create()
        try:
            yield LogTarget(log)
        finally:
            log.close()
