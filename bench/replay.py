"""``duuni bench replay``: rebuild every reporting figure from a million synthetic events.

The synthetic history (``bench.history``) is written by a process of its own before the
clock starts. The timed part is what ``duuni replay`` does, plus every project's figures:
read every log from position 0 in shares of the projects (one process a core), fold,
write the rows aside, derive the figures, swap the new tables in. On SQLite and
PostgreSQL the logs are read from their tables; for Kafka the three upstream logs are
first relayed to topics of a real Apache Kafka broker (started for the run unless
``KAFKA_BOOTSTRAP_SERVERS`` names one), and the replay reads the topics instead.
Peak memory is each process's maximum resident set, as the kernel counts it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import os
import resource
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Final

import orjson
from rich.console import Console

from bench.brokers import bench_broker
from bench.history import write_in_a_process
from bench.report import BenchRow, table
from services.reporting.adapters.environment import LogDatabases, Place, TopicsAndDatabases
from services.reporting.adapters.processes import ProcessRunner
from services.reporting.domain.figures import Period
from services.reporting.entrypoints.progress import ReplayBar
from services.reporting.service_layer.ports import ReplayEnvironment
from services.reporting.service_layer.replay import InProcess, replay
from shared.eventlog.bulk import paused_gc
from shared.eventlog.kafka import OutboxRelay
from shared.eventlog.sql import SqlEventLog, open_database
from shared.settings import KafkaSettings

ENGINES: Final = ("sqlite", "postgres", "kafka")
LOCAL_POSTGRES: Final = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
LOGS: Final = ("intake", "coaching", "matching", "reporting")
UPSTREAM_LOGS: Final = ("intake", "coaching", "matching")
PERIOD: Final = Period(date(2025, 1, 1), date(2025, 12, 31))


@dataclasses.dataclass(frozen=True, slots=True)
class Measured:
    events: int
    seconds: float
    cpu_seconds: float
    """Of this process alone: the shares' processes count apart."""
    projects: int
    figures: int
    peak_mb: float
    """This process's largest resident set."""
    share_peaks_mb: tuple[float, ...]
    """Each share's process's, when the shares ran in processes."""
    shared_mb: float
    """Of the shares' pages, those shared with the main process (counted once in all)."""
    children_cpu_seconds: float = 0.0
    """Of the shares' processes together, once they ended."""


def timed_replay(
    environment: ReplayEnvironment, workers: int, console: Console | None = None
) -> Measured:
    """Replay into fresh tables, every project's figures derived too; time and memory."""
    processes = ProcessRunner("fork")  # the benchmark runs no other thread
    runner = processes if workers > 1 else InProcess()
    gc.collect()
    started = time.perf_counter()
    cpu = time.process_time()
    children = _children_cpu()
    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(ReplayBar(console)) if console is not None else None
        stack.enter_context(paused_gc())
        result = replay(environment, shares=workers, runner=runner, progress=bar, period=PERIOD)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    children = _children_cpu() - children
    figures = result.figures
    peaks = tuple(processes.peak_mb[i] for i in sorted(processes.peak_mb))
    return Measured(
        result.events, seconds, cpu, len(figures), sum(len(v) for v in figures.values()),
        _peak_mb(), peaks, sum(processes.shared_mb.values()), children,
    )  # fmt: skip


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


@dataclasses.dataclass(frozen=True, slots=True)
class BareRead:
    events: int
    seconds: float
    cpu_seconds: float


def bare_read(history: LogDatabases) -> BareRead:
    """The floor: every upstream log's rows read with bare sqlite3 and their header and
    payload parsed with orjson, in one process, nothing folded: what any replay of the
    same logs must at least spend."""
    loads = orjson.loads
    count = 0
    started, cpu = time.perf_counter(), time.process_time()
    for name, place in history.logs:
        if name not in UPSTREAM_LOGS or not place.url.startswith("sqlite:///"):
            continue
        path = place.url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as connection:
            for header, payload in connection.execute(
                "SELECT header, payload FROM events ORDER BY position"
            ):
                loads(header)
                loads(payload)
                count += 1
    return BareRead(count, time.perf_counter() - started, time.process_time() - cpu)


@dataclasses.dataclass(frozen=True)
class Engine:
    """Where the history is written, what the replay reads, and what comes in between."""

    history: LogDatabases
    environment: ReplayEnvironment
    publish: Callable[[Console], str | None] = lambda _console: None
    """After the history is written: relay it to the broker, say how that went."""


def _sqlite_places(folder: Path) -> LogDatabases:
    """The logs and reporting's database as ``duuni up`` keeps them (``synchronous=FULL``)."""
    places = {name: Place(f"sqlite:///{folder / f'{name}.sqlite3'}") for name in LOGS}
    return LogDatabases(places["reporting"], tuple(places.items()))


@contextlib.contextmanager
def _sqlite(folder: Path) -> Iterator[Engine]:
    databases = _sqlite_places(folder / "sqlite")
    yield Engine(databases, databases)


@contextlib.contextmanager
def _postgres(url: str) -> Iterator[Engine]:
    from sqlalchemy import create_engine, text

    tag = uuid.uuid4().hex[:8]
    places = {name: Place(url, f"bench_{name}_{tag}") for name in LOGS}
    databases = LogDatabases(places["reporting"], tuple(places.items()))
    try:
        yield Engine(databases, databases)
    finally:
        engine = create_engine(url)
        with engine.begin() as conn:
            for place in places.values():
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{place.schema}" CASCADE'))
        engine.dispose()


@contextlib.contextmanager
def _kafka(folder: Path) -> Iterator[Engine]:
    """The history in SQLite logs, relayed to topics; the replay reads the topics."""
    with contextlib.ExitStack() as stack:
        broker = stack.enter_context(bench_broker("kafka"))
        settings = broker.settings(topic_prefix=f"bench{uuid.uuid4().hex[:8]}")
        history = _sqlite_places(folder / "kafka")
        own_log = tuple((name, place) for name, place in history.logs if name not in UPSTREAM_LOGS)
        own = LogDatabases(history.reporting, own_log)
        yield Engine(
            history,
            TopicsAndDatabases(settings, own, UPSTREAM_LOGS),
            lambda console: _relay(history, settings, console),
        )


def _relay(history: LogDatabases, settings: KafkaSettings, console: Console) -> str:
    """Publish the upstream logs to their topics, as every service's relay would."""
    started = time.perf_counter()
    relayed = 0
    with console.status("kafka: relaying the logs to the broker…"):
        for name, place in history.logs:
            if name in UPSTREAM_LOGS:
                log = SqlEventLog(open_database(place.url), name)
                try:
                    relayed += asyncio.run(_publish_all(log, settings))
                finally:
                    log.close()
    seconds = time.perf_counter() - started
    return (
        f"kafka: relayed {relayed:,} events to the broker first in {seconds:.1f} s "
        f"({relayed / seconds:,.0f} events/s, acks=all), not counted in the replay"
    )


async def _publish_all(log: SqlEventLog, settings: KafkaSettings) -> int:
    published = 0
    async with OutboxRelay(log, settings, batch_size=20_000) as relay:
        while count := await relay.run_once():
            published += count
    return published


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_replay_benchmark(
    *,
    events: int = 1_000_000,
    engines: Sequence[str] = ("sqlite", "postgres", "kafka"),
    workers: int | None = None,
    repeat: int = 3,
    console: Console | None = None,
    postgres_url: str | None = None,
) -> list[BenchRow]:
    """Write the synthetic history for each engine, then replay it ``repeat`` times; print
    the table of medians."""
    console = console or Console()
    unknown = [name for name in engines if name not in ENGINES]
    if unknown:
        raise ValueError(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    if repeat < 1:
        raise ValueError("the replay must run at least once")
    workers = workers or max(1, os.cpu_count() or 1)
    url = postgres_url or os.environ.get("DATABASE_URL") or LOCAL_POSTGRES
    rows: list[BenchRow] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="duuni-bench-replay-") as folder:
        openers: dict[str, Callable[[], contextlib.AbstractContextManager[Engine]]] = {
            "sqlite": lambda: _sqlite(Path(folder)),
            "postgres": lambda: _postgres(url),
            "kafka": lambda: _kafka(Path(folder)),
        }
        for name in engines:
            runs: list[Measured] = []
            floors: list[BareRead] = []
            with openers[name]() as engine:
                with console.status(f"{name}: writing {events:,} synthetic events…"):
                    write_in_a_process(engine.history, events)
                relayed = engine.publish(console)
                for _ in range(repeat):
                    runs.append(timed_replay(engine.environment, workers, console))
                    if name == "sqlite":  # the floor in the same run, right after each replay
                        floors.append(bare_read(engine.history))
            measured = Runs(tuple(runs))
            rows.append(BenchRow(name, "replay all figures", measured.events, measured.seconds,
                                 measured.events / measured.seconds, runs=repeat,
                                 spread=measured.spread))  # fmt: skip
            notes += [note for note in (relayed, _describe(name, measured)) if note]
            floor = Floors(tuple(floors))
            if floors and floor.events:
                rows.append(BenchRow(name, "floor: bare read + decode", floor.events,
                                     floor.seconds, floor.events / floor.seconds,
                                     runs=len(floors)))  # fmt: skip
                notes.append(_against_floor(name, measured, floor))
    console.print(table(rows, f"Reporting replay ({os.cpu_count()} cores, {workers} processes)"))
    for note in notes:
        console.print(note, highlight=False)
    return rows


@dataclasses.dataclass(frozen=True, slots=True)
class Runs:
    """Repeated replays of one history: medians, since a shared machine is noisy."""

    runs: tuple[Measured, ...]

    @property
    def events(self) -> int:
        return self.runs[0].events

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu_seconds(self) -> float:
        """In all the replay's processes: the main one and the shares' together."""
        return statistics.median(run.cpu_seconds + run.children_cpu_seconds for run in self.runs)

    @property
    def spread(self) -> float:
        """(slowest − fastest) / median of the wall times."""
        times = [run.seconds for run in self.runs]
        return (max(times) - min(times)) / self.seconds if self.seconds else 0.0

    @property
    def last(self) -> Measured:
        return self.runs[-1]

    @property
    def peak_mb(self) -> float:
        """The largest of all processes' peaks together over the runs."""
        return max(_together_mb(run) for run in self.runs)


@dataclasses.dataclass(frozen=True, slots=True)
class Floors:
    """The bare read of the same logs after each replay, medians."""

    runs: tuple[BareRead, ...]

    @property
    def events(self) -> int:
        return self.runs[0].events if self.runs else 0

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)


def _against_floor(engine: str, measured: Runs, floor: Floors) -> str:
    """CPU, not wall time, against the floor: other work on the machine slows the wall
    clock of both, but not what each process spends itself. The ratio is the median of
    each replay's CPU over the floor read right after it."""
    ratios = [
        (run.cpu_seconds + run.children_cpu_seconds) / bare.cpu_seconds
        for run, bare in zip(measured.runs, floor.runs, strict=True)
        if bare.cpu_seconds
    ]
    ratio = f" ({statistics.median(ratios):.1f}× the floor's CPU)" if ratios else ""
    return (
        f"{engine}: medians of {len(measured.runs)} runs: the replay took {measured.seconds:.2f} s "
        f"wall and {measured.cpu_seconds:.2f} s CPU in all its processes; a bare read and decode "
        f"of the same {floor.events:,} upstream events {floor.seconds:.2f} s wall and "
        f"{floor.cpu_seconds:.2f} s CPU{ratio}"
    )


def _together_mb(measured: Measured) -> float:
    """All the processes' resident sets at their peaks, pages shared counted once."""
    return measured.peak_mb + sum(measured.share_peaks_mb) - measured.shared_mb


def _describe(engine: str, runs: Runs) -> str:
    measured = runs.last
    shares = ", ".join(f"{mb:,.0f}" for mb in measured.share_peaks_mb)
    where = f"; each share's process {shares} MB" if shares else ""
    return (
        f"{engine}: {measured.projects} projects, {measured.figures:,} figures; "
        f"{runs.seconds:.2f} s wall, {runs.cpu_seconds:.2f} s CPU (medians of "
        f"{len(runs.runs)} runs; {measured.cpu_seconds:.1f} s CPU in the main process of the "
        f"last); peak memory (max RSS) of the last run: main process "
        f"{measured.peak_mb:,.0f} MB{where}; all processes at most {runs.peak_mb:,.0f} MB "
        f"together in any run (pages the shares share with the main process counted once)"
    )
