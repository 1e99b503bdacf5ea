"""A service started with Kafka configured publishes its log to its topic."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer

from services.intake.config import IntakeSettings
from shared.eventlog.kafka import ensure_topics
from shared.eventlog.port import ANY
from shared.events import RecordedEvent
from shared.runtime import open_runtime
from tests.contract.events import added
from tests.kafka_broker import KafkaBroker


def test_the_running_service_relays_its_events_and_reports_the_lag(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    kafka = kafka_broker.settings(topic_prefix=f"s{uuid.uuid4().hex[:12]}")
    runtime = open_runtime(IntakeSettings(data_dir=tmp_path), kafka)
    for n in range(30):
        runtime.log.append(f"client-{n % 4}", [added(f"i{n}")], ANY)

    async def scenario() -> list[RecordedEvent]:
        topic = f"{kafka.topic_prefix}.intake.events"
        # Created first: a consumer's metadata request could otherwise auto-create it
        # with the broker's default partitions, and order is kept per partition only.
        await ensure_topics(kafka, [topic])
        async with runtime.running():
            consumer = AIOKafkaConsumer(
                topic,
                bootstrap_servers=kafka.bootstrap_servers,
                auto_offset_reset="earliest",
            )
            await consumer.start()
            received: list[RecordedEvent] = []
            try:
                async with asyncio.timeout(30):
                    while len(received) < 30:
                        batch = await consumer.getmany(timeout_ms=200)
                        for records in batch.values():
                            received += [RecordedEvent.from_wire(r.value) for r in records]
            finally:
                await consumer.stop()
            async with asyncio.timeout(10):
                while runtime.health()["relays"][runtime.relays[0].name]["lag"]:
                    await asyncio.sleep(0.05)
            return received

    received = asyncio.run(scenario())
    runtime.close()

    assert [event.position for event in received] == list(range(1, 31))
    assert received[0].stream_id == "client-0" and received[0].payload["item"] == "i0"
