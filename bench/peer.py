"""The peer: the ``eventsourcing`` library (9.x) with its SQLite and PostgreSQL persistence.

Which level is compared. Our ``EventLog.append(stream, events, expected_version)`` is the
lowest layer a service writes through: it takes envelopes whose payloads are plain dicts,
checks the stream version, assigns gapless commit-ordered positions, serialises canonical
JSON and extends the hash chain. The library's counterpart is its *application recorder*,
``ApplicationRecorder.insert_events(stored_events)``: optimistic concurrency on
(originator_id, originator_version), plus a notification id per event that readers of the
application sequence follow (SQLite's rowid under one writer; on PostgreSQL a bigserial
behind ``LOCK TABLE … IN EXCLUSIVE MODE`` so ids commit in order, as our head row does).
Its ``Application.save`` level adds aggregate objects, the mapper's stdlib-json
transcoding and snapshot logic: work done *outside* our log (in a service's decide/evolve
and ``NewEvent.of``), so comparing with it would flatter us. Both sides serialise inside
the clock: our append turns ``NewEvent``s into canonical JSON and hashes them, the peer's
turns the same envelopes into ``StoredEvent``s (one orjson object each, as its mapper
would store them) and inserts them.

Reading compares ``select_notifications`` in pages of ``PAGE`` plus decoding each state
with orjson into a dict, against our ``read_all`` into ``RecordedEvent``s. The library's
own ``JSONTranscoder`` (stdlib json) is slower than orjson; using orjson for both measures
the stores, not the JSON libraries.

Durability: the library sets WAL on SQLite and leaves ``synchronous`` at its default,
which is FULL, the same as our production setting; both PostgreSQL targets share one
server, hence its ``synchronous_commit``. The peer runs with its library defaults
throughout, one pooled PostgreSQL connection included, as an application would.
Originator ids are UUIDs (the library's default id type); topics are module paths, as its
mapper writes them.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import orjson
from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from psycopg.sql import SQL, Identifier
from sqlalchemy.engine import make_url

from bench.places import fresh_schema
from bench.shapes import Batch

PAGE = 5000
"""Notifications per ``select_notifications`` call: our log reads pages of this size too."""

_TOPICS = {
    "intake.client_enrolled": "duuni.intake.domain:ClientEnrolled",
    "coaching.session_held": "duuni.coaching.domain:SessionHeld",
    "intake.client_exited": "duuni.intake.domain:ClientExited",
}


def stored_events(batch: Batch) -> list[StoredEvent]:
    """The batch as the library's mapper would store it: same fields, one JSON object."""
    originator_id = uuid.UUID(batch.stream_id)
    stored = []
    for offset, new in enumerate(batch.events, start=1):
        state: dict[str, Any] = {
            **new.payload,
            "timestamp": new.occurred_at.astimezone(UTC).isoformat(),
            "project_id": new.project_id,
            "actor": new.actor,
            "correlation_id": new.correlation_id,
            "causation_id": new.causation_id,
        }
        stored.append(
            StoredEvent(
                originator_id=originator_id,
                originator_version=batch.expected_version + offset,
                topic=_TOPICS.get(new.event_type, new.event_type),
                state=orjson.dumps(state),
            )
        )
    return stored


class PeerTarget:
    def __init__(
        self, recorder: ApplicationRecorder, analyze: Callable[[], None] | None = None
    ) -> None:
        self.recorder = recorder
        self._analyze = analyze

    def prepare(self, batch: Batch) -> Batch:
        return batch

    def append(self, prepared: Batch) -> None:
        self.recorder.insert_events(stored_events(prepared))

    def settle(self) -> None:
        """As for our log: PostgreSQL statistics, so that both read with the same plans."""
        if self._analyze is not None:
            self._analyze()

    def read_all(self) -> int:
        count = 0
        for _event in self._notifications():
            count += 1
        return count

    def _notifications(self) -> Iterator[tuple[Any, Any]]:
        select = self.recorder.select_notifications
        loads = orjson.loads
        last = 0
        while True:
            page = select(last, PAGE, inclusive_of_start=False)
            for notification in page:
                yield notification, loads(notification.state)
            if len(page) < PAGE:
                return
            last = page[-1].id


def _analyze(datastore: PostgresDatastore, table: str) -> None:
    with datastore.transaction(commit=True) as cursor:
        cursor.execute(
            SQL("ANALYZE {0}.{1}").format(Identifier(datastore.schema), Identifier(table))
        )


@contextlib.contextmanager
def sqlite_peer(folder: Path) -> Iterator[PeerTarget]:
    datastore = SQLiteDatastore(str(folder / "peer.db"))
    try:
        recorder = SQLiteApplicationRecorder(datastore)
        recorder.create_table()
        yield PeerTarget(recorder)
    finally:
        datastore.close()


@contextlib.contextmanager
def postgres_peer(url: str) -> Iterator[PeerTarget]:
    parts = make_url(url)
    with fresh_schema(url, "bench_peer") as schema:
        datastore = PostgresDatastore(
            dbname=parts.database or "postgres",
            host=parts.host or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or "",
            schema=schema,
        )
        try:
            recorder = PostgresApplicationRecorder(datastore)
            recorder.create_table()
            yield PeerTarget(recorder, lambda: _analyze(datastore, recorder.events_table_name))
        finally:
            datastore.close()
