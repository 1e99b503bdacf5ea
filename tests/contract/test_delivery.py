"""Delivery to subscribers: gap-free order, crash recovery, poison and unknown events."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from sqlalchemy import Connection, func, insert, select

from shared.eventlog.port import ANY
from shared.eventlog.subscription import ConsumerStore, Dispatcher
from shared.events import NewEvent, RecordedEvent
from tests.contract.backbones import Backbone, Subscription
from tests.contract.events import ItemAdded, added, contracts, effects, effects_metadata

TIMEOUT = 30.0


async def run_until(
    backbone: Backbone, subscription: Subscription, done: Callable[[], bool]
) -> None:
    """Run the subscription (and the relay, if any) until ``done`` or the time-out."""
    stop = asyncio.Event()
    async with backbone.background():
        task = asyncio.create_task(subscription.run(stop))
        try:
            deadline = asyncio.get_running_loop().time() + TIMEOUT
            while not done():
                if task.done():
                    task.result()  # raises what killed it
                    raise AssertionError("subscription ended early")
                assert asyncio.get_running_loop().time() < deadline, "timed out"
                await asyncio.sleep(0.05)
        finally:
            stop.set()
            await asyncio.wait_for(asyncio.shield(task), TIMEOUT) if not task.done() else None


def record_effect(event: RecordedEvent, conn: Connection) -> None:
    conn.execute(insert(effects).values(position=event.position, event_id=event.event_id))


def effect_count(store: ConsumerStore) -> int:
    with store.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(effects)).scalar_one())


def prepared_store(backbone: Backbone) -> ConsumerStore:
    store = backbone.consumer_store()
    store.db.create(effects_metadata)
    return store


def test_four_concurrent_slow_writers_leave_no_gap_for_a_subscriber(backbone: Backbone) -> None:
    backbone.make_transactions_slow()
    seen: list[tuple[int, str, int]] = []

    def remember(event: RecordedEvent, conn: Connection) -> None:
        seen.append((event.position, event.stream_id, event.stream_version))

    store = backbone.consumer_store()
    subscription = backbone.subscription("tail", remember, store)
    per_writer = 25

    def write(writer: int) -> None:
        for n in range(per_writer):
            backbone.log.append(f"stream-{writer}-{n % 3}", [added(f"{writer}-{n}")], ANY)

    async def scenario() -> None:
        writers = [threading.Thread(target=write, args=(w,)) for w in range(4)]
        for writer in writers:
            writer.start()
        await run_until(backbone, subscription, lambda: len(seen) >= 4 * per_writer)
        for writer in writers:
            writer.join()

    asyncio.run(scenario())

    assert [position for position, _, _ in seen] == list(range(1, 4 * per_writer + 1))
    by_stream: dict[str, list[int]] = {}
    for _, stream, version in seen:
        by_stream.setdefault(stream, []).append(version)
    assert all(versions == list(range(1, len(versions) + 1)) for versions in by_stream.values())


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing catches it."""


def test_a_consumer_killed_mid_batch_resumes_with_no_lost_and_no_doubled_effect(
    backbone: Backbone,
) -> None:
    for n in range(120):
        backbone.log.append(f"basket-{n % 7}", [added(f"i{n}")], ANY)
    store = prepared_store(backbone)
    applied = 0

    def crash_on_the_75th(event: RecordedEvent, conn: Connection) -> None:
        nonlocal applied
        applied += 1
        if applied == 75:
            raise Crash()
        record_effect(event, conn)

    first = backbone.subscription("projector", crash_on_the_75th, store)
    try:
        asyncio.run(run_until(backbone, first, lambda: False))
        raise AssertionError("the crash did not happen")
    except Crash:
        pass
    committed_before_restart = effect_count(store)

    second = backbone.subscription("projector", record_effect, store)
    asyncio.run(run_until(backbone, second, lambda: effect_count(store) >= 120))

    assert 0 < committed_before_restart < 75
    with store.db.read() as conn:
        positions = sorted(conn.execute(select(effects.c.position)).scalars())
    assert positions == list(range(1, 121))


def test_a_malformed_message_is_dead_lettered_with_its_reason_and_the_consumer_goes_on(
    backbone: Backbone,
) -> None:
    backbone.log.append("basket-1", [added("before")], ANY)
    backbone.inject_malformed()
    backbone.log.append("basket-1", [added("after")], ANY)
    store = prepared_store(backbone)
    subscription = backbone.subscription("projector", record_effect, store)

    asyncio.run(run_until(backbone, subscription, lambda: effect_count(store) >= 2))

    [letter] = store.dead_letters("projector")
    assert "malformed" in letter["reason"]
    assert subscription.stats.dead_lettered == 1
    assert subscription.stats.processed == 2


def test_an_event_the_handler_keeps_failing_on_is_dead_lettered_after_bounded_retries(
    backbone: Backbone,
) -> None:
    backbone.log.append("basket-1", [added("ok"), added("poison"), added("fine")], ANY)
    store = prepared_store(backbone)
    attempts = 0

    def fragile(event: RecordedEvent, conn: Connection) -> None:
        nonlocal attempts
        if event.payload["item"] == "poison":
            attempts += 1
            raise ValueError("cannot project this one")
        record_effect(event, conn)

    subscription = backbone.subscription("projector", fragile, store)
    asyncio.run(run_until(backbone, subscription, lambda: effect_count(store) >= 2))

    [letter] = store.dead_letters("projector")
    assert letter["reason"] == "ValueError: cannot project this one"
    assert letter["event_type"] == "test.item_added"
    assert attempts == 3


def test_an_unknown_event_type_is_skipped_and_counted_not_fatal(backbone: Backbone) -> None:
    unknown = NewEvent(
        event_type="test.something_from_the_future", schema_version=1, payload={"x": 1},
        project_id="S21048", actor="coach-1", correlation_id="c",
    )  # fmt: skip
    backbone.log.append("basket-1", [added("a"), unknown, added("b")], ANY)
    store = prepared_store(backbone)
    items: list[str] = []
    dispatcher = Dispatcher(contracts).on(
        ItemAdded, lambda event, envelope, conn: items.append(event.item)
    )
    subscription = backbone.subscription("typed", dispatcher, store)

    asyncio.run(run_until(backbone, subscription, lambda: len(items) >= 2))

    assert items == ["a", "b"]
    assert subscription.stats.skipped_unknown == 1
    assert store.dead_letters("typed") == []
