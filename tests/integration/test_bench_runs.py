"""The benchmarks run end to end on tiny workloads: the log on SQLite and on Kafka.

A functional check, not a timing one: every row comes out, rates are positive, the read
sees every event the appends stored, and the table is printed. How fast is the bench's
own business, never the test suite's.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from bench.kafka import CONSUME, RELAY, SUBSCRIBE, TRANSACTIONAL
from bench.log import APPENDS, BATCHED, FLOOR, READ, run_log_benchmark
from tests.kafka_broker import KafkaBroker


def test_a_tiny_sqlite_run_produces_every_row_with_positive_rates() -> None:
    out = io.StringIO()

    rows = run_log_benchmark(
        engines=("sqlite",), events=400, console=Console(file=out, width=200), repeats=3
    )

    assert [(row.engine, row.scenario) for row in rows] == [
        *(("sqlite", scenario) for scenario in (*APPENDS, READ)),
        (FLOOR, BATCHED),
        (FLOOR, READ),
        *(("sqlite NORMAL", scenario) for scenario in APPENDS),
    ]
    assert all(row.events > 0 and row.seconds > 0 and row.rate > 0 for row in rows)
    assert all(row.runs == 3 and row.spread is not None and row.spread >= 0 for row in rows)
    ours = {row.scenario: row for row in rows if row.engine == "sqlite"}
    assert all(row.peer_rate and row.ratio for row in ours.values())
    assert all(ours[s].floor_ratio for s in (BATCHED, READ))
    assert ours[READ].events == sum(ours[scenario].events for scenario in APPENDS)
    floor = {row.scenario: row for row in rows if row.engine == FLOOR}
    assert floor[BATCHED].events == ours[BATCHED].events
    assert floor[READ].events == ours[READ].events  # the floor reads the file ours wrote
    text = out.getvalue()
    assert "read+decode all" in text and "median of 3 runs" in text and "vs floor" in text


def test_a_tiny_kafka_run_relays_and_consumes_every_event(
    kafka_broker: KafkaBroker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the session's broker; on real Kafka also the transactional relay beside ours."""
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", kafka_broker.bootstrap)
    out = io.StringIO()

    rows = run_log_benchmark(engines=("kafka",), events=300, console=Console(file=out, width=200))

    scenarios = [RELAY, CONSUME, SUBSCRIBE] + (
        [TRANSACTIONAL] if kafka_broker.is_real_kafka else []
    )
    assert [row.scenario for row in rows] == scenarios
    assert all(row.events == 300 and row.rate > 0 for row in rows)
    assert "median of 3" in out.getvalue()


def test_a_tiny_intake_run_measures_every_action() -> None:
    from bench.intake import run_intake_benchmark

    out = io.StringIO()
    rows = run_intake_benchmark(clients=30, requests=12, console=Console(file=out, width=200))

    assert [row.action for row in rows] == [
        "enrol (API POST)",
        "search by name (API GET)",
        "search with filters (API GET)",
        "client list page (HTML GET)",
        "enrol (HTML form POST)",
        "client page, clients in turn (HTML GET)",
        "client page, one client again and again (HTML GET)",
    ]
    assert [row.requests for row in rows[-2:]] == [12, 36]
    assert all(0 < row.p50_ms <= row.p95_ms <= row.p99_ms <= row.max_ms for row in rows)
    assert "30 clients in the project" in out.getvalue()


def test_a_tiny_reads_run_times_every_way_against_the_floor(postgres_url: str) -> None:
    from bench.pg_reads import run_reads_benchmark

    out = io.StringIO()
    rows = run_reads_benchmark(postgres_url, reads=20, repeats=2, console=Console(file=out))

    assert [row.way for row in rows] == [
        "Database.read() + SQLAlchemy query",
        "Database.fetch (raw SQL)",
        "bare psycopg, one open connection (floor)",
    ]
    assert all(row.wall_us > 0 and row.cpu_us > 0 and row.floor_ratio for row in rows)
    assert rows[-1].floor_ratio == 1.0
    assert "medians of 2 runs" in out.getvalue()


def test_a_tiny_load_run_measures_every_action_against_separate_processes() -> None:
    from bench.load import ACTIONS, run_load_benchmark

    out = io.StringIO()
    rows = run_load_benchmark(
        coaches=3, seconds=4, think=0.2, seed_clients=10, console=Console(file=out, width=200)
    )

    measured = {row.action for row in rows}
    assert "all actions" in measured
    assert len(measured) >= len(ACTIONS) // 2  # a few seconds reach most of the mix
    assert all(row.requests > 0 and row.p50_ms > 0 for row in rows)
    assert "answered with an error" not in out.getvalue()
