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


def test_the_day_pages_benchmark_answers_every_page_over_http() -> None:
    from bench.coaching_pages import run_day_pages_benchmark

    rows = run_day_pages_benchmark(
        clients=30, sessions=300, requests=2, console=Console(quiet=True)
    )
    assert [r.action for r in rows] == [
        "Today",
        "Calendar: my week",
        "Calendar: the project's week",
        "Client picker: my clients",
        "Client picker: a name searched",
    ]
    assert all(r.requests == 2 and r.p95_ms > 0 for r in rows)
