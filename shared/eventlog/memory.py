"""The in-memory event log (adapter): the fake that service-layer tests bootstrap with.

It keeps every promise of the port, as the contract suite (tests/contract) checks:
optimistic concurrency, idempotent appends by event id and by key, all-or-nothing
batches, gapless positions in commit order, and the same hash chain as the relational
engine, so that ``verify`` works. Events are stored as the relational engine stores
them, as canonical JSON texts, and decoded on every read: a reader gets exactly what it
would get from SQLite (dates as text, the schema version it was written with, upcast by
``decode_event`` like any other), and changing what it got changes nothing stored.

One lock serialises appends and reads, so an append's positions become visible all at
once and only after every lower one. Nothing is durable: the log lives as long as the
object does.
"""

from __future__ import annotations

import dataclasses
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence

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
from shared.eventlog.signal import AppendSignal
from shared.eventlog.verify import AuditRow, Verdict, chained_rows, verify_chain
from shared.events.envelope import NewEvent, RecordedEvent, stored_event

_PAGE = 5000


@dataclasses.dataclass
class MemoryTables:
    """What the relational engine keeps in its tables, kept in a list and dicts.

    ``events`` and ``head`` are the log of record, exactly the columns ``verify`` reads;
    the dicts are the unique indexes. Like ``SqlEventLog.db`` it is reachable from
    outside the log: an auditor's test may edit stored rows behind the log's back.
    """

    events: list[AuditRow] = dataclasses.field(default_factory=list)
    """Every stored row, in position order."""
    head: LogHead = dataclasses.field(default_factory=lambda: LogHead(0, GENESIS))
    idempotency_keys: dict[str, AppendResult] = dataclasses.field(default_factory=dict)
    streams: dict[str, list[AuditRow]] = dataclasses.field(default_factory=dict)
    """Each stream's rows in version order."""
    event_ids: dict[str, AuditRow] = dataclasses.field(default_factory=dict)


class InMemoryEventLog:
    """An event log held in this process's memory; safe to share between threads."""

    def __init__(self, name: str = "memory") -> None:
        self.name = name
        self.tables = MemoryTables()
        self._lock = threading.Lock()
        self.appended = AppendSignal()
        """Moves after each append, as a relational log's does (``shared.eventlog.signal``)."""

    def close(self) -> None:
        """Nothing to release: the events go when the log does."""

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
        with self._lock:
            tables = self.tables
            if idempotency_key is not None and idempotency_key in tables.idempotency_keys:
                return dataclasses.replace(tables.idempotency_keys[idempotency_key], duplicate=True)
            stream = tables.streams.get(stream_id, [])
            current = stream[-1].stream_version if stream else 0
            if expected_version is not ANY and expected_version != current:
                already = self._already_stored(stream_id, events)
                if already is not None:
                    return already
                assert isinstance(expected_version, int)
                raise WrongExpectedVersion(stream_id, expected_version, current)
            if self._clashes(events):
                already = self._already_stored(stream_id, events)
                if already is not None:
                    return already
                raise DuplicateEvent(
                    f"some events of this append to {stream_id!r} are already stored, some are not"
                )
            rows = chained_rows(stream_id, events, tables.head.position, tables.head.hash, current)
            self._store(stream_id, rows)
            result = AppendResult(
                stream_id, rows[0].position, rows[-1].position, rows[-1].stream_version
            )
            if idempotency_key is not None:
                tables.idempotency_keys[idempotency_key] = result
        self.appended.notify()
        return result

    def _clashes(self, events: Sequence[NewEvent]) -> bool:
        """Whether an event id is stored already or given twice: the unique index says no."""
        ids = [new.event_id for new in events]
        return len(set(ids)) < len(ids) or any(i in self.tables.event_ids for i in ids)

    def _already_stored(self, stream_id: str, events: Sequence[NewEvent]) -> AppendResult | None:
        """The earlier result if every event of this append is stored in this stream."""
        found = [self.tables.event_ids.get(new.event_id) for new in events]
        if found[0] is None:
            return None
        rows = [row for row in found if row is not None and row.stream_id == stream_id]
        if len(rows) < len(found):
            raise DuplicateEvent(f"events of this append to {stream_id!r} clash with stored ones")
        return AppendResult(
            stream_id, rows[0].position, rows[-1].position, rows[-1].stream_version, duplicate=True
        )

    def _store(self, stream_id: str, rows: list[AuditRow]) -> None:
        tables = self.tables
        tables.events.extend(rows)
        tables.streams.setdefault(stream_id, []).extend(rows)
        for row in rows:
            tables.event_ids[row.event_id] = row
        tables.head = LogHead(rows[-1].position, rows[-1].hash)

    # -- reading --------------------------------------------------------------

    def head(self) -> LogHead:
        with self._lock:
            return self.tables.head

    def appended_with(self, idempotency_key: str) -> AppendResult | None:
        """What an append with this key stored, if one did: a retried command's answer."""
        with self._lock:
            result = self.tables.idempotency_keys.get(idempotency_key)
        return None if result is None else dataclasses.replace(result, duplicate=True)

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]:
        with self._lock:
            rows = self.tables.streams.get(stream_id, [])[after_version:]
        return [_decode(row) for row in rows if row.stream_version > after_version]

    def read_all(
        self, after_position: int = 0, limit: int | None = None
    ) -> Iterator[RecordedEvent]:
        for page in self._pages(after_position, limit):
            yield from map(_decode, page)

    def read_raw(self, after_position: int = 0, limit: int | None = None) -> Iterator[RawEvent]:
        for page in self._pages(after_position, limit):
            yield from (RawEvent(row.position, row.header, row.payload, row.hash) for row in page)

    def verify(self, progress: Callable[[int], None] | None = None) -> Verdict:
        """Verify the chain as it stands: the rows and the head are read at one moment."""
        with self._lock:
            rows, head = list(self.tables.events), self.tables.head
        return verify_chain(rows, head, progress)

    def _pages(self, after_position: int, limit: int | None) -> Iterator[list[AuditRow]]:
        """Slices of the stored rows, each taken under the lock and used outside it."""
        remaining = limit if limit is not None else -1
        while remaining != 0:
            size = _PAGE if remaining < 0 else min(_PAGE, remaining)
            with self._lock:
                events = self.tables.events
                start = bisect_right(events, after_position, key=_position)
                page = events[start : start + size]
            if not page:
                return
            yield page
            after_position = page[-1].position
            if remaining > 0:
                remaining -= len(page)
            if len(page) < size:
                return


def _position(row: AuditRow) -> int:
    return row.position


def _decode(row: AuditRow) -> RecordedEvent:
    return stored_event(row.header, row.payload, row.hash)
