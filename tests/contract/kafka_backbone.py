"""The Kafka backbone: a SQLite log of record, the outbox relay, and a consumer group.

Each test gets its own topic prefix, so its own topics and groups; one partition, because
the contract asserts one global order. Nothing touches the broker until a test consumes,
so the append and verify tests cost no more here than on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from shared.eventlog.kafka import KafkaSubscription, OutboxRelay, dead_letter_topic, events_topic
from shared.eventlog.kafka.clients import make_producer
from shared.eventlog.sql import SqlEventLog
from shared.eventlog.subscription import ConsumerStore, Handler
from tests.contract.backbones import Subscription, make_slow, sqlite_backbone
from tests.kafka_broker import KafkaBroker


class KafkaBackbone:
    kind = "kafka"

    def __init__(self, broker: KafkaBroker, folder: Path) -> None:
        self._sql = sqlite_backbone(folder)
        self.log: SqlEventLog = self._sql.log
        self.group_timeouts = broker.group_timeouts
        self.settings = broker.settings(topic_prefix=f"t{uuid.uuid4().hex[:12]}", partitions=1)
        self.topic = events_topic(self.settings, self.log.name)
        self._used_broker = False

    def consumer_store(self) -> ConsumerStore:
        return self._sql.consumer_store()

    def subscription(self, name: str, handler: Handler, store: ConsumerStore) -> Subscription:
        self._used_broker = True
        return KafkaSubscription(
            name, self.settings, [self.topic], store, handler, batch_size=50,
            group_id=f"{self.settings.topic_prefix}.{name}", timeouts=self.group_timeouts,
        )  # fmt: skip

    def relay(self) -> OutboxRelay:
        self._used_broker = True
        return OutboxRelay(self.log, self.settings, self.topic, idle_seconds=0.02)

    def inject_malformed(self) -> None:
        """Garbage on the topic, after everything appended so far: order as on the log."""
        asyncio.run(self._publish_pending_then_garbage())

    async def _publish_pending_then_garbage(self) -> None:
        async with self.relay() as relay:
            while await relay.run_once():
                pass
        producer = make_producer(self.settings)
        await producer.start()
        try:
            await producer.send_and_wait(self.topic, b"{not json", key=b"garbage-1")
        finally:
            await producer.stop()

    @contextlib.asynccontextmanager
    async def background(self) -> AsyncIterator[None]:
        stop = asyncio.Event()
        relaying = asyncio.create_task(self.relay().run(stop))
        try:
            yield
        finally:
            stop.set()
            await relaying

    def make_transactions_slow(self) -> None:
        self.log.close()  # lets go of the connection it keeps: the new ones learn to sleep
        make_slow(self.log.db)

    def hold_writes(self) -> contextlib.AbstractContextManager[None]:
        return self._sql.hold_writes()

    def waiting(self) -> int | None:
        return self._sql.waiting()

    def fail_writes(self) -> None:
        self._sql.fail_writes()

    def heal_writes(self) -> None:
        self._sql.heal_writes()

    def edit_stored(self, position: int, column: str, value: str) -> None:
        self._sql.edit_stored(position, column, value)

    def delete_stored(self, first: int, last: int | None = None) -> None:
        self._sql.delete_stored(first, last)

    def close(self) -> None:
        self._sql.close()
        if self._used_broker:  # a shared Kafka cluster should not collect test topics
            asyncio.run(self._delete_topics())

    async def _delete_topics(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.settings.bootstrap_servers)
        await admin.start()
        try:
            await admin.delete_topics([self.topic, dead_letter_topic(self.topic)])
        finally:
            await admin.close()


def kafka_backbone(request: pytest.FixtureRequest, tmp_path: Path) -> KafkaBackbone:
    broker: KafkaBroker = request.getfixturevalue("kafka_broker")
    return KafkaBackbone(broker, tmp_path)
