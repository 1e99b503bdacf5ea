"""The hardware's ceiling for the read scenario: a bare sqlite3 loop, no event log at all.

It reads the file our SQLite log has just written and parses each row's header and
payload with orjson, building nothing else: no paging, no envelope, no connection pool.
Printed beside our read so that a slow or busy machine shows as such in the same run.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson


class BareTarget:
    """Reads only: the engine that uses it lists just the read scenario."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def prepare(self, batch: Any) -> Any:
        raise TypeError("the bare reader only reads: list it for the read scenario alone")

    def append(self, prepared: Any) -> None:
        raise TypeError("the bare reader only reads: list it for the read scenario alone")

    def settle(self) -> None:
        pass

    def read_all(self) -> int:
        loads = orjson.loads
        count = 0
        for header, payload in self.connection.execute(
            "SELECT header, payload FROM events ORDER BY position"
        ):
            loads(header)
            loads(payload)
            count += 1
        return count


@contextlib.contextmanager
def bare_sqlite(path: Path) -> Iterator[BareTarget]:
    connection = sqlite3.connect(path)
    try:
        yield BareTarget(connection)
    finally:
        connection.close()
