"""``duuni bench matching`` runs end to end on a small population (a functional check only:
how fast is the benchmark's own business, never the test suite's)."""

from __future__ import annotations

import io

from rich.console import Console

from bench.matching import run_matching_benchmark


def test_a_small_run_prints_every_row_with_positive_rates() -> None:
    out = io.StringIO()

    rows = run_matching_benchmark(clients=300, repeats=3, console=Console(file=out, width=120))

    assert [row.events for row in rows] == [300] * 4
    assert all(row.seconds > 0 and row.rate > 0 for row in rows)
    assert rows[0].seconds <= rows[1].seconds  # the median is not above the p95
    assert [row.scenario.split(" ")[0] for row in rows] == ["median", "p95", "read", "read"]
    assert "Ranking 300 clients" in out.getvalue()
