"""The Kafka engine's own promises, beyond the contract suite, against the session's broker.

A relay that crashed between acknowledgement and checkpoint publishes again; consumers
must drop the copies. A malformed message must reach the dead-letter topic with its
reason, not only the consumer's table.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import Connection, event, text

from shared.eventlog.kafka import KafkaSubscription, OutboxRelay, dead_letter_topic
from shared.eventlog.kafka.clients import make_producer
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, Dispatcher
from shared.events import EventContracts, NewEvent, RecordedEvent
from shared.settings import KafkaSettings
from tests.contract.events import CONTEXT, BasketClosed, ItemAdded, added
from tests.kafka_broker import KafkaBroker


def _set_up(broker: KafkaBroker, folder: Path) -> tuple[KafkaSettings, SqlEventLog, ConsumerStore]:
    settings = broker.settings(topic_prefix=f"i{uuid.uuid4().hex[:12]}")
    log = SqlEventLog(open_database(f"sqlite:///{folder}/log.db"), "svc").create()
    store = ConsumerStore(open_database(f"sqlite:///{folder}/consumer.db")).create()
    return settings, log, store


async def _consume_until(subscription: KafkaSubscription, done: int) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(subscription.run(stop))
    async with asyncio.timeout(30):
        while subscription.stats.processed + subscription.stats.dead_lettered < done:
            if task.done():
                task.result()  # raises what ended it
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # time for copies, had any slipped through, to arrive
    stop.set()
    await task


async def _run_until(
    subscription: KafkaSubscription, reached: Callable[[], bool], linger: float = 0.0
) -> None:
    """Run the subscription until ``reached``, then ``linger`` seconds more."""
    stop = asyncio.Event()
    task = asyncio.create_task(subscription.run(stop))
    async with asyncio.timeout(30):
        while not reached():
            if task.done():
                task.result()
            await asyncio.sleep(0.05)
    await asyncio.sleep(linger)
    stop.set()
    await task


async def _read_topic(settings: KafkaSettings, topic: str) -> list[object]:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers)
    await consumer.start()
    try:
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)
        batch = await consumer.getmany(partition, timeout_ms=5000)
        return list(batch.get(partition, []))
    finally:
        await consumer.stop()


def test_events_the_relay_publishes_again_after_a_crash_are_applied_once(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    settings, log, store = _set_up(kafka_broker, tmp_path)
    for n in range(10):
        log.append(f"basket-{n % 3}", [added(f"i{n}")], ANY)
    relay = OutboxRelay(log, settings)
    applied: list[int] = []

    def remember(event: RecordedEvent, conn: Connection) -> None:
        applied.append(event.position)

    async def scenario() -> KafkaSubscription:
        async with relay:
            await relay.run_once()
            with log.db.engine.begin() as conn:  # as if it died before saving its checkpoint
                conn.execute(text("UPDATE relay_checkpoints SET position = 4"))
            log.append("basket-9", [added("late")], ANY)
            await relay.run_once()
        subscription = KafkaSubscription(
            "projector", settings, [relay.topic], store, remember,
            group_id=f"{settings.topic_prefix}.projector", timeouts=kafka_broker.group_timeouts,
        )  # fmt: skip
        await _consume_until(subscription, 11)
        return subscription

    subscription = asyncio.run(scenario())

    assert applied == list(range(1, 12))
    assert subscription.duplicates == 6
    assert relay.checkpoint() == 11


def test_a_malformed_message_reaches_the_dead_letter_topic_with_its_reason(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    settings, log, store = _set_up(kafka_broker, tmp_path)
    topic = OutboxRelay(log, settings).topic

    async def scenario() -> list[object]:
        async with OutboxRelay(log, settings):  # creates the topic
            pass
        producer = make_producer(settings)
        await producer.start()
        await producer.send_and_wait(topic, b"[1, 2", key=b"k", headers=[("trace", b"t-1")])
        await producer.stop()
        subscription = KafkaSubscription(
            "projector", settings, [topic], store, lambda event, conn: None,
            group_id=f"{settings.topic_prefix}.projector", timeouts=kafka_broker.group_timeouts,
        )  # fmt: skip
        await _consume_until(subscription, 1)
        return await _read_topic(settings, dead_letter_topic(topic))

    [letter] = asyncio.run(scenario())

    headers = dict(letter.headers)  # type: ignore[attr-defined]
    assert letter.value == b"[1, 2"  # type: ignore[attr-defined]
    assert headers["trace"] == b"t-1"
    assert headers["dead_letter.reason"].startswith(b"malformed message")
    assert headers["dead_letter.source"] == f"{topic}/0/0".encode()
    [row] = store.dead_letters("projector")
    assert row["source"] == topic and row["raw"] == "[1, 2"


def test_a_zombie_relay_beside_its_replacement_publishes_only_copies_consumers_drop(
    kafka_broker: KafkaBroker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the relay needs no transactional producer (docs/event-log.md): a relay that
    lingers after its replacement started (a stuck process in a blue-green switch) is not
    fenced, but what it publishes late are copies of events already on the topic. The
    consumer applies each event once, in order, and the checkpoint never moves back."""
    settings, log, store = _set_up(kafka_broker, tmp_path)
    for n in range(8):
        log.append(f"basket-{n % 3}", [added(f"i{n}")], ANY)
    stale = list(log.read_all(0, 5))  # what the zombie read before it stalled
    zombie, replacement = OutboxRelay(log, settings), OutboxRelay(log, settings)
    monkeypatch.setattr(zombie, "_read", lambda after: stale)
    applied: list[int] = []

    async def scenario() -> KafkaSubscription:
        async with replacement:
            assert await replacement.run_once() == 8
        async with zombie:
            assert await zombie.run_once() == 5  # published 1-5 again, after 1-8
        subscription = KafkaSubscription(
            "projector", settings, [replacement.topic], store,
            lambda event, conn: applied.append(event.position),
            group_id=f"{settings.topic_prefix}.projector", timeouts=kafka_broker.group_timeouts,
        )  # fmt: skip
        await _consume_until(subscription, 8)
        return subscription

    subscription = asyncio.run(scenario())

    assert len(asyncio.run(_read_topic(settings, replacement.topic))) == 13
    assert applied == list(range(1, 9))
    assert subscription.duplicates == 5
    assert replacement.checkpoint() == 8


def test_batches_the_handler_has_no_use_for_are_passed_over_without_a_transaction(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    """A read model of closed baskets lets item events go by without a transaction of its
    database; a closing moves the stored offsets over them; a restart applies nothing twice."""
    settings, log, store = _set_up(kafka_broker, tmp_path)
    relay = OutboxRelay(log, settings)
    closed: list[str] = []

    def on_closed(event: BasketClosed, _recorded: RecordedEvent, _conn: object) -> None:
        closed.append(event.reason_code)

    handler = Dispatcher(EventContracts().register(ItemAdded)).on(BasketClosed, on_closed)
    commits: list[int] = []
    event.listen(store.db.engine, "commit", lambda _conn: commits.append(1))

    def subscription() -> KafkaSubscription:
        return KafkaSubscription(
            "closed-baskets", settings, [relay.topic], store, handler,
            group_id=f"{settings.topic_prefix}.closed", timeouts=kafka_broker.group_timeouts,
        )  # fmt: skip

    def stored() -> tuple[int, int]:
        with store.db.read() as conn:
            return store.checkpoint(conn, "closed-baskets", relay.topic)

    async def scenario() -> tuple[KafkaSubscription, KafkaSubscription]:
        for n in range(5):
            log.append("basket-1", [added(f"item-{n}")], n)
        async with relay:
            await relay.run_once()
            first = subscription()
            await _run_until(first, lambda: first.passed_over >= 1 and not first._read)
            assert commits == [] and stored() == (0, 0)
            log.append("basket-1", [NewEvent.of(BasketClosed(reason_code="paid"), CONTEXT)], 5)
            log.append("basket-1", [added("late")], 6)
            await relay.run_once()
        await _run_until(first, lambda: closed == ["paid"])
        again = subscription()  # a restart: it reads on from the stored offsets
        await _run_until(again, lambda: again.connected, linger=3.0)
        return first, again

    first, again = asyncio.run(scenario())

    assert closed == ["paid"]
    assert first.passed_over >= 1 and again.stats.processed == 0
    assert stored()[0] >= 6  # the closing's position, or the late item's with it
