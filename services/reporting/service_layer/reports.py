"""Use cases over the figures: the period asked for, the live report and the as-of report.

An as-of report and an audit re-derivation never touch the live tables: they fold the
log prefixes they name, so a correction recorded later cannot change what they show.
They read only the project asked for: a project's figures are a function of its own
events alone (every fact key begins with the event's project). The pages, the JSON API,
the command line (``duuni report``), the audit packs and the tests all reach the as-of
figures through ``as_of_facts`` and ``as_of_report`` here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from datetime import time as clock

from services.reporting.domain.errors import DomainError
from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Period, Report, report
from services.reporting.domain.fold import Facts
from services.reporting.service_layer.ports import FactStore, LogSlice, ReplaySource, Wanted


def period_of(start: date | None, end: date | None, as_of: date | None, *, today: date) -> Period:
    """The period asked for; by default from 1 January of the end's year to the end, the
    as-of date, or today. Refuses ``start_after_end``."""
    last = end or as_of or today
    first = start or date(last.year, 1, 1)
    if first > last:
        raise DomainError("start_after_end")
    return Period(first, last)


def live_report(store: FactStore, project_id: str, period: Period) -> Report:
    return report(store.project_facts(project_id), period)


def end_of_day(day: date) -> str:
    """The last recorded_at of ``day`` (UTC) in the log's timestamp format."""
    moment = datetime.combine(day, clock.max, tzinfo=UTC)
    return moment.isoformat(timespec="microseconds")


def slices(
    sources: Sequence[ReplaySource],
    *,
    recorded_by: str | None = None,
    upto: dict[str, int] | None = None,
) -> list[LogSlice]:
    """Where each log ends: now, at a recorded_at cutoff, or at given positions."""
    return [
        source.slice(recorded_by=recorded_by, upto=None if upto is None else upto[source.name])
        for source in sources
    ]


def fold_slices(
    sources: Sequence[ReplaySource],
    cut: Sequence[LogSlice],
    *,
    project: str | None = None,
) -> Facts:
    """The facts of the log prefixes ``cut``: of one project, or all."""
    facts = Facts()
    for source, part in zip(sources, cut, strict=True):
        facts.fold(source.rows(part.last_position, Wanted(project=project)), source.name)
    return facts


def project_facts(
    sources: Sequence[ReplaySource], cut: Sequence[LogSlice], project_id: str
) -> ProjectFacts:
    """One project's facts as of the log prefixes ``cut``."""
    return fold_slices(sources, cut, project=project_id).of_project(project_id)


def as_of_facts(
    sources: Sequence[ReplaySource], project_id: str, recorded_by: str | None = None
) -> tuple[ProjectFacts, list[LogSlice]]:
    """One project's facts from the events recorded by ``recorded_by`` (ISO time; ``None``:
    every event now in the logs), and where each log was cut."""
    cut = slices(sources, recorded_by=recorded_by)
    return project_facts(sources, cut, project_id), cut


def as_of_report(
    sources: Sequence[ReplaySource],
    project_id: str,
    period: Period,
    recorded_by: str | None = None,
) -> tuple[Report, list[LogSlice]]:
    """The figures as they stood when the last event recorded by ``recorded_by`` was
    (``None``: from every event now in the logs), and where each log was cut."""
    facts, cut = as_of_facts(sources, project_id, recorded_by)
    return report(facts, period), cut
