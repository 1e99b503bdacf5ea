"""A process's SQLite writers queue for their file, and its subscriptions wake on its
appends instead of waiting for their next poll."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from sqlalchemy import Connection, event, text

from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.sql.engine import begin_immediate
from shared.eventlog.subscription import ConsumerStore, Dispatcher, LogSubscription
from shared.events import EventContracts, NewEvent
from shared.events.envelope import RecordedEvent
from tests.contract.events import CONTEXT, BasketClosed, ItemAdded, added


def test_a_second_writer_of_the_process_is_refused_without_waiting_until_the_first_ends(
    tmp_path: Path,
) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'one.db'}")
    other = open_database(f"sqlite:///{tmp_path / 'one.db'}")  # another engine, same file
    first = database.engine.raw_connection()
    second = other.engine.raw_connection()
    try:
        assert begin_immediate(first.driver_connection)
        assert not begin_immediate(second.driver_connection, wait=False)
        first.commit()
        assert begin_immediate(second.driver_connection, wait=False)
        assert not begin_immediate(first.driver_connection, wait=False)
        second.rollback()  # a rollback hands the file on too
        assert begin_immediate(first.driver_connection, wait=False)
    finally:
        first.close()
        second.close()
    third = database.engine.raw_connection()
    try:  # closing the holder released it
        assert begin_immediate(third.driver_connection, wait=False)
        third.rollback()
    finally:
        third.close()
        database.dispose()
        other.dispose()


def test_a_waiting_writer_goes_on_as_soon_as_the_holder_commits(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'one.db'}")
    with database.engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    began: list[float] = []

    def writer() -> None:
        with database.engine.begin() as conn:
            began.append(time.monotonic())
            conn.execute(text("INSERT INTO t VALUES (2)"))

    with database.engine.begin() as holder:
        holder.execute(text("INSERT INTO t VALUES (1)"))
        waiting = threading.Thread(target=writer)
        waiting.start()
        time.sleep(0.3)
        assert not began, "the second writer began while the first held the file"
        committed = time.monotonic()  # the end of the block commits
    waiting.join(10)
    assert began and began[0] >= committed
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 2
    database.dispose()


def test_a_subscription_applies_an_append_of_its_process_long_before_its_next_poll(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    writer = SqlEventLog(open_database(url), "intake").create()
    reader = SqlEventLog(open_database(url), "intake")  # a reader opens its own
    store = ConsumerStore(open_database(f"sqlite:///{tmp_path / 'consumer.db'}")).create()
    seen: list[float] = []

    def handler(event: RecordedEvent, _conn: object) -> None:
        seen.append(time.monotonic())

    subscription = LogSubscription("wake-up", reader, store, handler)

    async def scenario() -> float:
        stop = asyncio.Event()
        running = asyncio.create_task(subscription.run(stop, idle_seconds=30))
        await asyncio.sleep(0.3)  # caught up on an empty log, now waiting
        appended = time.monotonic()
        await asyncio.to_thread(writer.append, "basket-1", [added()], 0)
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        stop.set()
        await running
        return appended

    appended = asyncio.run(scenario())
    assert seen, "the append was not applied within 5 s (the poll waits 30 s)"
    assert seen[0] - appended < 2
    assert subscription.position() == writer.head().position == 1
    writer.close()
    reader.close()
    store.db.dispose()


def test_events_the_handler_has_no_use_for_are_passed_over_without_a_write(
    tmp_path: Path,
) -> None:
    """A read model of closed baskets sees item events pass by without committing a
    checkpoint for them, yet counts as caught up, and applies each closing once."""
    log = SqlEventLog(open_database(f"sqlite:///{tmp_path / 'log.db'}"), "intake").create()
    store = ConsumerStore(open_database(f"sqlite:///{tmp_path / 'consumer.db'}")).create()
    closed: list[str] = []

    def on_closed(event: BasketClosed, _recorded: RecordedEvent, _conn: object) -> None:
        closed.append(event.reason_code)

    handler = Dispatcher(EventContracts().register(ItemAdded)).on(BasketClosed, on_closed)
    subscription = LogSubscription("closed-baskets", log, store, handler)
    commits: list[int] = []
    event.listen(store.db.engine, "commit", lambda _conn: commits.append(1))

    for n in range(5):
        log.append("basket-1", [added(f"item-{n}")], n)
    assert subscription.catch_up() == 5
    assert commits == []
    assert subscription.position() == 5 == log.head().position
    with store.db.read() as conn:  # nothing written for them
        assert store.checkpoint(conn, "closed-baskets", "intake") == (0, 0)

    log.append("basket-1", [NewEvent.of(BasketClosed(reason_code="paid"), CONTEXT)], 5)
    log.append("basket-1", [added("late")], 6)
    assert subscription.catch_up() == 2
    assert closed == ["paid"]
    assert len(commits) == 1
    with store.db.read() as conn:
        assert store.checkpoint(conn, "closed-baskets", "intake")[0] == 7

    again = LogSubscription("closed-baskets", log, store, handler)  # after a restart
    assert again.catch_up() == 0
    assert closed == ["paid"]
    log.close()
    store.db.dispose()


def test_a_batch_whose_handlers_all_succeed_runs_without_a_savepoint(tmp_path: Path) -> None:
    """Savepoints (two round trips each on PostgreSQL) are only for a batch being run
    again after a handler failed; a failing event still leaves the others applied."""
    log = SqlEventLog(open_database(f"sqlite:///{tmp_path / 'log.db'}"), "intake").create()
    store = ConsumerStore(open_database(f"sqlite:///{tmp_path / 'consumer.db'}")).create()
    statements: list[str] = []
    event.listen(
        store.db.engine,
        "before_cursor_execute",
        lambda _conn, _cursor, statement, *_: statements.append(statement),
    )
    with store.db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE seen (item TEXT)"))

    def fragile(recorded: RecordedEvent, conn: Connection) -> None:
        if recorded.payload["item"] == "poison":
            raise ValueError("cannot project this one")
        conn.execute(text("INSERT INTO seen VALUES (:item)"), {"item": recorded.payload["item"]})

    def seen() -> list[str]:
        with store.db.read() as conn:
            return list(conn.execute(text("SELECT item FROM seen ORDER BY rowid")).scalars())

    subscription = LogSubscription("items", log, store, fragile)
    for n in range(3):
        log.append("basket-1", [added(f"item-{n}")], n)
    assert subscription.catch_up() == 3
    assert seen() == ["item-0", "item-1", "item-2"]
    assert not [s for s in statements if s.upper().startswith("SAVEPOINT")]

    log.append("basket-1", [added("before"), added("poison"), added("after")], 3)
    assert subscription.catch_up() == 3
    assert seen()[3:] == ["before", "after"]  # the first run's effects were rolled back
    assert [s for s in statements if s.upper().startswith("SAVEPOINT")]
    [letter] = store.dead_letters("items")
    assert letter["reason"] == "ValueError: cannot project this one"
    log.close()
    store.db.dispose()


def _items_read_model(
    tmp_path: Path,
) -> tuple[SqlEventLog, ConsumerStore, LogSubscription, list[str]]:
    """A log, a consumer store, and a subscription noting every item added, in order."""
    log = SqlEventLog(open_database(f"sqlite:///{tmp_path / 'log.db'}"), "intake").create()
    store = ConsumerStore(open_database(f"sqlite:///{tmp_path / 'consumer.db'}")).create()
    applied: list[str] = []
    handler = Dispatcher(EventContracts().register(ItemAdded)).on(
        ItemAdded, lambda event, _recorded, _conn: applied.append(event.item)
    )
    return log, store, LogSubscription("items", log, store, handler), applied


def test_a_writes_catch_up_reads_the_checkpoint_only_in_its_transaction(tmp_path: Path) -> None:
    """Read-your-writes after a write: the pass starts where the subscription last saw
    the checkpoint, and its transaction reads it under its lock; no read before."""
    log, store, subscription, applied = _items_read_model(tmp_path)
    log.append("basket-1", [added("first")], 0)
    assert subscription.catch_up() == 1
    reads: list[tuple[str, str]] = []
    read_position = store.position

    def spied(subscription: str, source: str) -> int:
        reads.append((subscription, source))
        return read_position(subscription, source)

    store.position = spied  # type: ignore[method-assign]

    log.append("basket-1", [added("second")], 1)

    assert subscription.catch_up() == 1
    assert applied == ["first", "second"]
    assert reads == []
    log.close()
    store.db.dispose()


def test_a_catch_up_finds_a_checkpoint_another_process_set_back(tmp_path: Path) -> None:
    """A rebuild elsewhere set the checkpoint back to the start: the next catch-up here
    applies every event again, though it last saw the checkpoint at the end."""
    log, store, subscription, applied = _items_read_model(tmp_path)
    for n in range(3):
        log.append("basket-1", [added(f"item-{n}")], n)
    assert subscription.catch_up() == 3

    with store.db.engine.begin() as conn:  # the rebuild, in another process
        store.save_checkpoint(conn, "items", "intake", 0)

    assert subscription.catch_up() == 3
    assert applied == ["item-0", "item-1", "item-2"] * 2
    log.close()
    store.db.dispose()
