"""``duuni bench replay`` on a small synthetic history: it runs and prints its table."""

from __future__ import annotations

import io

from rich.console import Console

from bench.replay import run_replay_benchmark


def test_the_replay_benchmark_replays_the_synthetic_history_and_prints_a_table() -> None:
    printed = io.StringIO()

    [row, floor] = run_replay_benchmark(
        events=8_000, engines=["sqlite"], console=Console(file=printed, width=120)
    )

    assert (row.engine, row.scenario) == ("sqlite", "replay all figures")
    assert row.events >= 8_000
    assert row.rate > 0
    assert "peak memory" in printed.getvalue()
    assert floor.scenario == "floor: bare read + decode"
    assert 0 < floor.events <= row.events  # the upstream logs, not reporting's own
    assert "the floor's CPU" in printed.getvalue()
