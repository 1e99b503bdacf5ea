"""Live projection, replay and as-of reports over real SQLite logs agree, as they must."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from services.reporting.adapters.store import SqlFactStore
from services.reporting.domain.figures import Period, report
from services.reporting.service_layer.replay import OpenedLogs, replay
from services.reporting.service_layer.reports import as_of_report
from shared.events.envelope import isoformat
from shared.web.service import WebService
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import (
    PROJECT,
    attendance,
    company,
    contacted,
    corrected,
    enrolled,
    exited,
    placement,
    re_entered,
    relation,
    session,
    target,
)

YEAR = Period(date(2019, 1, 1), date(2019, 12, 31))


def a_history(logs: Logs) -> None:
    logs.record(
        enrolled("c1", "2019-02-01", gender="male"), corrected("c1", gender="female"),
        exited("c1", "2019-04-01", "unemployed"), re_entered("c1", "2019-05-01"),
        exited("c1", "2019-08-01", "employed", "fixed_term"),
        enrolled("c2", "2019-03-01", age_at_entry=58), exited("c2", "2019-06-01", "unknown"),
        session("c1", "2019-02-05"), session("c2", "2019-03-05", 45),
        attendance("c1", "m1", "2019-03-10"), attendance("c2", "m1", "2019-03-10", "absent"),
        company("firm"), contacted("firm", "visit", "2019-02-20"),
        relation("firm", "supported", "2019-03-01"), placement("c1", "firm", "2019-07-01"),
        target("participants.total", 40),
    )  # fmt: skip
    logs.record(enrolled("other", "2019-02-01"), project="S99999")


def store_of(service: WebService) -> SqlFactStore:
    runtime = service.runtime
    return SqlFactStore(runtime.log.db, runtime.store)


def test_a_replay_rebuilds_exactly_the_live_projection(logs: Logs, reporting: WebService) -> None:
    a_history(logs)
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()

    result = replay(OpenedLogs(logs.sources(), store), period=YEAR)

    assert store.all_facts() == live
    assert result.figures[PROJECT] == report(live.of_project(PROJECT), YEAR).values()
    assert result.events == sum(s.last_position for s in result.slices) > 0
    assert report(store.project_facts(PROJECT), YEAR).figure("participants.total").members == (
        "c1", "c2",
    )  # fmt: skip


def test_live_subscriptions_go_on_after_a_replay_without_double_counting(
    logs: Logs, reporting: WebService
) -> None:
    a_history(logs)
    store = store_of(reporting)
    replay(OpenedLogs(logs.sources(), store))

    logs.record(enrolled("c3", "2019-09-01"), session("c3", "2019-09-02"))
    reporting.runtime.catch_up()

    result = report(store.project_facts(PROJECT), YEAR)
    assert result.figure("participants.total").members == ("c1", "c2", "c3")
    assert result.figure("coaching.sessions").cumulative == 3
    replay(
        OpenedLogs(logs.sources(), store)
    )  # a second replay builds aside again in the same schema
    assert report(store.project_facts(PROJECT), YEAR) == result


def test_an_as_of_report_shows_the_figures_before_a_later_correction(logs: Logs) -> None:
    logs.record(enrolled("c1", "2019-02-01", gender="male", education="isced_0_2"))
    time.sleep(0.002)
    cutoff = isoformat(datetime.now(UTC))
    time.sleep(0.002)
    logs.record(corrected("c1", gender="female", education="isced_0_2"))

    then, cut = as_of_report(logs.sources(), PROJECT, YEAR, cutoff)
    now, _ = as_of_report(logs.sources(), PROJECT, YEAR, "9999-12-31")

    assert then.figure("participants.gender.male").members == ("c1",)
    assert now.figure("participants.gender.female").members == ("c1",)
    assert {s.source: s.last_position for s in cut}["intake"] == 1
