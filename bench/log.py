"""``duuni bench log``: append and read throughput of each engine, beside the peer library.

Five scenarios per engine, each on an empty store: appends of one event per transaction
(streams of 10, each append with its exact expected version), appends of batches of 100
(one stream per batch), four writer threads appending batches of 10 to their own streams,
four writer threads appending one event per command (the web's shape, where group commit
pays), and a replay of the whole log decoded into ``RecordedEvent``s.

The machine's speed drifts (it shares its cores), so a single run proves little. Every
group runs ``repeats`` times (five by default), each time on fresh stores; within a run
each scenario runs on ours, on the peer (``bench.peer``) and, on SQLite, on a floor back
to back, who goes first turning from run to run. The floor is bare ``sqlite3`` inserting
our own finished rows and reading them back (``bench.bare``), so that the ratio to it is
what our log's own work costs, whatever the machine's mood. The table gives the median
rate, the spread over the runs and the median of the run-by-run ratios.

An engine is one function in ``ENGINES``: given the run's ``Workspace`` and ``Workload``
it returns its ``BenchRow``s. SQLite and PostgreSQL describe theirs as ``Group``s of
targets that run the scenarios; the Kafka-relayed set-ups, whose scenarios differ
(relay, consume), plug in as functions that return their own rows: real Apache Kafka
with the idempotent producer, and Tansu, the memory-only stand-in, beside it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import shutil
import statistics
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import bare, ours, peer
from bench.brokers import BrokerKind, bench_broker
from bench.report import BenchRow, table
from bench.scenarios import Target, Timing, time_appends, time_concurrent, time_read
from bench.shapes import Batch, Shapes

WRITERS = 4
REPEATS = 5
"""Runs of every group by default; the table gives medians over them."""
SINGLE = "append 1/txn"
BATCHED = "append 100/txn"
CONCURRENT = f"{WRITERS} writers, 10/txn"
COMMANDS = f"{WRITERS} writers, 1/command"
READ = "read+decode all"
APPENDS = (SINGLE, BATCHED, CONCURRENT, COMMANDS)
FLOOR = "sqlite floor (bare sqlite3)"

Opener = Callable[[Path], contextlib.AbstractContextManager[Target[Any]]]
"""Opens a fresh store in the given (empty) folder of one run."""


@dataclasses.dataclass(frozen=True)
class Group:
    """Rows of one store: what is measured, the peer on the same kind of store, and the
    floor that runs the scenarios it lists on bare ``sqlite3`` in the same runs."""

    name: str
    measured: Opener
    peer: Opener | None = None
    scenarios: tuple[str, ...] = (*APPENDS, READ)
    floor: Opener | None = None
    floor_scenarios: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Workspace:
    folder: Path
    postgres_url: str
    console: Console
    repeats: int = REPEATS


@dataclasses.dataclass(frozen=True)
class Workload:
    """Every scenario's batches, built once per run and replayed on every target."""

    events: int
    single: list[Batch]
    batched: list[Batch]
    concurrent: list[list[Batch]]
    commands: list[list[Batch]]

    @classmethod
    def build(cls, events: int) -> Workload:
        shapes = Shapes()
        per_writer = max(1, events // 4 // WRITERS)
        per_commander = max(1, events // 40 // WRITERS)
        return cls(
            events=events,
            single=shapes.batches(max(1, events // 40), per_batch=1, stream_length=10),
            batched=shapes.batches(events, per_batch=100, stream_length=100),
            concurrent=[
                shapes.batches(per_writer, per_batch=10, stream_length=50) for _ in range(WRITERS)
            ],
            commands=[
                shapes.batches(per_commander, per_batch=1, stream_length=10) for _ in range(WRITERS)
            ],
        )


def sqlite(workspace: Workspace, workload: Workload) -> list[BenchRow]:
    groups = [
        Group(
            "sqlite",
            lambda folder: ours.sqlite_log(folder),
            peer.sqlite_peer,
            # Bare sqlite3 inserting our finished rows, and reading the file ours wrote.
            floor=lambda folder: bare.bare_sqlite(folder, folder / ours.sqlite_file("FULL")),
            floor_scenarios=(BATCHED, READ),
        ),
        # synchronous=NORMAL: same file format, fewer fsyncs; a commit may be lost on power
        # failure (not on a crash of the process). Reads are unaffected: appends only.
        Group("sqlite NORMAL", lambda folder: ours.sqlite_log(folder, "NORMAL"), scenarios=APPENDS),
    ]
    return [row for group in groups for row in measure(group, workload, workspace)]


def postgres(workspace: Workspace, workload: Workload) -> list[BenchRow]:
    url = workspace.postgres_url
    group = Group(
        "postgres", lambda _folder: ours.postgres_log(url), lambda _folder: peer.postgres_peer(url)
    )
    return measure(group, workload, workspace)


def kafka(workspace: Workspace, workload: Workload) -> list[BenchRow]:
    """Relay (acks=all, idempotent) and consumers on real Apache Kafka; the peer has none."""
    return _broker_rows("kafka", workspace, workload)


def tansu(workspace: Workspace, workload: Workload) -> list[BenchRow]:
    """The same on Tansu, the memory-only stand-in, without the idempotent producer."""
    return _broker_rows("tansu", workspace, workload)


KAFKA_REPEATS = 3
"""Each Kafka scenario runs this many times on fresh topics; the table shows the median."""


def _broker_rows(kind: BrokerKind, workspace: Workspace, workload: Workload) -> list[BenchRow]:
    from bench.kafka import measure_kafka

    with bench_broker(kind) as broker:
        if broker.start_seconds:
            workspace.console.print(
                f"[dim]{broker.name}: answered {broker.start_seconds:.1f} s after launch, "
                f"{broker.resident_bytes / 2**20:,.0f} MB resident[/dim]", highlight=False
            )  # fmt: skip
        runs = [measure_kafka(workload.events, broker) for _ in range(KAFKA_REPEATS)]
    rows = []
    for scenario, events, _ in runs[0]:
        seconds = statistics.median(t for run in runs for s, _, t in run if s == scenario)
        rows.append(BenchRow(f"{broker.name} (median of {len(runs)})", scenario, events,
                             seconds, events / seconds))  # fmt: skip
    return rows


ENGINES: dict[str, Callable[[Workspace, Workload], list[BenchRow]]] = {
    "sqlite": sqlite,
    "postgres": postgres,
    "kafka": kafka,
    "tansu": tansu,
}

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def run_log_benchmark(
    *,
    engines: Sequence[str] = ("sqlite", "postgres", "kafka", "tansu"),
    events: int = 200_000,
    console: Console,
    postgres_url: str | None = None,
    repeats: int = REPEATS,
) -> list[BenchRow]:
    """Run every scenario on ``engines`` ``repeats`` times, print the table, return its rows.

    ``events`` is the size of the batched scenario; single-event appends use a fortieth
    of it, as do the four writers of one event per command between them; the four writers
    of batches a quarter, and the read covers all written. PostgreSQL is ``postgres_url``,
    else ``DATABASE_URL``, else the local test server.
    """
    unknown = [name for name in engines if name not in ENGINES]
    if unknown:
        raise ValueError(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    url = postgres_url or os.environ.get("DATABASE_URL") or LOCAL_POSTGRES
    workload = Workload.build(events)
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory(prefix="duuni-bench-") as folder:
        workspace = Workspace(Path(folder), url, console, repeats)
        for name in engines:
            # A line, not a spinner: a refresh thread would compete for the GIL.
            console.print(f"[dim]measuring {name}…[/dim]", highlight=False)
            rows.extend(ENGINES[name](workspace, workload))
    title = (
        f"Event log throughput, ours and eventsourcing's ({os.cpu_count()} cores;"
        f" median of {repeats} runs, ± the spread between fastest and slowest)"
    )
    console.print(table(rows, title))
    return rows


Samples = dict[str, dict[str, list[Timing]]]
"""Timings by scenario, then by role: ``ours``, ``peer`` and ``floor``."""


def measure(group: Group, workload: Workload, workspace: Workspace) -> list[BenchRow]:
    """The group's scenarios, ``workspace.repeats`` times on fresh stores, as medians."""
    samples: Samples = {}
    for run in range(workspace.repeats):
        folder = workspace.folder / f"{group.name}-{run}".replace(" ", "-")
        folder.mkdir()
        try:
            _one_run(group, workload, folder, run, samples)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    rows = [_row(group.name, scenario, samples[scenario]) for scenario in group.scenarios]
    floors = [_row(FLOOR, scenario, samples[scenario], "floor") for scenario in
              group.floor_scenarios]  # fmt: skip
    return rows + floors


def _one_run(group: Group, workload: Workload, folder: Path, run: int, samples: Samples) -> None:
    """Each scenario on ours, the peer and the floor one right after the other, in an order
    that turns from run to run: the disk's fsync time drifts by a tenth or more over a
    minute, so only timings taken side by side compare."""
    with contextlib.ExitStack() as stack:
        measured = stack.enter_context(group.measured(folder))
        theirs = stack.enter_context(group.peer(folder)) if group.peer else None
        floor = stack.enter_context(group.floor(folder)) if group.floor else None
        for scenario in group.scenarios:
            roles: list[tuple[str, Target[Any] | None]] = [("ours", measured), ("peer", theirs)]
            if scenario in group.floor_scenarios:
                roles.append(("floor", floor))
            turn = run % len(roles)
            for role, target in roles[turn:] + roles[:turn]:
                if target is not None:
                    timing = _time(scenario, target, workload)
                    samples.setdefault(scenario, {}).setdefault(role, []).append(timing)


def _row(
    engine: str, scenario: str, by_role: dict[str, list[Timing]], role: str = "ours"
) -> BenchRow:
    timings = by_role[role]
    rates = [timing.rate for timing in timings]
    rate = statistics.median(rates)
    peer_timings = by_role.get("peer") if role == "ours" else None
    floor_timings = by_role.get("floor") if role == "ours" else None
    return BenchRow(
        engine,
        scenario,
        timings[0].events,
        statistics.median(timing.seconds for timing in timings),
        rate,
        peer_rate=None if not peer_timings else statistics.median(t.rate for t in peer_timings),
        runs=len(timings),
        spread=(max(rates) - min(rates)) / rate,
        paired_ratio=_paired(timings, peer_timings),
        floor_ratio=_paired(timings, floor_timings),
    )


def _paired(ours: list[Timing], others: list[Timing] | None) -> float | None:
    """The median of our rate over theirs, each run against the other's in the same run."""
    if not others:
        return None
    return statistics.median(a.rate / b.rate for a, b in zip(ours, others, strict=True))


def _time(scenario: str, target: Target[Any], workload: Workload) -> Timing:
    gc.collect()
    if scenario == SINGLE:
        return time_appends(target, workload.single)
    if scenario == BATCHED:
        return time_appends(target, workload.batched)
    if scenario == CONCURRENT:
        return time_concurrent(target, workload.concurrent)
    if scenario == COMMANDS:
        return time_concurrent(target, workload.commands)
    if scenario == READ:
        return time_read(target)
    raise ValueError(f"unknown scenario {scenario!r}")
