"""The broker the tests run on is the one users run: Apache Kafka, with its defaults.

Also what this code relies on from Kafka beyond the contract suite: topics created
explicitly, with unlimited retention, creation answering "exists" without failing, and
the local broker keeping its data across restarts (``duuni dev kafka --data-dir``).
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from duuni.local_kafka import apache_kafka, cluster_id, ensure_jars, kafka_version
from shared.eventlog.kafka.clients import make_producer
from shared.eventlog.kafka.topics import TopicCreationFailed, ensure_topics
from shared.settings import KafkaSettings
from tests.kafka_broker import KafkaBroker, needs_java, no_real_kafka


def _real(broker: KafkaBroker) -> None:
    if not broker.is_real_kafka:
        no_real_kafka("the session's broker is Tansu")
        pytest.skip("Tansu stands in for Kafka here: no Java on this machine")


def test_ci_runs_on_real_kafka_with_the_idempotent_producer_on(kafka_broker: KafkaBroker) -> None:
    _real(kafka_broker)
    settings = kafka_broker.settings(topic_prefix=f"b{uuid.uuid4().hex[:10]}")
    assert settings.enable_idempotence  # the default users get, not switched off for tests
    topic = f"{settings.topic_prefix}.probe"

    async def publish() -> int:
        await ensure_topics(settings, [topic])
        producer = make_producer(settings)
        await producer.start()
        try:
            # The broker handed out a producer id: idempotence is really on.
            assert producer._sender._txn_manager.producer_id >= 0
            sent = await producer.send_and_wait(topic, b"x", key=b"k")
            return int(sent.offset)
        finally:
            await producer.stop()

    assert asyncio.run(publish()) == 0


def test_topics_are_created_with_unlimited_retention_and_creating_again_is_no_error(
    kafka_broker: KafkaBroker,
) -> None:
    settings = kafka_broker.settings(topic_prefix=f"b{uuid.uuid4().hex[:10]}", partitions=3)
    topic = f"{settings.topic_prefix}.events"

    async def create_twice() -> tuple[dict[str, str], int]:
        await ensure_topics(settings, [topic])
        await ensure_topics(settings, [topic])  # Kafka answers error 36, "already exists"
        admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
        await admin.start()
        try:
            [described] = await admin.describe_configs(
                [ConfigResource(ConfigResourceType.TOPIC, topic)]
            )
            [resource] = described.to_object()["resources"]
            config = {
                entry["config_names"]: entry["config_value"] for entry in resource["config_entries"]
            }
            [metadata] = await admin.describe_topics([topic])
            return config, len(metadata["partitions"])
        finally:
            await admin.close()

    config, partitions = asyncio.run(create_twice())

    assert partitions == 3
    if kafka_broker.is_real_kafka:  # Tansu does not describe topic configs
        assert config["retention.ms"] == "-1"
        assert config["retention.bytes"] == "-1"


def test_a_topic_the_broker_refuses_is_named_with_its_reason(kafka_broker: KafkaBroker) -> None:
    settings = kafka_broker.settings(topic_prefix="bad topic!")

    with pytest.raises(TopicCreationFailed, match="bad topic!"):
        asyncio.run(ensure_topics(settings, ["bad topic!.events"]))


def test_the_local_broker_keeps_its_topics_across_a_restart(tmp_path: Path) -> None:
    """``duuni dev kafka --data-dir``: formatted once, then started on the same data."""
    needs_java()
    folder = tmp_path / "kafka"

    with apache_kafka(folder=folder) as first:
        settings = KafkaSettings(bootstrap_servers=first.bootstrap, topic_prefix="kept")
        asyncio.run(_publish(settings, "kept.events", b"survives"))
        assert first.resident_bytes() > 0
    with apache_kafka(folder=folder) as second:
        settings = KafkaSettings(bootstrap_servers=second.bootstrap, topic_prefix="kept")
        assert asyncio.run(_read_one(settings, "kept.events")) == b"survives"


async def _publish(settings: KafkaSettings, topic: str, value: bytes) -> None:
    await ensure_topics(settings, [topic])
    producer = make_producer(settings)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=b"k")
    finally:
        await producer.stop()


async def _read_one(settings: KafkaSettings, topic: str) -> bytes:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers)
    await consumer.start()
    try:
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)
        batch = await consumer.getmany(partition, timeout_ms=10_000)
        [record] = batch[partition]
        return bytes(record.value)
    finally:
        await consumer.stop()


def test_jars_left_half_copied_are_fetched_again_and_marked_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fetch that died half-way must not leave a folder every later run trusts or skips."""
    needs_java()
    folder = tmp_path / "libs"
    folder.mkdir()
    (folder / "half-copied.jar").write_bytes(b"")
    monkeypatch.setenv("DUUNI_KAFKA_LIBS", str(folder))

    assert ensure_jars() == folder

    assert (folder / ".complete").exists()
    assert not (folder / "half-copied.jar").exists()
    assert (folder / f"kafka_2.13-{kafka_version()}.jar").exists()


def test_a_cluster_id_never_starts_with_a_dash_that_the_storage_tool_reads_as_an_option() -> None:
    made = {cluster_id() for _ in range(2000)}

    assert len(made) == 2000
    assert not any(c.startswith("-") for c in made)
    assert all(len(c) == 22 for c in made)
