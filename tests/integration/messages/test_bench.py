"""A tiny run of the message outbox benchmark sends every message and prints its floor."""

from __future__ import annotations

import io

from rich.console import Console

from bench.messages import run_messages_benchmark


def test_a_tiny_messages_run_sends_every_message_and_measures_the_floor() -> None:
    out = io.StringIO()
    ours, floor = run_messages_benchmark(12, 2, console=Console(file=out, width=120))
    assert ours.messages == floor.messages == 12
    assert ours.rate > 0 and floor.rate > 0
    assert ours.floor_ratio is not None and floor.floor_ratio is None
    assert "median of 2" in out.getvalue() and "bare smtplib" in out.getvalue()
