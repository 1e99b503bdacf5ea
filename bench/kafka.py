"""Throughput of the Kafka engine: relaying the log of record, and reading the topic back.

Three scenarios on the same events (``bench.shapes``, appended in batches of 100 to a
SQLite log of record before any clock starts): the outbox relay publishing all of them
until every one is acknowledged (acks=all); a plain consumer reading the topic from the
start and decoding every envelope; and a ``KafkaSubscription`` doing the same with a
no-op handler, each batch's offsets committed to its SQLite database, the cost a
projection pays before its own work. Group formation is not timed. On real Kafka a fourth
row publishes the same events with a transactional producer, one transaction per relay
batch: the price of the transactions the relay does without.

The broker is real Apache Kafka with the idempotent producer on, or Tansu (memory only,
without the idempotent producer, which it lacks) as a peer (``bench.brokers``).
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from sqlalchemy import Connection

from bench.brokers import BenchBroker, BrokerKind, bench_broker
from bench.shapes import Shapes
from shared.eventlog.kafka import GroupTimeouts, KafkaSubscription, OutboxRelay
from shared.eventlog.kafka.clients import make_producer
from shared.eventlog.kafka.topics import ensure_topics, topic_partitions
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore
from shared.events.envelope import RecordedEvent
from shared.settings import KafkaSettings

RELAY = "relay → Kafka, acks=all"
CONSUME = "consume+decode"
SUBSCRIBE = "subscription, no-op handler"
TRANSACTIONAL = "relay, transactional (unused)"

Row = tuple[str, int, float]


def measure_kafka(events: int, broker: BenchBroker) -> list[Row]:
    """(scenario, events, seconds) for each scenario, on a fresh topic of ``broker``."""
    with contextlib.ExitStack() as stack:
        settings = broker.settings(topic_prefix=f"bench{uuid.uuid4().hex[:8]}")
        groups = broker.groups
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-kafka-")))
        log = SqlEventLog(open_database(f"sqlite:///{folder}/log.db"), "bench").create()
        stack.callback(log.close)
        for batch in Shapes().batches(events, 100):
            log.append(batch.stream_id, batch.events, batch.expected_version)
        store = ConsumerStore(open_database(f"sqlite:///{folder}/consumer.db")).create()
        stack.callback(store.db.dispose)
        return asyncio.run(_measure(log, store, settings, groups, events))


async def _measure(
    log: SqlEventLog, store: ConsumerStore, settings: KafkaSettings, groups: GroupTimeouts,
    events: int,
) -> list[Row]:  # fmt: skip
    relay = OutboxRelay(log, settings)
    async with relay:
        started = time.perf_counter()
        while await relay.run_once():
            pass
        relayed = time.perf_counter() - started
    rows = [
        (RELAY, events, relayed),
        (CONSUME, events, await _consume(settings, relay.topic, events)),
        (SUBSCRIBE, events, await _subscribe(store, settings, relay.topic, groups, events)),
    ]
    if settings.enable_idempotence:  # a broker without idempotence has no transactions
        rows.append((TRANSACTIONAL, events, await _transactional(log, settings)))
    return rows


class TransactionalRelay(OutboxRelay):
    """The relay as it would be with a transactional producer: each batch one transaction.

    Only measured: docs/event-log.md says why the relay does without."""

    async def __aenter__(self) -> TransactionalRelay:
        await ensure_topics(self.settings, [self.topic])
        self._producer = make_producer(self.settings, transactional_id=f"{self.topic}.relay")
        await self._producer.start()
        return self

    async def _publish(self, producer: AIOKafkaProducer, events: Sequence[RecordedEvent]) -> int:
        async with producer.transaction():
            return await super()._publish(producer, events)


async def _transactional(log: SqlEventLog, settings: KafkaSettings) -> float:
    """The same events to a topic of their own through ``TransactionalRelay``."""
    relay = TransactionalRelay(log, settings, f"{settings.topic_prefix}.transactional")
    async with relay:
        started = time.perf_counter()
        while await relay.run_once():
            pass
        return time.perf_counter() - started


async def _consume(settings: KafkaSettings, topic: str, events: int) -> float:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, client_id=settings.client_id,
        enable_auto_commit=False, max_partition_fetch_bytes=4 * 1024 * 1024,
    )  # fmt: skip
    await consumer.start()
    try:
        numbers = await topic_partitions(settings, topic)
        partitions = [TopicPartition(topic, p) for p in numbers]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        started = time.perf_counter()
        decoded = 0
        while decoded < events:
            batch = await consumer.getmany(timeout_ms=1000, max_records=10_000)
            for records in batch.values():
                for record in records:
                    RecordedEvent.from_wire(record.value)
                decoded += len(records)
        return time.perf_counter() - started
    finally:
        await consumer.stop()


async def _subscribe(
    store: ConsumerStore, settings: KafkaSettings, topic: str, groups: GroupTimeouts,
    events: int,
) -> float:  # fmt: skip
    first: list[float] = []

    def nothing(event: RecordedEvent, conn: Connection) -> None:
        if not first:
            first.append(time.perf_counter())

    subscription = KafkaSubscription(
        "bench", settings, [topic], store, nothing, group_id=f"{settings.topic_prefix}.bench",
        timeouts=groups,
    )  # fmt: skip
    stop = asyncio.Event()
    running = asyncio.create_task(subscription.run(stop))
    try:
        while subscription.stats.processed < events:
            if running.done():
                running.result()
                raise RuntimeError("the subscription ended early")
            await asyncio.sleep(0.01)
        return time.perf_counter() - first[0]
    finally:
        stop.set()
        await running


def main() -> None:
    import sys

    events = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    kind: BrokerKind = "tansu" if sys.argv[2:] == ["tansu"] else "kafka"
    with bench_broker(kind) as broker:
        for scenario, count, seconds in measure_kafka(events, broker):
            print(f"{broker.name:20} {scenario:32} {count:>9,} events {seconds:8.2f} s "
                  f"{count / seconds:>10,.0f}/s")  # fmt: skip


if __name__ == "__main__":
    main()
