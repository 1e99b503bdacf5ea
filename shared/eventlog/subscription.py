"""Durable named subscriptions: at-least-once delivery, exactly-once effects.

A handler receives each event together with the open transaction of its own database and
writes its effects there; the runner records the checkpoint in that same transaction.
Either both commit or neither does, so a consumer that dies mid-batch resumes from its
last checkpoint and no effect is ever doubled. The same handler runs whether events come
from polling a relational log or from Kafka (``shared.eventlog.kafka``).

Poison messages (undecodable, or failing ``max_attempts`` times) go to the dead-letter
table with the reason, never silently acknowledged; unknown event types are skipped and
counted, so that an older consumer survives a newer producer.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from shared.eventlog.port import EventLog, RawEvent
from shared.eventlog.signal import AppendSignal
from shared.eventlog.sql.engine import Database
from shared.eventlog.sql.schema import checkpoints, consumer_metadata, dead_letters
from shared.events.codec import decode_event
from shared.events.contract import EventContracts, UnknownEventType
from shared.events.envelope import RecordedEvent

log = logging.getLogger(__name__)

Handler = Callable[[RecordedEvent, Connection], None]
TypedHandler = Callable[[Any, RecordedEvent, Connection], None]


class Dispatcher:
    """Routes events to typed handlers by wire name: one visible table per consumer."""

    def __init__(self, contracts: EventContracts) -> None:
        self._contracts = contracts
        self._handlers: dict[str, TypedHandler] = {}

    def on(self, event_class: type[Any], handler: TypedHandler) -> Dispatcher:
        name: str = event_class.__event_type__
        self._contracts.register(event_class)
        self._handlers[name] = handler
        return self

    def __call__(self, event: RecordedEvent, conn: Connection) -> None:
        handler = self._handlers.get(event.event_type)
        if handler is None:
            if not self._contracts.knows(event.event_type):
                raise UnknownEventType(event.event_type)
            return
        typed = decode_event(self._contracts, event.event_type, event.schema_version, event.payload)
        handler(typed, event, conn)

    def wants(self, event_type: str) -> bool:
        """Whether an event of this type can have an effect (or be counted as unknown)."""
        return event_type in self._handlers or not self._contracts.knows(event_type)


@dataclasses.dataclass
class SubscriptionStats:
    processed: int = 0
    skipped_unknown: int = 0
    dead_lettered: int = 0
    batches: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Delivery:
    """One message to apply: its event, or why it could not be decoded."""

    position: int | None
    event: RecordedEvent | None
    raw: str
    error: str | None = None


class ConsumerStore:
    """Checkpoints and dead letters, kept in the consumer's own database."""

    def __init__(self, database: Database) -> None:
        self.db = database
        # Asked on every batch of every subscription: plain SQL, built once.
        table = database.table("subscription_checkpoints")
        key = 'subscription = ? AND source = ? AND "partition" = ?'
        self._read = database.sql(f"SELECT position, next_offset FROM {table} WHERE {key}")
        self._lock = self._read + ("" if database.dialect == "sqlite" else " FOR UPDATE")
        self._move = database.sql(f"UPDATE {table} SET position = ?, next_offset = ? WHERE {key}")

    def create(self) -> ConsumerStore:
        self.db.create(consumer_metadata)
        return self

    def checkpoint(
        self,
        conn: Connection,
        subscription: str,
        source: str,
        partition: int = 0,
        *,
        lock: bool = False,
    ) -> tuple[int, int]:
        """(last applied position, next offset) or (0, 0) for a new subscription.

        With ``lock``, the row stays locked until the transaction ends, so that two
        runners of one subscription (a background loop and a request catching up to read
        its own write) apply each batch once, one after the other.
        """
        statement = self._lock if lock else self._read
        row = conn.exec_driver_sql(statement, (subscription, source, partition)).first()
        return (row[0], row[1]) if row else (0, 0)

    def position(self, subscription: str, source: str) -> int:
        """The last applied position, read outside any transaction (0 for a new one)."""
        rows = self.db.fetch(self._read, (subscription, source, 0))
        return int(rows[0][0]) if rows else 0

    def save_checkpoint(
        self,
        conn: Connection,
        subscription: str,
        source: str,
        position: int,
        *,
        partition: int = 0,
        next_offset: int = 0,
    ) -> None:
        moved = (position, next_offset, subscription, source, partition)
        if conn.exec_driver_sql(self._move, moved).rowcount == 0:
            conn.execute(
                insert(checkpoints).values(
                    subscription=subscription, source=source, partition=partition,
                    position=position, next_offset=next_offset,
                )
            )  # fmt: skip

    def skip_through(self, conn: Connection, subscription: str, position: int) -> None:
        """Every reader of ``subscription`` (the log poller, each Kafka partition) skips
        the events up to ``position``: a projection rebuilt that far already holds them.

        Offsets are left alone: a Kafka partition goes on from where it was, and drops
        by position what it delivers again.
        """
        conn.execute(
            update(checkpoints)
            .where(checkpoints.c.subscription == subscription)
            .where(checkpoints.c.position < position)
            .values(position=position)
        )

    def dead_letter(
        self, conn: Connection, subscription: str, source: str, delivery: Delivery, reason: str
    ) -> None:
        event = delivery.event
        conn.execute(
            insert(dead_letters).values(
                subscription=subscription,
                source=source,
                position=delivery.position,
                event_id=event.event_id if event else None,
                event_type=event.event_type if event else None,
                reason=reason[:4000],
                raw=delivery.raw,
                recorded_at=datetime.now(UTC).isoformat(timespec="microseconds"),
            )
        )

    def dead_letters(self, subscription: str) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(
                select(dead_letters).where(dead_letters.c.subscription == subscription)
            ).mappings()
            return [dict(row) for row in rows]


Failure = tuple[str, int | None]
"""The source and position of the event a handler failed on in a batch's first run."""


class BatchFailed(Exception):
    """A handler failed during a batch's first run, which has no savepoints.

    The caller's transaction is spoilt (PostgreSQL refuses every statement after an
    error), so the caller rolls it back and runs the batch again in a new one, passing
    ``failure`` as ``apply_deliveries``'s ``retrying``.
    """

    def __init__(self, failure: Failure) -> None:
        super().__init__(f"handler failed on {failure[0]} at {failure[1]}")
        self.failure = failure


def apply_deliveries(
    conn: Connection,
    store: ConsumerStore,
    name: str,
    source: str,
    deliveries: Iterable[Delivery],
    handler: Handler,
    stats: SubscriptionStats,
    max_attempts: int = 3,
    *,
    retrying: Failure | None = None,
) -> None:
    """Apply a batch inside the caller's transaction.

    The first run applies the whole batch with no savepoint: on PostgreSQL a savepoint
    and its release are two round trips, more than most handlers cost. When a handler
    fails it raises ``BatchFailed``, and the caller runs the batch again in a new
    transaction with ``retrying``: one savepoint per event, so that the failing event
    alone is retried and, after ``max_attempts`` (the failed first run counts as the
    first), dead-lettered.
    """
    batch = list(deliveries)
    if retrying is not None:
        _apply_one_by_one(conn, store, name, source, batch, handler, stats, max_attempts,
                          retrying)  # fmt: skip
        return
    tally = SubscriptionStats()
    for delivery in batch:
        try:
            _apply(conn, store, name, source, delivery, handler, tally)
        except Exception as error:
            raise BatchFailed((source, delivery.position)) from error
    stats.processed += tally.processed
    stats.skipped_unknown += tally.skipped_unknown
    stats.dead_lettered += tally.dead_lettered


def _apply(
    conn: Connection,
    store: ConsumerStore,
    name: str,
    source: str,
    delivery: Delivery,
    handler: Handler,
    tally: SubscriptionStats,
) -> None:
    if delivery.event is None:
        store.dead_letter(conn, name, source, delivery, delivery.error or "malformed")
        tally.dead_lettered += 1
        return
    try:
        handler(delivery.event, conn)
        tally.processed += 1
    except UnknownEventType:
        tally.skipped_unknown += 1


def _apply_one_by_one(
    conn: Connection,
    store: ConsumerStore,
    name: str,
    source: str,
    batch: list[Delivery],
    handler: Handler,
    stats: SubscriptionStats,
    max_attempts: int,
    failed: Failure,
) -> None:
    for delivery in batch:
        first_attempt = 2 if (source, delivery.position) == failed else 1
        if first_attempt > max_attempts:  # the failed batch run was its only attempt
            store.dead_letter(conn, name, source, delivery, "handler failed; no retries allowed")
            stats.dead_lettered += 1
            continue
        for attempt in range(first_attempt, max_attempts + 1):
            try:
                with conn.begin_nested():
                    _apply(conn, store, name, source, delivery, handler, stats)
                break
            except Exception as error:  # a handler's failure must not stop the stream
                if attempt == max_attempts:
                    log.warning("dead-lettering %s: %r", delivery.position, error)
                    reason = f"{type(error).__name__}: {error}"
                    store.dead_letter(conn, name, source, delivery, reason)
                    stats.dead_lettered += 1


def decode_raw(raw: RawEvent) -> Delivery:
    from shared.events.codec import loads

    try:
        header = loads(raw.header)
        payload = loads(raw.payload)
        if not isinstance(payload, dict) or len(header) != 12:
            raise ValueError("header or payload has the wrong shape")
        event = RecordedEvent._make((*header, payload, raw.hash))
    except (ValueError, TypeError) as error:
        text = f'{{"header": {raw.header!r}, "payload": {raw.payload!r}}}'
        return Delivery(raw.position, None, text, f"malformed event: {error}")
    return Delivery(raw.position, event, raw.payload)


class LogSubscription:
    """A named subscription polling a relational log (the embedded engines)."""

    def __init__(
        self,
        name: str,
        source: EventLog,
        store: ConsumerStore,
        handler: Handler,
        *,
        batch_size: int = 500,
        max_attempts: int = 3,
    ) -> None:
        self.name = name
        self.source = source
        self.store = store
        self.handler = handler
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.stats = SubscriptionStats()
        self._applied: int | None = None
        """The position as this object last saw it: lets a wake-up after an append skip
        reading the checkpoint (see ``run``)."""
        self._passed = 0
        """How far this process read events its handler has no use for (see ``run_once``)."""

    def position(self) -> int:
        """How far the subscription is: its checkpoint, or further where every event
        after it is one the handler has no use for."""
        self._applied = max(self.store.position(self.name, self.source.name), self._passed)
        return self._applied

    def run_once(self, *, trust_applied: bool = False) -> int:
        """Apply the next batch; returns how many events it covered (0 when caught up).

        The next batch is first read without a write transaction, so that an idle
        subscription never takes the database's write lock from the requests. With
        ``trust_applied``, the checkpoint this object last saw stands in for reading it:
        the transaction reads it again under its lock, and reads the batch again should
        another process have moved it meanwhile.
        """
        applied = self._applied if trust_applied and self._applied is not None else None
        known = self.position() if applied is None else applied
        batch: Sequence[RawEvent] = list(self.source.read_raw(known, self.batch_size))
        if not batch:
            return 0
        deliveries = [decode_raw(raw) for raw in batch]
        wants: Callable[[str], bool] | None = getattr(self.handler, "wants", None)
        if wants is not None and not any(
            d.event is None or wants(d.event.event_type) for d in deliveries
        ):
            # A batch of events the handler has no use for (most of what a read model of
            # one kind of event sees) is passed over without a write transaction; the
            # checkpoint moves over it with the next batch that has an effect, or is read
            # again after a restart, to the same effect: none.
            self._passed = self._applied = batch[-1].position
            return len(batch)
        retrying: Failure | None = None
        while True:
            try:
                batch = self._apply_batch(known, batch, deliveries, retrying)
                break
            except BatchFailed as failed:
                if retrying is not None:
                    raise
                retrying = failed.failure
        if not batch:
            return 0
        self._applied = batch[-1].position
        self.stats.batches += 1
        return len(batch)

    def _apply_batch(
        self,
        known: int,
        batch: Sequence[RawEvent],
        deliveries: list[Delivery],
        retrying: Failure | None,
    ) -> Sequence[RawEvent]:
        """Apply the batch after the checkpoint, with the checkpoint, in one transaction;
        the batch applied (read again if the checkpoint moved since ``known``)."""
        with self.store.db.engine.begin() as conn:
            after, _ = self.store.checkpoint(conn, self.name, self.source.name, lock=True)
            after = max(after, self._passed)
            if after != known:
                batch = list(self.source.read_raw(after, self.batch_size))
                deliveries[:] = [decode_raw(raw) for raw in batch]
            if not batch:
                return batch
            apply_deliveries(
                conn, self.store, self.name, self.source.name, deliveries, self.handler,
                self.stats, self.max_attempts, retrying=retrying,
            )  # fmt: skip
            self.store.save_checkpoint(conn, self.name, self.source.name, batch[-1].position)
        return batch

    def catch_up(self) -> int:
        """Apply every event stored before the call; how many. A batch shorter than
        ``batch_size`` reached the end, so no further (empty) pass is asked for: a write's
        read-your-writes refresh costs one pass, not two.

        The first pass starts from where this object last saw the checkpoint
        (``trust_applied``): after a write there is a batch to apply, and its transaction
        reads the checkpoint anyway, under its lock, so the write's refresh saves a round
        trip. Finding nothing from there, it reads the checkpoint after all: another
        process may have set it back (a rebuild).
        """
        total = 0
        while True:
            count = self.run_once(trust_applied=True) or self.run_once()
            total += count
            if count < self.batch_size:
                return total

    async def run(
        self,
        stop: asyncio.Event,
        idle_seconds: float = 1.0,
        settle_seconds: float = 0.02,
    ) -> None:
        """Run until ``stop`` is set; the batch in flight is finished and committed first.

        When caught up it waits for this process to append to the source (a
        ``shared.eventlog.signal``), then ``settle_seconds`` more so that appends arriving
        together are applied in one batch; without one, it asks again after
        ``idle_seconds`` with a full check, for appends made by other processes.
        """
        signal: AppendSignal = getattr(self.source, "appended", None) or AppendSignal()
        woken = False
        while not stop.is_set():
            seen = signal.version
            count = await asyncio.to_thread(self.run_once, trust_applied=woken)
            if count:
                continue
            woken = await signal.wait(seen, stop, idle_seconds)
            if woken and not stop.is_set():
                await asyncio.sleep(settle_seconds)
