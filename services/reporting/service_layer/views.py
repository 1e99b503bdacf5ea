"""What the pages and the JSON API read (service layer): the live figures, or the figures
as they stood at the end of a day, and the events behind a figure.

``bootstrap`` builds one ``ReportViews`` over the live fact tables and the logs of record;
the as-of figures come from ``reports.as_of_facts`` and ``reports.as_of_report``, the same
functions the command line, the audit packs and the tests call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date

from services.reporting.domain.facts import ProjectFacts, Target
from services.reporting.domain.figures import Figure, Period, Report
from services.reporting.service_layer.ports import EventSource, FactStore, LogSlice
from services.reporting.service_layer.reports import (
    as_of_facts,
    as_of_report,
    end_of_day,
    live_report,
    period_of,
)


@dataclasses.dataclass(frozen=True, slots=True)
class FigureEvent:
    """One event a figure counts: where it is in which log, and its id there."""

    log: str
    position: int
    event_id: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class ReportViews:
    store: FactStore
    """The live fact tables, which the subscriptions keep up to date."""
    sources: Callable[[], Sequence[EventSource]]
    """The logs of record, opened anew for each as-of question."""
    today: Callable[[], date] = date.today

    def period(self, start: date | None, end: date | None, as_of: date | None) -> Period:
        """The period asked for (``DomainError`` ``start_after_end`` when it is upside down)."""
        return period_of(start, end, as_of, today=self.today())

    def facts(self, project_id: str, as_of: date | None) -> tuple[ProjectFacts, list[LogSlice]]:
        """Live, or from the events recorded by the end of ``as_of`` (UTC) with the cut."""
        if as_of is None:
            return self.store.project_facts(project_id), []
        return as_of_facts(self.sources(), project_id, end_of_day(as_of))

    def report(
        self, project_id: str, period: Period, as_of: date | None
    ) -> tuple[Report, list[LogSlice]]:
        """Live, or from the events recorded by the end of ``as_of`` (UTC) with the cut."""
        if as_of is None:
            return live_report(self.store, project_id, period), []
        return as_of_report(self.sources(), project_id, period, end_of_day(as_of))

    def targets(self, project_id: str) -> tuple[Target, ...]:
        """The targets set for the project, as the live tables hold them."""
        return tuple(self.store.project_facts(project_id).targets)

    def events(self, figure: Figure) -> list[FigureEvent]:
        """The events behind a figure: log, position and id, in log order."""
        by_log: dict[str, list[int]] = {}
        for log, position in figure.events:
            by_log.setdefault(log, []).append(position)
        sources = {source.name: source for source in self.sources()}
        ids = {log: sources[log].event_ids(positions) for log, positions in by_log.items()}
        return [
            FigureEvent(log, position, ids[log].get(position)) for log, position in figure.events
        ]
