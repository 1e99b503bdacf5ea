"""Geometry of the report page's charts, drawn by the template as inline SVG (no JS).

Pure layout: numbers in, rectangles and points out, so that the template only draws.
Each chart also has a table on the page with the same numbers for screen readers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

WIDTH = 760
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 340


@dataclasses.dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    y: int
    width: int
    second: float | None = None
    """A second value drawn as a marker on the same row (the target)."""
    second_x: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class BarChart:
    bars: tuple[Bar, ...]
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = WIDTH - LABEL_WIDTH - 60


def bar_chart(rows: Sequence[tuple[str, float, float | None]]) -> BarChart:
    """Horizontal bars, one per (label, value, optional target marker)."""
    plot = WIDTH - LABEL_WIDTH - 60
    top = max([max(v, t or 0) for _, v, t in rows] + [1])
    bars = tuple(
        Bar(
            label, value, i * (BAR_HEIGHT + GAP), round(plot * value / top), target,
            None if target is None else LABEL_WIDTH + round(plot * target / top),
        )
        for i, (label, value, target) in enumerate(rows)
    )  # fmt: skip
    return BarChart(bars, max(1, len(rows)) * (BAR_HEIGHT + GAP))


@dataclasses.dataclass(frozen=True, slots=True)
class Series:
    points: str
    """SVG polyline points."""
    ticks: tuple[tuple[int, str], ...]
    """(x, label) of the months named on the axis."""
    top: int
    height: int = 200
    width: int = WIDTH


def line_chart(series: Sequence[tuple[str, int]]) -> Series:
    """Cumulative participants by month as one polyline, with a label every few months."""
    height, left, bottom = 200, 40, 24
    top = max([value for _, value in series] + [1])
    step = (WIDTH - left - 40) / max(1, len(series) - 1)
    points = " ".join(
        f"{left + round(i * step)},{round(height - bottom - (height - bottom - 10) * v / top)}"
        for i, (_, v) in enumerate(series)
    )
    every = max(1, len(series) // 6)
    ticks = tuple((left + round(i * step), m) for i, (m, _) in enumerate(series) if i % every == 0)
    return Series(points, ticks, top)
