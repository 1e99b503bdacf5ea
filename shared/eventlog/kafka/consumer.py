"""Kafka subscriptions (adapter layer): a consumer group running the same handlers.

The offsets of record live in the consumer's own database, written in the transaction
that writes the handler's effects, exactly as the polling subscription writes its
checkpoint. On every partition assignment the consumer seeks to the offset stored there;
offsets committed to Kafka afterwards are only for monitoring. A consumer killed
mid-batch therefore resumes after its last committed batch: no effect lost or doubled.

A batch of events the handler has no use for (most of what a read model of a few kinds of
event sees of its upstream's topic) is passed over without a transaction: the stored
offsets move over it with the next batch that has an effect, or it is read again after a
restart, to the same effect: none. Offsets are committed to Kafka at most once a
``commit_seconds``, and when the consumer stops.

Events the relay published twice (after a crash between acknowledgement and checkpoint)
carry a position at or below the stored one and are dropped. Messages that are not event
envelopes go to the dead-letter topic, then to the ``dead_letters`` table, and the
consumer moves on.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from typing import TypeAlias

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import ConsumerRecord, OffsetAndMetadata

from shared.eventlog.kafka.clients import (
    backoff,
    bootstrap_servers,
    sleep_unless_stopped,
    stop_within,
)
from shared.eventlog.kafka.dead_letters import DeadLetterPublisher, Stopped
from shared.eventlog.kafka.offsets import SeekToStoredOffsets
from shared.eventlog.kafka.topics import dead_letter_topic, ensure_topics
from shared.eventlog.subscription import (
    BatchFailed,
    ConsumerStore,
    Delivery,
    Failure,
    Handler,
    SubscriptionStats,
    apply_deliveries,
)
from shared.events.envelope import RecordedEvent
from shared.settings import KafkaSettings

log = logging.getLogger(__name__)

Record: TypeAlias = ConsumerRecord  # of bytes keys and values; aiokafka ships no types


@dataclasses.dataclass(frozen=True, slots=True)
class GroupTimeouts:
    """Kafka's defaults; tests against a local broker use shorter ones to start quickly."""

    session_ms: int = 10_000
    heartbeat_ms: int = 3_000
    poll_ms: int = 500
    commit_seconds: float = 1.0
    """How often the offsets read so far are committed to Kafka, for monitoring."""


class KafkaSubscription:
    """A named subscription to Kafka topics; the same shape as ``LogSubscription``."""

    def __init__(
        self,
        name: str,
        settings: KafkaSettings,
        topics: Sequence[str],
        store: ConsumerStore,
        handler: Handler,
        *,
        batch_size: int = 500,
        max_attempts: int = 3,
        group_id: str | None = None,
        timeouts: GroupTimeouts = GroupTimeouts(),
    ) -> None:
        self.name = name
        self.settings = settings
        self.topics = list(topics)
        self.store = store
        self.handler = handler
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.group_id = group_id or name
        self.timeouts = timeouts
        self.stats = SubscriptionStats()
        self.duplicates = 0
        """Events dropped because an earlier copy was already applied."""
        self.passed_over = 0
        """Batches passed over without a transaction: none of their events had a use."""
        self.connected = False
        """Whether the consumer is in its group and polling (for readiness probes)."""
        self.last_error: str | None = None
        self._read: dict[TopicPartition, OffsetAndMetadata] = {}
        """Offsets read and handled but not yet committed to Kafka."""
        self._committed_at = 0.0

    async def run(self, stop: asyncio.Event) -> None:
        """Consume until ``stop`` is set; the batch in flight is finished and committed first.

        An unreachable broker is waited for, with back-off; a handler's ``BaseException``
        (the process dying) propagates once the consumer has left its group.
        """
        failures = 0
        while not stop.is_set():
            try:
                await self._consume(stop)
            except (KafkaError, OSError) as error:
                failures += 1
                self.connected, self.last_error = False, repr(error)
                log.warning("subscription %s: Kafka unreachable (%r)", self.name, error)
                await sleep_unless_stopped(stop, backoff(failures))

    async def _consume(self, stop: asyncio.Event) -> None:
        await ensure_topics(self.settings, [*self.topics, *map(dead_letter_topic, self.topics)])
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers(self.settings),
            client_id=self.settings.client_id,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=self.batch_size,
            session_timeout_ms=self.timeouts.session_ms,
            heartbeat_interval_ms=self.timeouts.heartbeat_ms,
        )
        listener = SeekToStoredOffsets(consumer, self.store.db, self.name)
        consumer.subscribe(self.topics, listener=listener)
        dead_letters = DeadLetterPublisher(self.settings, self.name)
        stopped = False
        try:
            await consumer.start()
            self.connected, self.last_error = True, None
            while not stop.is_set():
                batch = await consumer.getmany(
                    timeout_ms=self.timeouts.poll_ms, max_records=self.batch_size
                )
                if batch:
                    await self._handle(consumer, batch, dead_letters, stop)
            stopped = True
        except Stopped:
            pass
        finally:
            self.connected = False
            if stopped:  # after a broker's failure there is nobody to tell
                await stop_within(self._commit(consumer, force=True))
            await stop_within(consumer.stop())
            await dead_letters.stop()

    async def _handle(
        self,
        consumer: AIOKafkaConsumer,
        batch: dict[TopicPartition, list[Record]],
        dead_letters: DeadLetterPublisher,
        stop: asyncio.Event,
    ) -> None:
        parsed = {tp: [(record, _parse(record)) for record in records]
                  for tp, records in batch.items()}  # fmt: skip
        malformed = [(record, result) for pairs in parsed.values()
                     for record, result in pairs if isinstance(result, str)]  # fmt: skip
        if malformed:
            await dead_letters.publish(malformed, stop)
        if not malformed and not self._has_use_for(parsed):
            self.passed_over += 1
        else:
            outcome = await self._apply_until_stored(consumer, batch, parsed, stop)
            if outcome is None:
                return
            stats, duplicates = outcome
            self._add(stats)
            self.duplicates += duplicates
        self._read.update(
            {tp: OffsetAndMetadata(rs[-1].offset + 1, "") for tp, rs in batch.items()}
        )
        await self._commit(consumer)

    def _has_use_for(
        self, parsed: dict[TopicPartition, list[tuple[Record, RecordedEvent | str]]]
    ) -> bool:
        """Whether any event of the batch can have an effect (without ``wants``: all can)."""
        wants: Callable[[str], bool] | None = getattr(self.handler, "wants", None)
        if wants is None:
            return True
        return any(
            isinstance(result, str) or wants(result.event_type)
            for pairs in parsed.values()
            for _, result in pairs
        )

    async def _apply_until_stored(
        self,
        consumer: AIOKafkaConsumer,
        batch: dict[TopicPartition, list[Record]],
        parsed: dict[TopicPartition, list[tuple[Record, RecordedEvent | str]]],
        stop: asyncio.Event,
    ) -> tuple[SubscriptionStats, int] | None:
        """Apply the batch, retrying while the database fails; ``None`` if stopped first
        (the batch is then sought back to, to be read again should the consumer go on)."""
        failures = 0
        while True:
            try:
                return await asyncio.to_thread(self._apply, parsed)
            except Exception as error:  # e.g. the database is unreachable: retry the batch
                failures += 1
                log.warning("subscription %s: batch failed (%r), retrying", self.name, error)
                await sleep_unless_stopped(stop, backoff(failures))
                if stop.is_set():
                    assigned = consumer.assignment()
                    for tp, records in batch.items():
                        if tp in assigned:
                            consumer.seek(tp, records[0].offset)
                    return None

    async def _commit(self, consumer: AIOKafkaConsumer, *, force: bool = False) -> None:
        """Commit the offsets read so far to Kafka, at most once a ``commit_seconds``:
        they are only for monitoring, the database has the offsets of record."""
        now = time.monotonic()
        recently = now - self._committed_at < self.timeouts.commit_seconds
        if not self._read or (recently and not force):
            return
        offsets, self._read = self._read, {}
        self._committed_at = now
        assigned = consumer.assignment()
        offsets = {tp: offset for tp, offset in offsets.items() if tp in assigned}
        if not offsets:
            return
        try:
            await consumer.commit(offsets)
        except KafkaError as error:  # informational only: the database has the offsets
            log.info("subscription %s: offsets not committed to Kafka (%r)", self.name, error)

    def _apply(
        self, parsed: dict[TopicPartition, list[tuple[Record, RecordedEvent | str]]]
    ) -> tuple[SubscriptionStats, int]:
        """Apply one batch and store its offsets in one transaction of the consumer's
        database; should a handler fail, once more in a new one, an event at a time."""
        try:
            return self._apply_batch(parsed, None)
        except BatchFailed as failed:
            return self._apply_batch(parsed, failed.failure)

    def _apply_batch(
        self,
        parsed: dict[TopicPartition, list[tuple[Record, RecordedEvent | str]]],
        retrying: Failure | None,
    ) -> tuple[SubscriptionStats, int]:
        stats = SubscriptionStats(batches=1)
        duplicates = 0
        with self.store.db.engine.begin() as conn:
            for tp, pairs in parsed.items():
                # Locked, so that two members briefly owning one partition (during a
                # rebalance) cannot both apply the same batch.
                applied, _ = self.store.checkpoint(
                    conn, self.name, tp.topic, tp.partition, lock=True
                )
                deliveries = []
                for record, result in pairs:
                    raw = (record.value or b"").decode("utf-8", errors="replace")
                    if isinstance(result, str):
                        deliveries.append(Delivery(None, None, raw, result))
                    elif result.position <= applied:
                        duplicates += 1
                    else:
                        deliveries.append(Delivery(result.position, result, raw))
                        applied = result.position
                apply_deliveries(conn, self.store, self.name, tp.topic, deliveries,
                                 self.handler, stats, self.max_attempts,
                                 retrying=retrying)  # fmt: skip
                self.store.save_checkpoint(conn, self.name, tp.topic, applied,
                                           partition=tp.partition,
                                           next_offset=pairs[-1][0].offset + 1)  # fmt: skip
        return stats, duplicates

    def _add(self, stats: SubscriptionStats) -> None:
        for field in dataclasses.fields(SubscriptionStats):
            name = field.name
            setattr(self.stats, name, getattr(self.stats, name) + getattr(stats, name))


def _parse(record: Record) -> RecordedEvent | str:
    """The event, or why the message is not one."""
    try:
        return RecordedEvent.from_wire(record.value or b"")
    except ValueError as error:
        return f"malformed message: {error}"
