"""``duuni bench log``: append and read throughput of each engine, beside the peer library.

Four scenarios per engine, each on an empty store: appends of one event per transaction
(streams of 10, each append with its exact expected version), appends of batches of 100
(one stream per batch), four writer threads appending batches of 10 to their own streams,
and a replay of the whole log decoded into ``RecordedEvent``s. The peer (``bench.peer``)
runs the same scenarios on the same events in the same run, each right after ours, so
that a machine whose speed drifts (this one shares its cores) skews both alike.

An engine is one function in ``ENGINES``: given the run's ``Workspace`` and ``Workload``
it returns its ``BenchRow``s. SQLite and PostgreSQL describe theirs as ``Group``s of
targets that run the four scenarios; the Kafka-relayed set-ups, whose scenarios differ
(relay, consume), plug in as functions that return their own rows: real Apache Kafka
with the idempotent producer, and Tansu, the memory-only stand-in, beside it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
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
SINGLE = "append 1/txn"
BATCHED = "append 100/txn"
CONCURRENT = f"{WRITERS} writers, 10/txn"
READ = "read+decode all"
APPENDS = (SINGLE, BATCHED, CONCURRENT)

Opener = Callable[[], contextlib.AbstractContextManager[Target[Any]]]


@dataclasses.dataclass(frozen=True)
class Group:
    """Rows of one store: what is measured, and the peer on the same kind of store."""

    name: str
    measured: Opener
    peer: Opener | None = None
    scenarios: tuple[str, ...] = (*APPENDS, READ)


@dataclasses.dataclass(frozen=True)
class Workspace:
    folder: Path
    postgres_url: str
    console: Console


@dataclasses.dataclass(frozen=True)
class Workload:
    """Every scenario's batches, built once per run and replayed on every target."""

    events: int
    single: list[Batch]
    batched: list[Batch]
    concurrent: list[list[Batch]]

    @classmethod
    def build(cls, events: int) -> Workload:
        shapes = Shapes()
        per_writer = max(1, events // 4 // WRITERS)
        return cls(
            events=events,
            single=shapes.batches(max(1, events // 40), per_batch=1, stream_length=10),
            batched=shapes.batches(events, per_batch=100, stream_length=100),
            concurrent=[
                shapes.batches(per_writer, per_batch=10, stream_length=50) for _ in range(WRITERS)
            ],
        )


def sqlite(workspace: Workspace, workload: Workload) -> list[BenchRow]:
    folder = workspace.folder
    groups = [
        Group("sqlite", lambda: ours.sqlite_log(folder), lambda: peer.sqlite_peer(folder)),
        # The file just written, read with no log code at all.
        Group(
            "sqlite, bare loop",
            lambda: bare.bare_sqlite(folder / ours.sqlite_file("FULL")),
            scenarios=(READ,),
        ),
        # synchronous=NORMAL: same file format, fewer fsyncs; a commit may be lost on power
        # failure (not on a crash of the process). Reads are unaffected: appends only.
        Group("sqlite NORMAL", lambda: ours.sqlite_log(folder, "NORMAL"), scenarios=APPENDS),
    ]
    return [row for group in groups for row in measure(group, workload)]


def postgres(workspace: Workspace, workload: Workload) -> list[BenchRow]:
    url = workspace.postgres_url
    group = Group("postgres", lambda: ours.postgres_log(url), lambda: peer.postgres_peer(url))
    return measure(group, workload)


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
) -> list[BenchRow]:
    """Run every scenario on ``engines``, print the table and return its rows.

    ``events`` is the size of the batched scenario; single-event appends use a fortieth
    of it, the four writers a quarter between them, and the read covers all written.
    PostgreSQL is ``postgres_url``, else ``DATABASE_URL``, else the local test server.
    """
    unknown = [name for name in engines if name not in ENGINES]
    if unknown:
        raise ValueError(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    url = postgres_url or os.environ.get("DATABASE_URL") or LOCAL_POSTGRES
    workload = Workload.build(events)
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory(prefix="duuni-bench-") as folder:
        workspace = Workspace(Path(folder), url, console)
        for name in engines:
            # A line, not a spinner: a refresh thread would compete for the GIL.
            console.print(f"[dim]measuring {name}…[/dim]", highlight=False)
            rows.extend(ENGINES[name](workspace, workload))
    result = table(rows, f"Event log throughput, ours and eventsourcing's ({os.cpu_count()} cores)")
    console.print(result)
    return rows


def measure(group: Group, workload: Workload) -> list[BenchRow]:
    """The group's scenarios, each on the peer right after ours."""
    rows = []
    with contextlib.ExitStack() as stack:
        measured = stack.enter_context(group.measured())
        theirs = stack.enter_context(group.peer()) if group.peer else None
        for scenario in group.scenarios:
            timing = _time(scenario, measured, workload)
            peer_timing = None if theirs is None else _time(scenario, theirs, workload)
            rows.append(
                BenchRow(
                    group.name,
                    scenario,
                    timing.events,
                    timing.seconds,
                    timing.rate,
                    None if peer_timing is None else peer_timing.rate,
                )
            )
    return rows


def _time(scenario: str, target: Target[Any], workload: Workload) -> Timing:
    gc.collect()
    if scenario == SINGLE:
        return time_appends(target, workload.single)
    if scenario == BATCHED:
        return time_appends(target, workload.batched)
    if scenario == CONCURRENT:
        return time_concurrent(target, workload.concurrent)
    if scenario == READ:
        return time_read(target)
    raise ValueError(f"unknown scenario {scenario!r}")
