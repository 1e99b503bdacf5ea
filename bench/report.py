"""The benchmark's result rows and the table they print as."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rich import box
from rich.table import Table


@dataclasses.dataclass(frozen=True, slots=True)
class BenchRow:
    """One scenario on one engine: our figures and, where measured, the peer's."""

    engine: str
    scenario: str
    events: int
    seconds: float
    rate: float
    """Events per second."""
    peer_rate: float | None = None
    """The eventsourcing library's events per second in the same scenario and run."""

    @property
    def ratio(self) -> float | None:
        """Ours over the peer's: above 1 means we are faster."""
        return self.rate / self.peer_rate if self.peer_rate else None


def table(rows: Sequence[BenchRow], title: str) -> Table:
    # Narrow enough for 80 columns, the width of a pipe or a file.
    result = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=0,
    )
    result.add_column("engine", no_wrap=True)
    result.add_column("scenario", no_wrap=True)
    for heading in ("events", "seconds", "events/s", "peer ev/s", "ratio"):
        result.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        result.add_row(
            row.engine,
            row.scenario,
            f"{row.events:,}",
            f"{row.seconds:.2f}",
            f"{row.rate:,.0f}",
            "—" if row.peer_rate is None else f"{row.peer_rate:,.0f}",
            "—" if row.ratio is None else f"{row.ratio:.2f}×",
        )
    return result
