"""The final report as of now or an earlier day (service layer).

The final report is folded from the logs themselves, never from the live tables: the
heads it prints are then exactly the events its numbers rest on, and an auditor can
re-derive it from those heads (``duuni audit``). Its default period is the project's
run so far: from the earliest date in its records to today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.reporting.domain.errors import DomainError
from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Period
from services.reporting.domain.final_report import FinalReport, final_report
from services.reporting.service_layer.ports import LogSlice, ReplaySource
from services.reporting.service_layer.reports import as_of_facts, end_of_day


def first_day(facts: ProjectFacts) -> date | None:
    """The earliest date the project's records begin on: an entry, a service, a cost."""
    days = [p.entered_on for p in facts.participants]
    days += [s.started_on for s in facts.services if s.started_on is not None]
    days += [c.period_start for c in facts.costs]
    return min(days, default=None)


def final_report_of(
    sources: Sequence[ReplaySource],
    project_id: str,
    *,
    start: date | None,
    end: date | None,
    as_of: date | None,
    today: date,
) -> tuple[FinalReport, list[LogSlice]]:
    """The final report of the period asked for, from the events recorded by the end of
    ``as_of`` (``None``: every event now in the logs), and where each log was cut.
    Refuses ``start_after_end``."""
    facts, cut = as_of_facts(sources, project_id, None if as_of is None else end_of_day(as_of))
    last = end or as_of or today
    first = start or first_day(facts) or date(last.year, 1, 1)
    if first > last:
        if start is not None:
            raise DomainError("start_after_end")
        first = date(last.year, 1, 1)
    return final_report(facts, Period(first, last)), cut
