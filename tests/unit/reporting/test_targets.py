"""Setting a target through reporting's bus: who may, which figures, what is stored."""

from __future__ import annotations

import pytest

from services.reporting.domain.errors import DomainError
from services.reporting.domain.targets import SetTarget
from services.reporting.domain.upstream import TargetSet, reporting_contracts
from services.reporting.service_layer.handlers import COMMAND_HANDLERS, ReportingDeps
from shared.eventlog.aggregates import AggregateStreams
from shared.events.codec import decode_event
from shared.messagebus import CommandContext, MessageBus, bind
from tests.unit.reporting.builders import PROJECT
from tests.unit.reporting.fakes import StreamLog


def a_bus(log: StreamLog, refreshed: list[int] | None = None) -> MessageBus:
    deps = ReportingDeps(AggregateStreams(log, reporting_contracts(), "reporting"))
    after = (lambda: refreshed.append(1)) if refreshed is not None else (lambda: None)
    return MessageBus(bind(COMMAND_HANDLERS, deps), after_write=after)


def as_a(role: str, submission_id: str | None = None) -> CommandContext:
    return CommandContext(actor="u1", project_id=PROJECT, roles=frozenset({role}),
                          submission_id=submission_id)  # fmt: skip


def stored(log: StreamLog) -> list[object]:
    contracts = reporting_contracts()
    return [decode_event(contracts, e.event_type, e.schema_version, e.payload)
            for e in log.read_stream(f"targets-{PROJECT}")]  # fmt: skip


def test_a_project_manager_sets_a_target_and_the_projection_is_refreshed() -> None:
    log, refreshed = StreamLog(), []
    command = SetTarget(project_id=PROJECT, figure="participants.total", planned=40)

    accepted = a_bus(log, refreshed).handle(command, as_a("project_manager"))

    assert (accepted.id, accepted.recorded, accepted.duplicate) == (PROJECT, 1, False)
    assert stored(log) == [TargetSet(project_id=PROJECT, figure="participants.total", planned=40)]
    assert refreshed == [1]


@pytest.mark.parametrize("role", ["coach", "auditor"])
def test_coaches_and_auditors_may_not_set_targets(role: str) -> None:
    log = StreamLog()
    command = SetTarget(project_id=PROJECT, figure="participants.total", planned=40)

    with pytest.raises(DomainError) as refused:
        a_bus(log).handle(command, as_a(role))

    assert (refused.value.code, stored(log)) == ("forbidden", [])


def test_an_administrator_sets_targets_in_any_project() -> None:
    log = StreamLog()
    command = SetTarget(project_id=PROJECT, figure="participants.total", planned=40)

    assert a_bus(log).handle(command, as_a("admin")).recorded == 1


@pytest.mark.parametrize(
    ("figure", "planned", "code", "field"),
    [("nope", 1, "unknown_figure", "figure"), ("participants.total", -1, "invalid_planned",
     "planned"), ("participants.total", 1_000_001, "invalid_planned", "planned")],
)  # fmt: skip
def test_an_unknown_figure_or_an_impossible_plan_is_refused_at_its_field(
    figure: str, planned: int, code: str, field: str
) -> None:
    log = StreamLog()
    command = SetTarget(project_id=PROJECT, figure=figure, planned=planned)

    with pytest.raises(DomainError) as refused:
        a_bus(log).handle(command, as_a("project_manager"))

    assert (refused.value.code, refused.value.field, stored(log)) == (code, field, [])


def test_a_target_of_another_project_than_the_contexts_is_refused() -> None:
    command = SetTarget(project_id="S99999", figure="participants.total", planned=4)

    with pytest.raises(DomainError) as refused:
        a_bus(StreamLog()).handle(command, as_a("project_manager"))

    assert refused.value.code == "project_not_found"


def test_a_form_submitted_twice_stores_its_target_once() -> None:
    log = StreamLog()
    bus = a_bus(log)
    command = SetTarget(project_id=PROJECT, figure="participants.total", planned=40)

    bus.handle(command, as_a("project_manager", "s-1"))
    again = bus.handle(command, as_a("project_manager", "s-1"))

    assert (again.duplicate, again.recorded, len(stored(log))) == (True, 0, 1)
