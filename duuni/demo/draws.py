"""Weighted choices and working days: the small helpers every scenario draws its dates with.

Coaches work on weekdays, so every date the demo records is moved off weekends here, in
one place, and every choice comes from the one seeded generator the caller passes in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta


def pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    """One value of ``(value, weight)`` pairs, as often as its weight says."""
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def weekday(day: date) -> date:
    """The day itself, or the Monday after a weekend day."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def between(rng: random.Random, first: date, last: date) -> date:
    """Any day from ``first`` to ``last`` (``first`` when the range is empty)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def day_between(rng: random.Random, first: date, last: date) -> date:
    """A working day from ``first`` to ``last`` (the Friday before, if ``last`` is a weekend)."""
    day = weekday(between(rng, first, last))
    if day <= last:
        return day
    return last - timedelta(days=max(0, last.weekday() - 4))
