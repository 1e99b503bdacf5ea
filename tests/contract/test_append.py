"""Appending: optimistic concurrency, idempotency, atomicity, reading back."""

from __future__ import annotations

import threading

import pytest

from shared.eventlog.port import ANY, NO_STREAM, DuplicateEvent, WrongExpectedVersion
from shared.events import NewEvent
from shared.events.envelope import Context
from tests.contract.backbones import Backbone
from tests.contract.events import CONTEXT, ItemAdded, added, contracts


def test_an_append_is_read_back_with_its_whole_envelope(backbone: Backbone) -> None:
    context = Context(
        project_id="S21048", actor="coach-7", correlation_id="corr-1", causation_id="cause-1"
    )
    new = NewEvent.of(ItemAdded(item="cv", quantity=2), context)

    result = backbone.log.append("basket-1", [new], NO_STREAM)

    [stored] = backbone.log.read_stream("basket-1")
    assert (result.first_position, result.last_position, result.stream_version) == (1, 1, 1)
    assert stored.event_id == new.event_id
    assert (stored.position, stored.stream_id, stored.stream_version) == (1, "basket-1", 1)
    assert (stored.event_type, stored.schema_version) == ("test.item_added", 2)
    assert (stored.project_id, stored.actor) == ("S21048", "coach-7")
    assert (stored.correlation_id, stored.causation_id) == ("corr-1", "cause-1")
    assert stored.occurred_at.startswith(new.occurred_at.isoformat()[:19])
    assert stored.payload == {"item": "cv", "quantity": 2}
    assert len(stored.hash) == 64


def test_a_stale_expected_version_raises_a_conflict_and_stores_nothing(backbone: Backbone) -> None:
    backbone.log.append("basket-1", [added()], NO_STREAM)

    with pytest.raises(WrongExpectedVersion, match="is at version 1, not 0"):
        backbone.log.append("basket-1", [added("a"), added("b")], NO_STREAM)

    assert [e.stream_version for e in backbone.log.read_stream("basket-1")] == [1]
    assert backbone.log.head().position == 1


def test_of_two_writers_racing_on_one_stream_exactly_one_wins(backbone: Backbone) -> None:
    backbone.log.append("basket-1", [added()], NO_STREAM)
    for round_ in range(5):
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def write(item: str, expected: int, start: threading.Barrier, outcomes: list[str]) -> None:
            start.wait()
            try:
                backbone.log.append("basket-1", [added(item)], expected)
                outcomes.append("won")
            except WrongExpectedVersion:
                outcomes.append("lost")

        writers = [
            threading.Thread(target=write, args=(f"w{n}", round_ + 1, start, outcomes))
            for n in range(2)
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        assert sorted(outcomes) == ["lost", "won"]
    assert [e.stream_version for e in backbone.log.read_stream("basket-1")] == list(range(1, 7))


def test_the_same_events_appended_twice_are_stored_once(backbone: Backbone) -> None:
    events = [added("a"), added("b")]
    first = backbone.log.append("basket-1", events, NO_STREAM)

    again = backbone.log.append("basket-1", events, NO_STREAM)
    also = backbone.log.append("basket-1", events, ANY)

    assert not first.duplicate and again.duplicate and also.duplicate
    assert (again.first_position, again.last_position) == (
        first.first_position,
        first.last_position,
    )
    assert len(backbone.log.read_stream("basket-1")) == 2


def test_the_same_idempotency_key_appended_twice_is_stored_once(backbone: Backbone) -> None:
    first = backbone.log.append("basket-1", [added("a")], ANY, idempotency_key="form-123")

    again = backbone.log.append("basket-1", [added("a")], ANY, idempotency_key="form-123")

    assert again.duplicate and again.last_position == first.last_position
    assert len(backbone.log.read_stream("basket-1")) == 1


def test_a_batch_partly_stored_already_is_refused_whole(backbone: Backbone) -> None:
    stored = added("a")
    backbone.log.append("basket-1", [stored], NO_STREAM)

    with pytest.raises(DuplicateEvent):
        backbone.log.append("basket-1", [added("b"), stored], ANY)

    assert len(backbone.log.read_stream("basket-1")) == 1


def test_streams_are_read_in_version_order_and_all_in_position_order(backbone: Backbone) -> None:
    for n in range(3):
        backbone.log.append("basket-1", [added(f"a{n}")], ANY)
        backbone.log.append("basket-2", [added(f"b{n}")], ANY)

    one = backbone.log.read_stream("basket-1")
    later = backbone.log.read_stream("basket-1", after_version=2)
    everything = list(backbone.log.read_all())

    assert [e.payload["item"] for e in one] == ["a0", "a1", "a2"]
    assert [e.stream_version for e in later] == [3]
    assert [e.position for e in everything] == [1, 2, 3, 4, 5, 6]
    assert [e.position for e in backbone.log.read_all(after_position=4, limit=1)] == [5]


def test_an_older_schema_version_is_upcast_on_read(backbone: Backbone) -> None:
    from shared.events.codec import decode_event

    old = NewEvent(
        event_type="test.item_added", schema_version=1, payload={"item": "cv"},
        project_id="S21048", actor="coach-1", correlation_id="c",
    )  # fmt: skip
    backbone.log.append("basket-1", [old], NO_STREAM)

    [stored] = backbone.log.read_stream("basket-1")

    assert stored.schema_version == 1
    assert decode_event(contracts, stored.event_type, stored.schema_version, stored.payload) == (
        ItemAdded(item="cv", quantity=1)
    )
    assert CONTEXT.project_id == stored.project_id


def test_appended_with_answers_what_a_key_stored_and_none_for_an_unused_key(
    backbone: Backbone,
) -> None:
    backbone.log.append("basket-1", [added("a")], NO_STREAM)
    first = backbone.log.append("basket-1", [added("b"), added("c")], 1, idempotency_key="k-1")

    answer = backbone.log.appended_with("k-1")

    assert answer is not None and answer.duplicate
    assert (answer.stream_id, answer.first_position, answer.last_position) == ("basket-1", 2, 3)
    assert answer.stream_version == first.stream_version == 3
    assert backbone.log.appended_with("k-2") is None


def test_a_batch_naming_one_event_id_twice_is_refused_whole(backbone: Backbone) -> None:
    twice = added("a")

    with pytest.raises(DuplicateEvent):
        backbone.log.append("basket-1", [twice, twice], NO_STREAM)

    assert backbone.log.read_stream("basket-1") == []
    assert backbone.log.head().position == 0


def test_an_empty_append_is_a_mistake(backbone: Backbone) -> None:
    with pytest.raises(ValueError, match="at least one event"):
        backbone.log.append("basket-1", [], NO_STREAM)
