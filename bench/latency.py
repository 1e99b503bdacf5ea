"""Request latency figures: percentiles per action, and the table they print as."""

from __future__ import annotations

import contextlib
import dataclasses
import statistics
import time
from collections.abc import Callable, Mapping, Sequence

from rich import box
from rich.table import Table


@dataclasses.dataclass(frozen=True, slots=True)
class LatencyRow:
    action: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    target_p95_ms: float | None = None
    target_p99_ms: float | None = None

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def meets_target(self) -> bool | None:
        checks = []
        if self.target_p95_ms is not None:
            checks.append(self.p95_ms < self.target_p95_ms)
        if self.target_p99_ms is not None:
            checks.append(self.p99_ms < self.target_p99_ms)
        return all(checks) if checks else None

    @property
    def target(self) -> str:
        parts = []
        if self.target_p95_ms is not None:
            parts.append(f"p95 < {self.target_p95_ms:g}")
        if self.target_p99_ms is not None:
            parts.append(f"p99 < {self.target_p99_ms:g}")
        if not parts:
            return "—"
        return f"{', '.join(parts)} {'met' if self.meets_target else 'MISSED'}"


def measure(
    action: str,
    call: Callable[[int], object],
    count: int,
    *,
    target_p95_ms: float | None = None,
) -> LatencyRow:
    """Time ``call(i)`` for i in 0..count-1, one after another."""
    samples: list[float] = []
    started = time.perf_counter()
    for i in range(count):
        before = time.perf_counter()
        call(i)
        samples.append((time.perf_counter() - before) * 1000)
    return row_of(action, samples, time.perf_counter() - started, target_p95_ms=target_p95_ms)


def row_of(
    action: str,
    samples_ms: Sequence[float],
    seconds: float,
    *,
    target_p95_ms: float | None = None,
    target_p99_ms: float | None = None,
) -> LatencyRow:
    cuts = (
        statistics.quantiles(samples_ms, n=100, method="inclusive")
        if len(samples_ms) > 1
        else [samples_ms[0]] * 99
    )
    return LatencyRow(
        action=action,
        requests=len(samples_ms),
        seconds=seconds,
        p50_ms=cuts[49],
        p95_ms=cuts[94],
        p99_ms=cuts[98],
        max_ms=max(samples_ms),
        target_p95_ms=target_p95_ms,
        target_p99_ms=target_p99_ms,
    )


def latency_table(rows: Sequence[LatencyRow], title: str) -> Table:
    result = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    result.add_column("action", no_wrap=True)
    for heading in ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "target"):
        result.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        result.add_row(
            row.action,
            f"{row.requests:,}",
            f"{row.per_second:,.0f}",
            f"{row.p50_ms:.1f}",
            f"{row.p95_ms:.1f}",
            f"{row.p99_ms:.1f}",
            f"{row.max_ms:.1f}",
            row.target,
        )
    return result


def server_timing(header: str) -> dict[str, float]:
    """``Server-Timing: handler;dur=6.1, app;dur=9.8`` → ``{"handler": 6.1, "app": 9.8}``
    (a name given twice adds up)."""
    spans: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "dur" and name:
                with contextlib.suppress(ValueError):
                    spans[name] = spans.get(name, 0.0) + float(value)
    return spans


def timing_table(
    per_action: Mapping[str, Sequence[Mapping[str, float]]], title: str, *, slowest: float = 0.0
) -> Table:
    """The median of each server-side span per action, in ms, from the answers' headers.

    With ``slowest`` (a share, such as 0.05), the mean of each span over that share of
    the answers that took the server longest: where a tail's time goes, which the medians
    cannot tell.
    """
    # Only the writes: a read's answer has no parts, its ``app`` is its latency above.
    parted = {action: answers for action, answers in per_action.items() if _parted(answers)}
    if slowest:
        parted = {action: _slowest(answers, slowest) for action, answers in parted.items()}
    names: list[str] = []
    for answers in parted.values():
        for spans in answers:
            names += [name for name in spans if name not in names]
    names.sort(key=lambda name: name == "app")  # the whole last
    result = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    statistic = statistics.fmean if slowest else statistics.median
    result.add_column(f"action ({'mean' if slowest else 'median'} ms)", no_wrap=True)
    for name in names:
        result.add_column(name, justify="right", no_wrap=True)
    for action, answers in parted.items():
        result.add_row(
            action, *(f"{statistic(s.get(name, 0.0) for s in answers):.1f}" for name in names)
        )
    return result


def _slowest(answers: Sequence[Mapping[str, float]], share: float) -> list[Mapping[str, float]]:
    ordered = sorted(answers, key=lambda spans: spans.get("app", 0.0), reverse=True)
    return ordered[: max(1, round(len(ordered) * share))]


def _parted(answers: Sequence[Mapping[str, float]]) -> bool:
    return any(len(spans) > 1 for spans in answers)
