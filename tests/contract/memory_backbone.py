"""The memory backbone: the in-memory log of record, polled like the relational ones.

Subscribers keep their checkpoints and effects in a consumer database of their own (a
SQLite file, as a service's consumers keep theirs in their database): exactly-once
effects need a transaction on the consumer's side, whatever engine the log is. Tampering
works on the log's ``tables``, the rows it stores, as an intruder would edit a database's.
"""

from __future__ import annotations

import contextlib
import random
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any

from shared.eventlog.memory import InMemoryEventLog
from shared.eventlog.port import LogHead
from shared.eventlog.sql import Database
from shared.eventlog.subscription import ConsumerStore, Handler, LogSubscription
from shared.eventlog.verify import AuditRow
from tests.contract.backbones import Subscription, garbage_row, sqlite_consumers


class MemoryBackbone:
    kind = "memory"

    def __init__(self, folder: Path) -> None:
        self.log = InMemoryEventLog(f"log-{uuid.uuid4().hex[:8]}")
        self._make_consumer_db = sqlite_consumers(folder)
        self._opened: list[Database] = []

    def consumer_store(self) -> ConsumerStore:
        db = self._make_consumer_db()
        self._opened.append(db)
        return ConsumerStore(db).create()

    def subscription(self, name: str, handler: Handler, store: ConsumerStore) -> Subscription:
        return LogSubscription(name, self.log, store, handler, batch_size=50)

    def inject_malformed(self) -> None:
        """A row whose payload is not JSON, chained so that only decoding fails."""
        tables = self.log.tables
        row = garbage_row(tables.head)
        tables.events.append(row)
        tables.head = LogHead(row.position, row.hash)

    @contextlib.asynccontextmanager
    async def background(self) -> AsyncIterator[None]:
        yield

    def make_transactions_slow(self) -> None:
        self.log.tables.events = _SlowEvents(self.log.tables.events)

    @contextlib.contextmanager
    def hold_writes(self) -> Iterator[None]:
        """Appends queue on the log's one lock; there is no group to gather them."""
        with self.log._lock:
            yield

    def waiting(self) -> int | None:
        return None

    def fail_writes(self) -> None:
        self.log.tables.events = _FullEvents(self.log.tables.events)

    def heal_writes(self) -> None:
        self.log.tables.events = list(self.log.tables.events)

    def edit_stored(self, position: int, column: str, value: str) -> None:
        events = self.log.tables.events
        [index] = [i for i, row in enumerate(events) if row.position == position]
        changes: dict[str, Any] = {column: value}
        events[index] = events[index]._replace(**changes)

    def delete_stored(self, first: int, last: int | None = None) -> None:
        end = last if last is not None else self.log.head().position
        events = self.log.tables.events
        events[:] = [row for row in events if not first <= row.position <= end]

    def close(self) -> None:
        self.log.close()
        for db in self._opened:
            db.dispose()


class _FullEvents(list[AuditRow]):
    """Stored rows that refuse to take more, as a full disk would: the engine's first
    change of an append is this ``extend``, so a refused append must leave nothing."""

    def extend(self, rows: Iterable[AuditRow]) -> None:
        raise OSError("the disk is full")


class _SlowEvents(list[AuditRow]):
    """Stored rows that take up to 15 ms to take in an append's rows.

    The engine adds an append's rows with one ``extend`` under its lock, after it took
    their positions and before it moves the head: the stretch lands where the relational
    engines' slow trigger does, between taking positions and making them visible.
    """

    def extend(self, rows: Iterable[AuditRow]) -> None:
        time.sleep(random.random() * 0.015)
        super().extend(rows)
