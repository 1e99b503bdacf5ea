"""A replay's progress on the terminal: one bar over every log, the rate, what the shares do.

The bar is redrawn by whoever reports progress, not by a thread of its own, so that a
replay may fork its shares while the bar is up (forking copies no other thread).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from services.reporting.service_layer.ports import LogSlice


class ReplayBar:
    """``ReplayProgress`` as a rich bar: positions read over all logs, averaged over shares."""

    def __init__(self, console: Console) -> None:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]} events/s"), TimeElapsedColumn())  # fmt: skip
        self.progress = Progress(*columns, console=console, transient=True, auto_refresh=False)
        self.drawn_at = 0.0
        self.task: TaskID | None = None
        self.shares = 1
        self.positions: dict[tuple[int, str], int] = {}
        self.phases: dict[int, str] = {}

    def __enter__(self) -> ReplayBar:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def started(self, cut: Sequence[LogSlice], shares: int) -> None:
        self.shares = shares
        total = sum(part.last_position for part in cut) or 1
        self.task = self.progress.add_task("replaying", total=total, rate="…")

    def reached(self, share: int, log: str, position: int) -> None:
        self.positions[(share, log)] = position
        if self.task is None:
            return
        done = sum(self.positions.values()) / self.shares
        self.progress.update(self.task, completed=done)
        elapsed = self.progress.tasks[0].elapsed or 0
        if elapsed:
            self.progress.update(self.task, rate=f"{done / elapsed:,.0f}")
        self._draw()

    def phase(self, share: int, phase: str) -> None:
        self.phases[share] = phase
        if self.task is not None:
            now = sorted(set(self.phases.values()))
            self.progress.update(self.task, description="replaying: " + ", ".join(now))
        self._draw(now=True)

    def _draw(self, now: bool = False) -> None:
        moment = time.monotonic()
        if now or moment - self.drawn_at > 0.1:
            self.drawn_at = moment
            self.progress.refresh()
