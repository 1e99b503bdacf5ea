"""Reporting's readers of upstream events: wire names, and every folded type declared."""

from __future__ import annotations

import dataclasses

from services.reporting.domain.fold import STEPS
from services.reporting.domain.upstream import UPSTREAMS, reporting_contracts


def test_every_folded_event_type_is_read_from_exactly_one_log() -> None:
    listed = [name for names in UPSTREAMS.values() for name in names]

    assert sorted(listed) == sorted(STEPS)
    assert all(name.startswith(f"{log}.") for log, names in UPSTREAMS.items() for name in names)


def test_every_folded_event_type_has_a_declared_reader_that_passes_the_privacy_guard() -> None:
    contracts = reporting_contracts()

    assert contracts.names() == sorted(STEPS)
    for name in contracts.names():
        assert dataclasses.fields(contracts.class_for(name))


def _producers() -> dict[str, type[object]]:
    """Every published event class of the other services, by wire name (tests may import)."""
    from services.coaching.domain import events as coaching
    from services.intake.domain import events as intake
    from services.matching.domain import events as matching

    found: dict[str, type[object]] = {}
    for module in (intake, coaching, matching):
        for value in vars(module).values():
            name = getattr(value, "__event_type__", None)
            if isinstance(name, str) and isinstance(value, type):
                found[name] = value
    return found


def test_every_field_reporting_reads_is_published_by_its_producer_at_the_same_version() -> None:
    producers = _producers()
    contracts = reporting_contracts()

    for name in contracts.names():
        if name.startswith("reporting."):
            continue
        reader = contracts.class_for(name)
        producer = producers[name]
        assert reader.__schema_version__ == producer.__schema_version__, name  # type: ignore[attr-defined]
        published = {f.name for f in dataclasses.fields(producer)}  # type: ignore[arg-type]
        read = {f.name for f in dataclasses.fields(reader)}
        assert read <= published, f"{name}: {sorted(read - published)} not published"


def test_the_nested_start_data_and_plan_fields_are_published_too() -> None:
    from services.intake.domain.esf import EsfStartData
    from services.intake.domain.events import ProjectPlan
    from services.reporting.domain.upstream import PlanData, StartData

    def names(cls: type[object]) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]

    assert names(StartData) <= names(EsfStartData)
    assert names(PlanData) <= names(ProjectPlan)
