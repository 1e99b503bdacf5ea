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
    runs: int = 1
    """How many times the scenario ran; rates and seconds are then medians."""
    spread: float | None = None
    """(fastest − slowest) / median of our rates over the runs."""
    paired_ratio: float | None = None
    """The median of ours / the peer's, each run against the peer's run beside it."""
    floor_ratio: float | None = None
    """The median of ours / the floor's (bare sqlite3, no log code), run by run."""

    @property
    def ratio(self) -> float | None:
        """Ours over the peer's: above 1 means we are faster."""
        if self.paired_ratio is not None:
            return self.paired_ratio
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
    repeated = any(row.runs > 1 for row in rows)
    floors = any(row.floor_ratio is not None for row in rows)
    result.add_column("engine", no_wrap=True)
    result.add_column("scenario", no_wrap=True)
    headings = ["events", "seconds", "events/s"]
    headings += ["±"] if repeated else []
    headings += ["peer ev/s", "ratio"] + (["vs floor"] if floors else [])
    for heading in headings:
        result.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        cells = [row.engine, row.scenario, f"{row.events:,}", f"{row.seconds:.2f}",
                 f"{row.rate:,.0f}"]  # fmt: skip
        if repeated:
            cells.append("—" if row.spread is None else f"{row.spread:.0%}")
        cells.append("—" if row.peer_rate is None else f"{row.peer_rate:,.0f}")
        cells.append("—" if row.ratio is None else f"{row.ratio:.2f}×")
        if floors:
            cells.append("—" if row.floor_ratio is None else f"{row.floor_ratio:.2f}×")
        result.add_row(*cells)
    return result
