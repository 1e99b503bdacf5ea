"""Topic names and topic creation: one events topic per log, one dead-letter topic beside it.

Topics are created explicitly, never by auto-creation on first use, so that partitions,
replication and retention are what the settings say: a broker's defaults (seven days'
retention, or four partitions on some test brokers) would silently break the promise
that Kafka holds every event for as long as the log of record does.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from shared.eventlog.kafka.clients import bootstrap_servers
from shared.settings import KafkaSettings

_NO_ERROR = 0
_TOPIC_ALREADY_EXISTS = 36

TOPIC_CONFIG = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}
"""Unlimited retention: consumers added years later still replay from the first event."""


def events_topic(settings: KafkaSettings, log_name: str) -> str:
    return f"{settings.topic_prefix}.{log_name}.events"


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"


class TopicCreationFailed(RuntimeError):
    """The broker refused to create a topic for a reason other than that it exists."""


async def ensure_topics(settings: KafkaSettings, names: Iterable[str]) -> None:
    """Create the topics that are missing; topics that exist already are left as they are."""
    wanted = sorted(set(names))
    if not wanted:
        return
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers(settings), client_id=settings.client_id
    )
    await admin.start()
    try:
        response = await admin.create_topics(
            [
                NewTopic(
                    name,
                    num_partitions=settings.partitions,
                    replication_factor=settings.replication_factor,
                    topic_configs=TOPIC_CONFIG,
                )
                for name in wanted
            ]
        )
    finally:
        await admin.close()
    # Kafka answers each topic with an error code: 36 for "already exists" is success here.
    refused = [
        f"{topic}: error {code} {' '.join(map(str, rest))}".strip()
        for topic, code, *rest in response.topic_errors
        if code not in (_NO_ERROR, _TOPIC_ALREADY_EXISTS)
    ]
    if refused:
        raise TopicCreationFailed("; ".join(refused))


async def topic_partitions(settings: KafkaSettings, topic: str) -> list[int]:
    """The partition numbers of ``topic``, none when it does not exist.

    Asked of the broker itself: a consumer's cached metadata covers only the topics it
    tracks, and on Kafka a refresh for no tracked topic clears what its start had found.
    """
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers(settings), client_id=settings.client_id
    )
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if described["error_code"] != _NO_ERROR:
        return []
    return sorted(int(partition["partition"]) for partition in described["partitions"])
