"""The outbox relay (adapter layer): committed events of a relational log, in order, to Kafka.

The log of record is the outbox: whatever committed there is published, nothing else, so
an event is never on Kafka without being in the log nor lost between the two. The relay
keeps its checkpoint in the log's own database and moves it only over events every
replica acknowledged, retrying for ever otherwise.

Order: each partition gets one batch at a time and the next only after the broker
acknowledged the previous, so even without the idempotent producer a failed batch can
never be overtaken by a later one. A crash between acknowledgement and checkpoint
publishes some events again, in the same order; consumers drop them by position.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from aiokafka.partitioner import DefaultPartitioner
from sqlalchemy import insert, select, update

from shared.eventlog.kafka.clients import (
    backoff,
    make_producer,
    sleep_unless_stopped,
    stop_within,
    unless_stopped,
)
from shared.eventlog.kafka.topics import ensure_topics, events_topic
from shared.eventlog.sql.log import SqlEventLog
from shared.eventlog.sql.schema import relay_checkpoints
from shared.events.envelope import RecordedEvent
from shared.settings import KafkaSettings

log = logging.getLogger(__name__)


class PublishFailed(Exception):
    """Some events were not acknowledged; the checkpoint stays before the first of them."""


class OutboxRelay:
    """Publishes one log to one topic: key = stream id, value = the canonical envelope."""

    def __init__(
        self,
        log: SqlEventLog,
        settings: KafkaSettings,
        topic: str | None = None,
        *,
        batch_size: int = 2000,
        idle_seconds: float = 1.0,
        accept: Callable[[RecordedEvent], bool] | None = None,
    ) -> None:
        """``accept`` filters what is published (a partner's feed); skipped events still
        move the checkpoint, so the relay never reads them again."""
        self.log = log
        self.settings = settings
        self.topic = topic or events_topic(settings, log.name)
        self.name = f"kafka:{self.topic}"
        self.accept = accept
        self.batch_size = batch_size
        self.idle_seconds = idle_seconds
        self.connected = False
        """Whether the last attempt reached the broker (for readiness probes)."""
        self.last_error: str | None = None
        self.progress_at = time.monotonic()
        """When a batch (or an empty read) last completed."""
        self._producer: AIOKafkaProducer | None = None
        self._partition_of: dict[str, int] = {}

    async def __aenter__(self) -> OutboxRelay:
        await ensure_topics(self.settings, [self.topic])
        producer = make_producer(self.settings)
        await producer.start()
        self._producer = producer
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            await stop_within(producer.stop())

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until ``stop`` is set, restarting the producer after every failure."""
        failures = 0
        while not stop.is_set():
            try:
                async with self:
                    while not stop.is_set():
                        seen = self.log.appended.version
                        count = await unless_stopped(self.run_once(), stop)
                        failures = 0
                        self.connected, self.last_error = True, None
                        self.progress_at = time.monotonic()
                        if count is not None and count < self.batch_size:
                            # Woken by this process's appends; others' within idle_seconds.
                            await self.log.appended.wait(seen, stop, self.idle_seconds)
            except Exception as error:  # the relay retries until acknowledged, whatever failed
                failures += 1
                self.connected, self.last_error = False, repr(error)
                delay = backoff(failures)
                log.warning("relay %s failed (%r); retrying in %.1f s", self.name, error, delay)
                await sleep_unless_stopped(stop, delay)

    def healthy(self, lag: int, stall_seconds: float = 10.0) -> bool:
        """Caught up, or made progress lately: a relay stuck on an unreachable broker is not."""
        if lag == 0 and self.last_error is None:
            return True
        return self.connected and time.monotonic() - self.progress_at < stall_seconds

    async def run_once(self) -> int:
        """Publish the next batch after the checkpoint; return how many events it held.

        Raises ``PublishFailed`` (after saving the acknowledged prefix) when any send failed.
        """
        if self._producer is None:
            raise RuntimeError("use the relay as 'async with relay:' or call run()")
        after = await asyncio.to_thread(self.checkpoint)
        events = await asyncio.to_thread(self._read, after)
        if not events:
            return 0
        chosen = events if self.accept is None else [e for e in events if self.accept(e)]
        done = events[-1].position
        if chosen:
            acknowledged = await self._publish(self._producer, chosen)
            if acknowledged < chosen[-1].position:
                done = acknowledged
        if done > after:
            await asyncio.to_thread(self._save_checkpoint, done)
        if done < events[-1].position:
            raise PublishFailed(f"{self.topic}: acknowledged up to {done} only")
        return len(events)

    # -- publishing -----------------------------------------------------------

    async def _publish(self, producer: AIOKafkaProducer, events: Sequence[RecordedEvent]) -> int:
        """The position up to which every event of ``events`` is acknowledged."""
        partitions = sorted(await producer.partitions_for(self.topic))
        queues: dict[int, list[RecordedEvent]] = {}
        for event in events:
            queues.setdefault(self._partition(event.stream_id, partitions), []).append(event)
        unacknowledged = await asyncio.gather(
            *(self._publish_partition(producer, p, queue) for p, queue in queues.items())
        )
        first_missing = min((p for p in unacknowledged if p is not None), default=None)
        return events[-1].position if first_missing is None else first_missing - 1

    async def _publish_partition(
        self, producer: AIOKafkaProducer, partition: int, events: Sequence[RecordedEvent]
    ) -> int | None:
        """Send batch after batch; return the first unacknowledged position, if any.

        The next batch is built while the previous one is in flight, but sent only once
        that one is acknowledged.
        """
        acknowledged = sent = 0
        in_flight: asyncio.Future[object] | None = None
        while acknowledged < len(events):
            batch, count = self._batch(producer, events, sent)
            try:
                if in_flight is not None:
                    await in_flight
                    acknowledged = sent
                in_flight = None
                if count:
                    in_flight = await producer.send_batch(batch, self.topic, partition=partition)
                    sent += count
            except (KafkaError, OSError) as error:
                log.warning("relay %s: partition %d not acknowledged: %r", self.name, partition,
                            error)  # fmt: skip
                return events[acknowledged].position
        return None

    def _batch(
        self, producer: AIOKafkaProducer, events: Sequence[RecordedEvent], start: int
    ) -> tuple[Any, int]:
        """As many events from ``start`` on as fit one batch (always at least one)."""
        batch = producer.create_batch()
        count = 0
        for event in events[start:]:
            if batch.append(key=event.stream_id.encode(), value=event.to_wire(),
                            timestamp=None, headers=self._headers(event)) is None:  # fmt: skip
                break
            count += 1
        return batch, count

    def _partition(self, stream_id: str, partitions: list[int]) -> int:
        """Kafka's default key partitioning, so that every client agrees where a stream is."""
        if len(partitions) == 1:
            return partitions[0]
        found = self._partition_of.get(stream_id)
        if found is None or found not in partitions:
            found = DefaultPartitioner()(stream_id.encode(), partitions, partitions)
            self._partition_of[stream_id] = found
        return found

    def _headers(self, event: RecordedEvent) -> list[tuple[str, bytes]]:
        return [
            ("event_id", event.event_id.encode()),
            ("position", str(event.position).encode()),
            ("event_type", event.event_type.encode()),
            ("schema_version", str(event.schema_version).encode()),
            ("log", self.log.name.encode()),
        ]

    # -- the log of record ----------------------------------------------------

    def _read(self, after: int) -> list[RecordedEvent]:
        return list(self.log.read_all(after, self.batch_size))

    def checkpoint(self) -> int:
        """The position up to which this relay has published (0 before the first event)."""
        with self.log.db.read() as conn:
            position = conn.execute(
                select(relay_checkpoints.c.position).where(relay_checkpoints.c.relay == self.name)
            ).scalar()
            return int(position or 0)

    def _save_checkpoint(self, position: int) -> None:
        """Only ever forwards, so that a slower second relay cannot move it back."""
        key = relay_checkpoints.c.relay == self.name
        with self.log.db.engine.begin() as conn:
            current = conn.execute(
                select(relay_checkpoints.c.position).where(key).with_for_update()
            ).scalar()
            if current is None:
                conn.execute(insert(relay_checkpoints).values(relay=self.name, position=position))
            elif current < position:
                conn.execute(update(relay_checkpoints).where(key).values(position=position))
