"""The coach's-day benchmark runs on a tiny project and prints its rows (timings are for
the benchmark to print, never for a test to assert)."""

from __future__ import annotations

from rich.console import Console

from bench.coaching_day import run


def test_the_coach_day_benchmark_measures_today_and_the_week() -> None:
    rows = run(clients=200, sessions=2_000, requests=3, console=Console(quiet=True))
    assert [r.action for r in rows] == [
        "Today: my sessions this week",
        "Today: my open tasks",
        "Today: my clients, last contact",
        "Today: all of the page's queries",
        "Calendar: my week",
        "Calendar: the project's week",
    ]
    assert all(r.requests == 3 for r in rows)
