"""``duuni bench reads``: what one small read costs a service on PostgreSQL.

A page of the multi-process deployment makes ten or so small reads, each on a connection
checked out of the service's pool. Measured here, in turns and repeated, for a one-row
primary-key read: the services' two ways (``Database.read()`` with a SQLAlchemy query, and
``Database.fetch`` with raw SQL), beside the floor, a bare psycopg connection held open
that runs the same statement with no pool and no transaction. The table gives medians of
the runs' microseconds per read, wall clock and this process's CPU, and their spread.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
import uuid
from collections.abc import Callable

import psycopg
from rich import box
from rich.console import Console
from rich.table import Table
from sqlalchemy import Column, MetaData, String, select, text
from sqlalchemy import Table as SqlTable

from shared.eventlog.sql import Database, open_database

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclasses.dataclass(frozen=True, slots=True)
class ReadRow:
    way: str
    wall_us: float
    cpu_us: float
    spread: float
    """(slowest - fastest) / median of the runs' wall times."""
    floor_ratio: float | None
    """Median of the runs' floor wall time / this way's: 1.0 is the floor."""


def _timed(read: Callable[[], object], reads: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(reads):
        read()
    return ((time.perf_counter() - wall) / reads * 1e6, (time.process_time() - cpu) / reads * 1e6)


def run_reads_benchmark(
    url: str = LOCAL_POSTGRES, reads: int = 2000, repeats: int = 7, console: Console | None = None
) -> list[ReadRow]:
    console = console or Console()
    schema = f"bench_reads_{uuid.uuid4().hex[:8]}"
    db = open_database(url, schema=schema)
    table = SqlTable("kv", MetaData(), Column("k", String, primary_key=True), Column("v", String))
    try:
        db.create(table.metadata)
        with db.engine.begin() as conn:
            conn.execute(table.insert(), [{"k": str(i), "v": "x" * 50} for i in range(100)])
        rows = _measure(db, table, url, reads, repeats)
    finally:
        with db.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        db.dispose()
    console.print(_table(rows, reads, repeats))
    return rows


def _measure(db: Database, table: SqlTable, url: str, reads: int, repeats: int) -> list[ReadRow]:
    query = select(table.c.v).where(table.c.k == "7")
    raw = db.sql(f"SELECT v FROM {db.table('kv')} WHERE k = ?")
    bare = psycopg.connect(
        url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True
    )

    def read() -> object:
        with db.read() as conn:
            return conn.execute(query).all()

    def bare_read() -> object:
        return bare.execute(raw, ("7",)).fetchall()

    ways: dict[str, Callable[[], object]] = {
        "Database.read() + SQLAlchemy query": read,
        "Database.fetch (raw SQL)": lambda: db.fetch(raw, ("7",)),
        "bare psycopg, one open connection (floor)": bare_read,
    }
    samples: dict[str, list[tuple[float, float]]] = {way: [] for way in ways}
    try:
        for _ in range(repeats):
            for way, call in ways.items():
                samples[way].append(_timed(call, reads))
    finally:
        bare.close()
    floor = [wall for wall, _ in samples["bare psycopg, one open connection (floor)"]]
    return [_row(way, runs, floor) for way, runs in samples.items()]


def _row(way: str, runs: list[tuple[float, float]], floor: list[float]) -> ReadRow:
    walls = [wall for wall, _ in runs]
    median = statistics.median(walls)
    return ReadRow(
        way=way,
        wall_us=median,
        cpu_us=statistics.median(cpu for _, cpu in runs),
        spread=(max(walls) - min(walls)) / median,
        floor_ratio=statistics.median(f / w for f, w in zip(floor, walls, strict=True)),
    )


def _table(rows: list[ReadRow], reads: int, repeats: int) -> Table:
    result = Table(
        title=f"one-row read on PostgreSQL: {reads:,} reads a run, medians of {repeats} runs",
        title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
    )  # fmt: skip
    for heading in ("way", "µs a read", "CPU µs", "±", "vs floor"):
        result.add_column(heading, justify="left" if heading == "way" else "right")
    for row in rows:
        result.add_row(
            row.way, f"{row.wall_us:.0f}", f"{row.cpu_us:.0f}", f"{row.spread:.0%}",
            "—" if row.floor_ratio is None else f"{row.floor_ratio:.2f}×",
        )  # fmt: skip
    return result
