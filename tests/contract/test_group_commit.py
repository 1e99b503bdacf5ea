"""Group commit: appends that queue together commit together, each still judged alone.

The relational engines gather the appends of threads that arrive while a commit is under
way into the next transaction. Every promise of a single append holds inside a group: a
stale version or a repeated key fails or answers that append only, positions stay
gapless and the hash chain whole, and a transaction that fails takes every append of its
group with it, none reported as stored. Each test holds the log's write lock while its
appends queue, so that they form one group behind a first append that waits for the lock;
on the memory engine, which has no groups, they simply queue on its lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from shared.eventlog.port import ANY, NO_STREAM, AppendResult, WrongExpectedVersion
from shared.eventlog.sql import SqlEventLog
from tests.contract.backbones import Backbone
from tests.contract.events import added

Outcome = AppendResult | Exception


def _queue_as_one_group(
    backbone: Backbone, appends: list[Callable[[], AppendResult]]
) -> list[Outcome]:
    """Run each append in a thread of its own, all queued behind a held write lock.

    A first append takes the lead and waits for the lock; the others then queue behind it
    and commit as one group once the lock is let go. Returns each append's result or
    error, in the order given.
    """
    outcomes: list[Outcome | None] = [None] * len(appends)

    def run(index: int, append: Callable[[], AppendResult]) -> None:
        try:
            outcomes[index] = append()
        except Exception as error:
            outcomes[index] = error

    def lead() -> None:
        try:
            backbone.log.append("leader", [added("lead")], ANY)
        except Exception as error:  # a test of failures fails the leader too
            assert "disk is full" in str(error)

    with backbone.hold_writes():
        leader = threading.Thread(target=lead)
        leader.start()
        time.sleep(0.2)  # the leader is now waiting for the lock
        threads = [threading.Thread(target=run, args=item) for item in enumerate(appends)]
        for thread in threads:
            thread.start()
        _wait_until_queued(backbone, len(appends))
    leader.join()
    for thread in threads:
        thread.join()
    assert all(outcome is not None for outcome in outcomes)
    return [outcome for outcome in outcomes if outcome is not None]


def _wait_until_queued(backbone: Backbone, count: int) -> None:
    deadline = time.monotonic() + 10
    while backbone.waiting() not in (None, count) and time.monotonic() < deadline:
        time.sleep(0.01)
    if backbone.waiting() is None:
        time.sleep(0.2)
    assert backbone.waiting() in (None, count)


def _largest_group(backbone: Backbone) -> int | None:
    log = backbone.log
    return log.group_stats.largest if isinstance(log, SqlEventLog) else None


def test_a_conflict_in_a_group_fails_that_append_only(backbone: Backbone) -> None:
    backbone.log.append("basket-1", [added("first")], NO_STREAM)

    outcomes = _queue_as_one_group(
        backbone,
        [
            lambda: backbone.log.append("basket-2", [added("a")], NO_STREAM),
            lambda: backbone.log.append("basket-1", [added("stale")], NO_STREAM),
            lambda: backbone.log.append("basket-3", [added("b"), added("c")], NO_STREAM),
            lambda: backbone.log.append("basket-1", [added("d")], 1, idempotency_key="k-1"),
        ],
    )

    stored, stale, pair, keyed = outcomes
    assert isinstance(stale, WrongExpectedVersion) and stale.expected == 0
    assert isinstance(stored, AppendResult) and not stored.duplicate
    assert isinstance(pair, AppendResult) and pair.stream_version == 2
    assert isinstance(keyed, AppendResult) and keyed.stream_version == 2
    assert [e.payload["item"] for e in backbone.log.read_stream("basket-1")] == ["first", "d"]
    assert [e.position for e in backbone.log.read_all()] == list(range(1, 7))
    assert backbone.log.appended_with("k-1") == AppendResult(
        "basket-1", keyed.first_position, keyed.last_position, 2, duplicate=True
    )
    assert backbone.log.verify().ok
    assert _largest_group(backbone) in (None, 4)


def test_idempotent_retries_in_a_group_are_answered_with_the_first_result(
    backbone: Backbone,
) -> None:
    committed = [added("x")]
    first = backbone.log.append("basket-1", committed, NO_STREAM)
    twice = [added("t")]

    outcomes = _queue_as_one_group(
        backbone,
        [
            # a retry of an append committed earlier, with its events and version
            lambda: backbone.log.append("basket-1", committed, NO_STREAM),
            # a form sent twice: the same key, new event ids
            lambda: backbone.log.append("basket-2", [added("a")], ANY, idempotency_key="f-1"),
            lambda: backbone.log.append("basket-2", [added("a")], ANY, idempotency_key="f-1"),
            # the same events sent twice, caught only by the event-id index
            lambda: backbone.log.append("basket-3", twice, ANY),
            lambda: backbone.log.append("basket-3", twice, ANY),
        ],
    )

    retry, *rest = outcomes
    assert all(isinstance(outcome, AppendResult) for outcome in outcomes), outcomes
    assert isinstance(retry, AppendResult) and retry.duplicate
    assert (retry.first_position, retry.last_position) == (1, 1) == (
        first.first_position, first.last_position,
    )  # fmt: skip
    for pair in (rest[0:2], rest[2:4]):
        results = [outcome for outcome in pair if isinstance(outcome, AppendResult)]
        assert sorted(result.duplicate for result in results) == [False, True]
        assert len({(r.first_position, r.last_position) for r in results}) == 1
    assert len(backbone.log.read_stream("basket-2")) == 1
    assert len(backbone.log.read_stream("basket-3")) == 1
    assert backbone.log.head().position == 4  # committed, the leader's, basket-2, basket-3
    assert [e.position for e in backbone.log.read_all()] == [1, 2, 3, 4]
    assert backbone.log.verify().ok


def test_many_threads_appending_at_once_keep_positions_gapless_and_the_chain_whole(
    backbone: Backbone,
) -> None:
    backbone.make_transactions_slow()
    writers, per_writer = 8, 12
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def write(writer: int) -> None:
        start.wait()
        try:
            for n in range(per_writer):
                backbone.log.append(f"own-{writer}", [added(f"{writer}-{n}")], n)
                if n % 4 == 0:
                    backbone.log.append("shared", [added(f"s{writer}-{n}")], ANY)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = writers * per_writer + writers * len(range(0, per_writer, 4))
    assert [e.position for e in backbone.log.read_all()] == list(range(1, total + 1))
    for writer in range(writers):
        own = backbone.log.read_stream(f"own-{writer}")
        assert [e.payload["item"] for e in own] == [f"{writer}-{n}" for n in range(per_writer)]
    shared = backbone.log.read_stream("shared")
    assert [e.stream_version for e in shared] == list(range(1, len(shared) + 1))
    assert backbone.log.verify().ok
    largest = _largest_group(backbone)
    assert largest is None or largest > 1  # slow commits let the others queue


def test_a_failed_commit_fails_every_append_of_its_group_and_stores_none(
    backbone: Backbone,
) -> None:
    backbone.log.append("basket-1", [added("before")], NO_STREAM)
    backbone.fail_writes()

    outcomes = _queue_as_one_group(
        backbone,
        [
            lambda: backbone.log.append("basket-1", [added("a")], 1),
            lambda: backbone.log.append("basket-2", [added("b")], NO_STREAM, idempotency_key="k"),
            lambda: backbone.log.append("basket-3", [added("c"), added("d")], ANY),
        ],
    )

    assert all(isinstance(o, Exception) and "disk is full" in str(o) for o in outcomes), outcomes
    assert backbone.log.head().position == 1
    assert backbone.log.appended_with("k") is None
    assert [e.payload["item"] for e in backbone.log.read_all()] == ["before"]
    backbone.heal_writes()
    again = backbone.log.append("basket-2", [added("b")], NO_STREAM, idempotency_key="k")
    assert (again.first_position, again.duplicate) == (2, False)
    assert backbone.log.verify().ok


@pytest.mark.parametrize("size", [1, 3])
def test_a_lone_append_is_a_group_of_one_and_commits_at_once(backbone: Backbone, size: int) -> None:
    result = backbone.log.append("basket-1", [added(str(n)) for n in range(size)], NO_STREAM)

    assert (result.first_position, result.last_position) == (1, size)
    log = backbone.log
    if isinstance(log, SqlEventLog):
        assert (log.group_stats.commits, log.group_stats.appends) == (1, 1)
