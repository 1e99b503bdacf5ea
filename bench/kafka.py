"""Throughput of the Kafka engine: relaying the log of record, and reading the topic back.

Three scenarios on the same events (``bench.shapes``, appended in batches of 100 to a
SQLite log of record before any clock starts): the outbox relay publishing all of them
until every one is acknowledged (acks=all); a plain consumer reading the topic from the
start and decoding every envelope; and a ``KafkaSubscription`` doing the same with a
no-op handler, each batch's offsets committed to its SQLite database, the cost a
projection pays before its own work. Group formation is not timed.

Without a bootstrap address the run starts the Tansu broker itself (memory only, and
without the idempotent producer, which Tansu lacks).
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import Connection

from bench.shapes import Shapes
from bench.tansu import tansu_broker
from shared.eventlog.kafka import GroupTimeouts, KafkaSubscription, OutboxRelay
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore
from shared.events.envelope import RecordedEvent
from shared.settings import KafkaSettings

RELAY = "relay → Kafka, acks=all"
CONSUME = "consume+decode"
SUBSCRIBE = "subscription, no-op handler"

Row = tuple[str, int, float]


def measure_kafka(events: int, bootstrap: str | None) -> list[Row]:
    """(scenario, events, seconds) for each scenario, on a fresh topic."""
    with contextlib.ExitStack() as stack:
        prefix = f"bench{uuid.uuid4().hex[:8]}"
        if bootstrap is None:
            tansu = stack.enter_context(tansu_broker())
            settings = KafkaSettings(
                bootstrap_servers=tansu, topic_prefix=prefix, enable_idempotence=False
            )
            groups = GroupTimeouts(session_ms=2000, heartbeat_ms=500, poll_ms=100)
        else:
            settings = KafkaSettings(bootstrap_servers=bootstrap, topic_prefix=prefix)
            groups = GroupTimeouts(session_ms=6000, heartbeat_ms=1000, poll_ms=100)
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
    return [
        (RELAY, events, relayed),
        (CONSUME, events, await _consume(settings, relay.topic, events)),
        (SUBSCRIBE, events, await _subscribe(store, settings, relay.topic, groups, events)),
    ]


async def _consume(settings: KafkaSettings, topic: str, events: int) -> float:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, client_id=settings.client_id,
        enable_auto_commit=False, max_partition_fetch_bytes=4 * 1024 * 1024,
    )  # fmt: skip
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
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
    bootstrap = sys.argv[2] if len(sys.argv) > 2 else None
    for scenario, count, seconds in measure_kafka(events, bootstrap):
        print(f"{scenario:32} {count:>9,} events {seconds:8.2f} s {count / seconds:>10,.0f}/s")


if __name__ == "__main__":
    main()
