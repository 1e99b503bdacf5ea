"""The capacity search of ``duuni bench load --find``: which load to try next, and the answer.

Pure: the runs are the caller's business. The load climbs in even steps while every
action keeps its p99 under the target, then halves the gap between the last load that
passed and the first that failed until the gap is no wider than the resolution. The
capacity is the highest load that passed below the lowest that failed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from rich import box
from rich.table import Table

START = 25
STEP = 25
RESOLUTION = 10
CEILING = 400
"""Coaches the search never goes beyond; passing there reports ``≥ CEILING``."""
ERROR_SHARE = 0.01
"""Failed requests a step may have (conflicts of two coaches on one record) and still pass."""


@dataclasses.dataclass(frozen=True, slots=True)
class StepResult:
    """One measured load: ``coaches`` at the think time, for ``seconds``."""

    coaches: int
    requests: int
    seconds: float
    worst_p99_ms: float
    worst_action: str
    errors: int
    target_p99_ms: float
    cpu_ms: float | None = None
    """The services' CPU per request (all their processes), when it could be read."""
    cores: float | None = None
    """How many cores' worth the services used over the step."""
    machine_busy: float | None = None
    """The share of the whole machine's CPU in use over the step, the load generator's,
    PostgreSQL's and Kafka's included: near 1, queueing on the cores sets the tail."""

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def passed(self) -> bool:
        return (
            self.requests > 0
            and self.worst_p99_ms < self.target_p99_ms
            and self.errors <= ERROR_SHARE * self.requests
        )


def _bounds(passed: Mapping[int, bool]) -> tuple[int, int | None]:
    """The highest load that passed below the lowest that failed (0: none), and that failure."""
    failures = [load for load, ok in passed.items() if not ok]
    lowest_failure = min(failures) if failures else None
    below = [
        load
        for load, ok in passed.items()
        if ok and (lowest_failure is None or load < lowest_failure)
    ]
    return max(below, default=0), lowest_failure


def next_load(
    passed: Mapping[int, bool],
    *,
    start: int = START,
    step: int = STEP,
    resolution: int = RESOLUTION,
    ceiling: int = CEILING,
) -> int | None:
    """The next number of coaches to measure, or ``None`` when the search is over."""
    if not passed:
        return min(start, ceiling)
    best, failure = _bounds(passed)
    if failure is None:
        following = min(best + step, ceiling)
        return None if following in passed else following
    if failure - best <= resolution:
        return None
    middle = (best + failure) // 2
    return None if middle in passed or middle == best else middle


def capacity(passed: Mapping[int, bool]) -> int:
    """The highest number of coaches that passed below the lowest that failed (0: none)."""
    return _bounds(passed)[0]


def capacity_line(deployment: str, results: Sequence[StepResult], think: float) -> str:
    passed = {result.coaches: result.passed for result in results}
    found = capacity(passed)
    _, failure = _bounds(passed)
    if not found:
        return f"capacity ({deployment}): below {failure} coaches at {think:g} s think time"
    rate = max(r.per_second for r in results if r.coaches == found)
    limit = f", {failure} fail" if failure is not None else " (the highest load tried)"
    return (
        f"capacity ({deployment}): {found} coaches at {think:g} s think time, "
        f"{rate:,.0f} requests/s, every action's p99 < {results[0].target_p99_ms:g} ms{limit}"
    )


def steps_table(results: Sequence[StepResult], title: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    headings = ("coaches", "req/s", "worst p99 ms", "worst action", "errors",
                "CPU ms a request", "cores", "machine busy", "verdict")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="left" if "action" in heading else "right", no_wrap=True)
    for result in sorted(results, key=lambda r: r.coaches):
        table.add_row(
            str(result.coaches),
            f"{result.per_second:,.0f}",
            f"{result.worst_p99_ms:.0f}",
            result.worst_action,
            str(result.errors),
            "—" if result.cpu_ms is None else f"{result.cpu_ms:.1f}",
            "—" if result.cores is None else f"{result.cores:.2f}",
            "—" if result.machine_busy is None else f"{result.machine_busy:.0%}",
            "pass" if result.passed else "FAIL",
        )
    return table
