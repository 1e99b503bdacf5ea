"""``ImportSessions`` through coaching's bus on the in-memory log: only a manager imports,
a row about an unknown participant refuses only itself, a dry run stores nothing, and the
same rows again store nothing new."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.coaching.domain.commands import ImportSessions
from services.coaching.domain.session_import import ImportSession
from services.coaching.domain.vocabulary import SessionKind
from services.coaching.service_layer.dependencies import Coaching
from services.coaching.service_layer.handlers import COMMAND_HANDLERS
from services.coaching.service_layer.session_import import BatchAccepted
from services.coaching.service_layer.streams import coaching_streams
from shared.eventlog.memory import InMemoryEventLog
from shared.import_ids import imported_client_id
from shared.messagebus import CommandContext, MessageBus, bind
from shared.refusal import Refusal
from tests.unit.coaching.builders import PROJECT, TODAY, active
from tests.unit.coaching.fakes import FakeClients, FakeEmployers, FakeTexts


def _bus(log: InMemoryEventLog) -> MessageBus:
    clients = FakeClients(active(imported_client_id(PROJECT, "R1")))
    deps = Coaching(coaching_streams(log), clients, FakeTexts(), FakeEmployers(), lambda: TODAY)
    return MessageBus(bind(COMMAND_HANDLERS, deps))


def _context(role: str) -> CommandContext:
    return CommandContext(actor="manager-1", project_id=PROJECT, roles=frozenset({role}))


def _row(reference: str, *, held: bool = True, dry_run: bool = False) -> ImportSession:
    return ImportSession(
        reference=reference, held_on=TODAY - timedelta(days=3), kind=SessionKind.FOLLOW_UP,
        duration_minutes=45, held=held, file_sha256="ab" * 32, row=2, dry_run=dry_run,
    )  # fmt: skip


def _outcomes(bus: MessageBus, *rows: ImportSession) -> tuple[object, ...]:
    answer = bus.handle(ImportSessions(rows=rows), _context("project_manager"))
    assert isinstance(answer, BatchAccepted)
    return answer.outcomes


def test_a_coach_may_not_import() -> None:
    log = InMemoryEventLog()
    with pytest.raises(Refusal) as refused:
        _bus(log).handle(ImportSessions(rows=(_row("R1"),)), _context("coach"))
    assert refused.value.code == "forbidden"
    assert list(log.read_all()) == []


def test_an_unknown_participant_refuses_only_its_row_and_a_dry_run_stores_nothing() -> None:
    log = InMemoryEventLog()
    bus = _bus(log)

    known, unknown = _outcomes(bus, _row("R1", dry_run=True), _row("R9", dry_run=True))

    assert isinstance(unknown, Refusal) and unknown.code == "client_not_found"
    assert not isinstance(known, Refusal)
    assert list(log.read_all()) == []


def test_the_same_rows_again_store_nothing_new() -> None:
    log = InMemoryEventLog()
    bus = _bus(log)
    _outcomes(bus, _row("R1"), _row("R1", held=False))
    first = [(r.event_type, r.correlation_id) for r in log.read_all()]

    again = _outcomes(bus, _row("R1"), _row("R1", held=False))

    assert sorted(t for t, _ in first) == [  # rows are stored concurrently: in any order
        "coaching.session_booked", "coaching.session_cancelled", "coaching.session_held",
    ]  # fmt: skip
    assert {c for _, c in first} == {"import:" + "ab" * 32}
    assert all(getattr(a, "duplicate", False) for a in again)
    assert len(list(log.read_all())) == len(first)
