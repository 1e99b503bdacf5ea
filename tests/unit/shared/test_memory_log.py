"""The in-memory log as a fake: what the contract suite does not already say about it.

The contract suite (tests/contract, backbone "memory") holds it to the port; these tests
show what a service-layer test relies on besides: reads are copies, payloads come back as
the relational engines give them, and ``AggregateStreams`` runs on it unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest

from shared.eventlog import InMemoryEventLog
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.eventlog.port import ANY, NO_STREAM, WrongExpectedVersion
from shared.events import Context, EventContracts, NewEvent, event
from shared.messagebus import Accepted, CommandContext

CONTEXT = Context(project_id="S21048", actor="coach-1")


@event("test.note_written")
class NoteWritten:
    label: str


CONTRACTS = EventContracts().register(NoteWritten)
NOTES: Aggregate[list[str]] = Aggregate("notes", lambda state, event: [*(state or []), event.label])


def note(text: str = "met the coach") -> NewEvent:
    return NewEvent.of(NoteWritten(label=text), CONTEXT)


def test_a_reader_changing_what_it_read_changes_nothing_stored() -> None:
    log = InMemoryEventLog()
    log.append("notes-1", [note("kept")], NO_STREAM)

    [first] = log.read_stream("notes-1")
    first.payload["label"] = "changed"

    [again] = log.read_stream("notes-1")
    assert again.payload == {"label": "kept"}


def test_a_payload_comes_back_as_canonical_json_as_from_the_relational_engines() -> None:
    log = InMemoryEventLog()
    new = NewEvent(
        event_type="test.day_noted", schema_version=1, payload={"on": date(2026, 3, 1), "b": 1},
        project_id="S21048", actor="coach-1", correlation_id="c",
    )  # fmt: skip
    log.append("days-1", [new], NO_STREAM)

    [raw] = log.read_raw()
    [stored] = log.read_all()

    assert raw.payload == '{"b":1,"on":"2026-03-01"}'
    assert stored.payload == {"b": 1, "on": "2026-03-01"}


def test_many_threads_appending_leave_gapless_positions_and_an_intact_chain() -> None:
    log = InMemoryEventLog()

    def write(writer: int) -> None:
        for n in range(50):
            log.append(f"notes-{writer}-{n % 3}", [note(), note()], ANY)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [e.position for e in log.read_all()] == list(range(1, 801))
    assert log.verify().ok and log.verify().checked == 800


def test_aggregate_streams_run_on_it_as_on_a_database() -> None:
    streams = AggregateStreams(InMemoryEventLog(), CONTRACTS, "test")
    context = CommandContext(actor="coach-1", project_id="S21048", submission_id="form-1")

    def write(text: str) -> Accepted:
        return streams.execute(NOTES, "c1", lambda state: [NoteWritten(label=text)], context)

    first, resubmitted = write("first"), write("first")

    assert first == Accepted("c1", duplicate=False, recorded=1)
    assert resubmitted == Accepted("c1", duplicate=True, recorded=0)
    assert streams.load(NOTES, "c1").state == ["first"]


def test_a_stale_version_is_refused_after_another_writer_moved_the_stream() -> None:
    log = InMemoryEventLog()
    log.append("notes-1", [note()], NO_STREAM)
    log.append("notes-1", [note()], 1)

    with pytest.raises(WrongExpectedVersion) as refused:
        log.append("notes-1", [note()], 1)

    assert (refused.value.expected, refused.value.actual) == (1, 2)
    assert log.head().position == 2


def overtaken_once(
    streams: AggregateStreams,
) -> tuple[list[list[str]], Callable[[list[str] | None], list[object]]]:
    """A ``decide`` that another writer overtakes the first time, and what it saw each time."""
    seen: list[list[str]] = []
    other = CommandContext(actor="coach-2", project_id="S21048")

    def decide(state: list[str] | None) -> list[object]:
        seen.append(list(state or []))
        if len(seen) == 1:  # between this load and its append, a colleague writes
            streams.execute(NOTES, "c1", lambda _: [NoteWritten(label="colleague's")], other)
        return [NoteWritten(label=f"mine, after {len(state or [])}")]

    return seen, decide


def test_a_command_overtaken_by_another_write_is_decided_again_on_what_it_left() -> None:
    streams = AggregateStreams(InMemoryEventLog(), CONTRACTS, "test")
    context = CommandContext(actor="coach-1", project_id="S21048", submission_id="form-1")
    streams.execute(NOTES, "c1", lambda _: [NoteWritten(label="first")], context)
    seen, decide = overtaken_once(streams)

    accepted = streams.execute(
        NOTES, "c1", decide, CommandContext(actor="coach-1", project_id="S21048"), attempts=3
    )

    assert accepted == Accepted("c1", duplicate=False, recorded=1)
    assert seen == [["first"], ["first", "colleague's"]]
    assert streams.load(NOTES, "c1").state == ["first", "colleague's", "mine, after 2"]


def test_without_attempts_an_overtaken_command_is_refused_and_stores_nothing() -> None:
    streams = AggregateStreams(InMemoryEventLog(), CONTRACTS, "test")
    context = CommandContext(actor="coach-1", project_id="S21048")
    streams.execute(NOTES, "c1", lambda _: [NoteWritten(label="first")], context)
    _, decide = overtaken_once(streams)

    with pytest.raises(WrongExpectedVersion):
        streams.execute(NOTES, "c1", decide, context)

    assert streams.load(NOTES, "c1").state == ["first", "colleague's"]
