"""The matching read model on faust-streaming agents, for deployments on the Kafka engine.

Two agents follow intake's and matching's event topics and feed every message to the
same projection handlers the embedded engine runs (``projections.intake_dispatcher`` and
``projections.matching_dispatcher``). Effects are exactly-once as with
``KafkaSubscription``: each message is applied in one transaction of matching's database
together with the partition's checkpoint, a message at or below the checkpoint (a
redelivery after a rebalance) is skipped, and a message that cannot be decoded or keeps
failing goes to the dead-letter table with its reason, never silently acknowledged.

Nothing is built at import: ``faust_app`` makes the app from settings, and the caller
runs it (``app.main()`` for a worker process, or ``await app.start()`` in tests).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

import faust

from services.matching.adapters.projections import intake_dispatcher, matching_dispatcher
from services.matching.adapters.read_model import create_tables
from shared.eventlog.kafka import GroupTimeouts
from shared.eventlog.kafka.clients import bootstrap_servers
from shared.eventlog.kafka.topics import events_topic
from shared.eventlog.sql import Database
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


@dataclasses.dataclass(frozen=True)
class Followed:
    """One upstream log an agent follows, under the subscription name of the embedded engine."""

    subscription: str
    upstream: str
    handler: Callable[[], Handler]


FOLLOWED = (
    Followed("matching.clients", "intake", intake_dispatcher),
    Followed("matching.read_model", "matching", matching_dispatcher),
)


def apply_message(
    store: ConsumerStore,
    subscription: str,
    handler: Handler,
    *,
    topic: str,
    partition: int,
    offset: int,
    value: bytes,
    stats: SubscriptionStats,
) -> bool:
    """Apply one message with its checkpoint; False when it had been applied before."""
    raw = value.decode("utf-8", errors="replace")
    try:
        event: RecordedEvent | None = RecordedEvent.from_wire(value)
        delivery = Delivery(event.position if event else None, event, raw)
    except ValueError as error:
        event, delivery = None, Delivery(None, None, raw, f"malformed event: {error}")
    retrying: Failure | None = None
    while True:
        try:
            with store.db.engine.begin() as conn:
                applied, _ = store.checkpoint(conn, subscription, topic, partition, lock=True)
                if event is not None and event.position <= applied:
                    return False
                apply_deliveries(conn, store, subscription, topic, [delivery], handler, stats,
                                 retrying=retrying)  # fmt: skip
                store.save_checkpoint(
                    conn,
                    subscription,
                    topic,
                    event.position if event is not None else applied,
                    partition=partition,
                    next_offset=offset + 1,
                )
            return True
        except BatchFailed as failed:  # once more, with the failing event retried alone
            if retrying is not None:
                raise
            retrying = failed.failure


def faust_app(
    kafka: KafkaSettings,
    database: Database,
    *,
    app_id: str = "duuni-matching",
    timeouts: GroupTimeouts | None = None,
) -> Any:
    """A faust app whose agents keep matching's read model in ``database``.

    ``timeouts`` are the consumer group's, as for ``KafkaSubscription``: a test broker
    forms groups faster with short ones.
    """
    group = timeouts or GroupTimeouts()
    create_tables(database)
    store = ConsumerStore(database).create()
    app = faust.App(
        app_id,
        broker=[f"kafka://{server}" for server in bootstrap_servers(kafka).split(",")],
        store="memory://",
        web_enabled=False,
        topic_partitions=kafka.partitions,
        topic_allow_declare=False,  # the relay creates the topics, with unlimited retention
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        broker_session_timeout=group.session_ms / 1000,
        broker_heartbeat_interval=group.heartbeat_ms / 1000,
    )
    for followed in FOLLOWED:
        name = events_topic(kafka, followed.upstream)
        topic = app.topic(
            name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw"
        )
        agent = _agent(store, followed.subscription, followed.handler())
        app.agent(topic, name=followed.subscription)(agent)
    return app


def _agent(store: ConsumerStore, subscription: str, handler: Handler) -> Callable[[Any], Any]:
    stats = SubscriptionStats()

    async def follow(stream: Any) -> None:
        async for message in stream.events():
            await asyncio.to_thread(
                apply_message,
                store,
                subscription,
                handler,
                topic=message.message.topic,
                partition=message.message.partition,
                offset=message.message.offset,
                value=message.value or b"",
                stats=stats,
            )

    follow.__name__ = subscription.replace(".", "_")
    return follow
