"""The sane range of a business date: when something happened, as a coach records it.

One exit typed as 31.12.9999 once broke a project's reports for good. Every date a
command carries about the real world (an entry, an exit, a session held, a placement
started) is therefore checked once, in the handler, against the project's start and the
coaches' calendar day; the refusal is a ``Refusal`` at the field like any other rule's.
"""

from __future__ import annotations

import dataclasses
from calendar import monthrange
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from shared.refusal import Refusal

HELSINKI = ZoneInfo("Europe/Helsinki")
BEFORE_PROJECT = timedelta(days=366)
"""How long before the project's start a fact may be dated (a client who entered while
the funding decision was pending)."""
AHEAD = timedelta(days=7)
"""What happened (an exit, a session held, a placement started) may be recorded a few
days ahead of the coaches' calendar day, not more."""
PLANNED_AHEAD = timedelta(days=92)
"""What is agreed ahead (an entry date, a booked session) may lie a quarter ahead."""

UPON_LEAVING = timedelta(days=28)
"""ESF's "upon leaving": within 28 days (4 weeks) of the exit. A placement may still start
then (the write side) and counts as a result on leaving then (reporting's rule 7): one
rule, decided here once."""


def upon_leaving_ends(exited_on: date) -> date:
    """The last day that still counts as "upon leaving" an exit on ``exited_on``.

    Never past ``date.max``: one mistyped exit in year 9999 must not break a project's
    reports (writes now refuse such dates, but history may hold them).
    """
    if exited_on > date.max - UPON_LEAVING:
        return date.max
    return exited_on + UPON_LEAVING


SIX_MONTHS = 6
"""ESF's longer-term results: the situation six calendar months after the exit (§6.4)."""


def six_months_after(exited_on: date) -> date:
    """The day the six-month follow-up of an exit on ``exited_on`` falls due: the same
    day six months on, or that month's last day (31.8. gives 28.2. or 29.2.)."""
    year, month = divmod(exited_on.year * 12 + exited_on.month - 1 + SIX_MONTHS, 12)
    if year > date.max.year:
        return date.max
    return date(year, month + 1, min(exited_on.day, monthrange(year, month + 1)[1]))


LONG_AGO = timedelta(days=3653)
"""Where a service does not know the project's start: ten years back is older than any
programme period's records."""

TOO_EARLY = "date_before_project"
TOO_LATE = "date_too_far_ahead"


def helsinki_today() -> date:
    """The coaches' calendar day."""
    return datetime.now(HELSINKI).date()


@dataclasses.dataclass(frozen=True, slots=True)
class DateRange:
    """The dates a project's facts may carry on a given day."""

    earliest: date
    latest: date

    @classmethod
    def of(cls, project_starts_on: date, today: date, *, ahead: timedelta = AHEAD) -> DateRange:
        return cls(project_starts_on - BEFORE_PROJECT, today + ahead)

    @classmethod
    def around(cls, today: date, *, ahead: timedelta = AHEAD) -> DateRange:
        """For a service that does not follow the projects' plans (coaching, matching)."""
        return cls(today - LONG_AGO, today + ahead)

    def check(self, day: date, field: str) -> None:
        """Refuse ``day`` at ``field`` when it falls outside the range."""
        if day < self.earliest:
            raise Refusal(TOO_EARLY, field, detail=f"{day} is before {self.earliest}")
        if day > self.latest:
            raise Refusal(TOO_LATE, field, detail=f"{day} is after {self.latest}")
