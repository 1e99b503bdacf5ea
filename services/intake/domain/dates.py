"""Calendar arithmetic the intake rules share (ages, unemployment durations)."""

from __future__ import annotations

from datetime import date


def full_years_between(start: date, end: date) -> int:
    """Completed years from ``start`` to ``end``; a 29 February start completes on 1 March."""
    if end < start:
        raise ValueError(f"{end} is before {start}")
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years
