"""What the reporting routes share: the live store, the logs for as-of reports, periods."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import HTTPException, status

from services.reporting.adapters.sources import LogSource
from services.reporting.adapters.store import SqlFactStore
from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Figure, Period, Report, report
from services.reporting.service_layer.ports import LogSlice
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from services.reporting.service_layer.reports import end_of_day, project_facts, slices
from shared.runtime import ServiceRuntime


class Reports:
    """What the routes need: the live store, and the logs for as-of reports."""

    def __init__(self, runtime: ServiceRuntime, store: SqlFactStore) -> None:
        self.runtime = runtime
        self.store = store

    def sources(self) -> list[LogSource]:
        return [LogSource(self.runtime.upstream_log(name)) for name in SUBSCRIPTIONS]

    def facts(self, project_id: str, as_of: date | None) -> tuple[ProjectFacts, list[LogSlice]]:
        if as_of is None:
            return self.store.project_facts(project_id), []
        sources = self.sources()
        cut = slices(sources, recorded_by=end_of_day(as_of))
        return project_facts(sources, cut, project_id), cut

    def report(
        self, project_id: str, start: date | None, end: date | None, as_of: date | None
    ) -> tuple[Report, list[LogSlice]]:
        facts, cut = self.facts(project_id, as_of)
        return report(facts, period_of(start, end, as_of)), cut

    def events(self, figure: Figure) -> list[dict[str, Any]]:
        """The events behind a figure: log, position and id, in log order."""
        by_log: dict[str, list[int]] = {}
        for log, position in figure.events:
            by_log.setdefault(log, []).append(position)
        sources = {source.name: source for source in self.sources()}
        ids = {log: sources[log].event_ids(positions) for log, positions in by_log.items()}
        return [
            {"log": log, "position": position, "event_id": ids[log].get(position)}
            for log, position in figure.events
        ]


def period_of(start: date | None, end: date | None, as_of: date | None) -> Period:
    """Default: from 1 January of the end's year to the as-of date, else today."""
    last = end or as_of or date.today()
    first = start or date(last.year, 1, 1)
    if first > last:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, {"code": "start_after_end", "field": "start"}
        )
    return Period(first, last)
