"""Geometry of the report page's charts, drawn by the template as inline SVG (no JS).

Pure layout: labelled numbers in, rows of text and rectangles out, so that the template
only draws. Every chart is a horizontal bar chart whose every bar carries its label and
its value as text (never colour alone), in a view box narrow enough to stay legible on a
phone (390 px) without scrolling; each chart also gets a table of the same numbers.

The participants chart shows the selected period only: how many began in each month of
it (quarters or years when the period is long), with the running total in its table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Final

from services.reporting.domain.figures import Period
from services.reporting.entrypoints.formats import Formats

WIDTH: Final = 360
"""Of the view box; drawn at most at ``MAX_WIDTH_REM`` and shrunk to fit a phone."""
MAX_WIDTH_REM: Final = 30
LINE: Final = 15
"""Height of one line of 12-pixel text."""
BAR: Final = 14
GAP: Final = 10
CHAR: Final = 6.8
"""Roughly how wide one character of 12-pixel sans-serif text is, to wrap long labels."""
MAX_BARS: Final = 24
"""More months than this are drawn as quarters, more quarters as years."""


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    """What one bar shows: its label, its value, the value as text, maybe a target mark."""

    label: str
    value: float
    text: str
    mark: float | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Bar:
    lines: tuple[str, ...]
    """The label, wrapped to the view box."""
    text: str
    y: int
    """Baseline of the label's first line; the value text shares it."""
    bar_y: int
    width: int
    mark_x: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class BarChart:
    bars: tuple[Bar, ...]
    height: int
    width: int = WIDTH
    bar_height: int = BAR
    max_width_rem: int = MAX_WIDTH_REM


def bar_chart(rows: Sequence[Row]) -> BarChart:
    """Each row as its label and value on one line (the label wrapped when long) and its
    bar beneath, scaled to the largest value or target mark."""
    top = max([max(r.value, r.mark or 0) for r in rows] + [1])
    bars: list[Bar] = []
    y = 0
    for row in rows:
        room = WIDTH - (len(row.text) + 2) * CHAR
        lines = wrap(row.label, room)
        baseline = y + LINE - 3
        bar_y = y + len(lines) * LINE + 2
        mark = None if row.mark is None else min(WIDTH - 2, round(WIDTH * row.mark / top))
        bars.append(Bar(lines, row.text, baseline, bar_y, round(WIDTH * row.value / top), mark))
        y = bar_y + BAR + GAP
    return BarChart(tuple(bars), max(y - GAP + 2, LINE))


def wrap(text: str, room: float) -> tuple[str, ...]:
    """``text`` in lines of at most ``room`` pixels, broken at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines[-1]) + 1 + len(word)) * CHAR <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


@dataclasses.dataclass(frozen=True, slots=True)
class Step:
    """One month (quarter, year) of the period: who began in it, and the total by its end."""

    label: str
    began: int
    total: int


@dataclasses.dataclass(frozen=True, slots=True)
class Steps:
    """The period in steps of one ``unit``: ``month``, ``quarter`` or ``year``."""

    unit: str
    steps: tuple[Step, ...]

    @property
    def began(self) -> int:
        return sum(step.began for step in self.steps)


def entries_by_step(series: Sequence[tuple[str, int]], period: Period, formats: Formats) -> Steps:
    """The period's months from the cumulative ``YYYY-MM`` series (by month of first
    entry), as months, or quarters or years when there would be more than ``MAX_BARS``.

    The series runs from the first entry to the period's end; months of the period before
    anyone entered are left out, and nothing is shown when nobody has entered yet.
    """
    if not series:
        return Steps("month", ())
    first, last = (_month_of(series[0][0]), _month_of(series[-1][0]))
    start, end = (period.start.year, period.start.month), (period.end.year, period.end.month)
    months = _months(max(first, start), min(last, end))
    if not months:
        return Steps("month", ())
    totals = [_total_by(series, _before(*months[0]))] + [_total_by(series, m) for m in months]
    steps = [(ym, totals[i + 1] - totals[i], totals[i + 1]) for i, ym in enumerate(months)]
    if len(steps) <= MAX_BARS:
        return Steps("month", tuple(Step(formats.month(*ym), b, t) for ym, b, t in steps))
    quarterly = len(steps) <= 3 * MAX_BARS
    grouped: dict[tuple[int, int], Step] = {}
    for (year, month), began, total in steps:
        key = (year, (month - 1) // 3 + 1 if quarterly else 0)
        label = formats.quarter(*key) if quarterly else str(year)
        earlier = grouped.get(key, Step(label, 0, 0))
        grouped[key] = Step(label, earlier.began + began, total)
    return Steps("quarter" if quarterly else "year", tuple(grouped.values()))


def _total_by(series: Sequence[tuple[str, int]], month: tuple[int, int]) -> int:
    """Participants entered by the end of ``month``: none before the series begins, its
    last total after it ends."""
    key = f"{month[0]:04d}-{month[1]:02d}"
    total = 0
    for when, running in series:
        if when > key:
            break
        total = running
    return total


def _month_of(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def _months(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = start
    while (year, month) <= end:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)
