"""Use cases over the figures: the live report, the as-of report and the replay.

An as-of report and an audit re-derivation never touch the live tables: they fold the
log prefixes they name, so a correction recorded later cannot change what they show.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from datetime import time as clock

from services.reporting.domain.figures import Period, Report, report
from services.reporting.domain.fold import Facts
from services.reporting.service_layer.ports import EventSource, FactStore, LogSlice
from services.reporting.service_layer.projection import SUBSCRIPTIONS, fold

Progress = Callable[[int], None]


def live_report(store: FactStore, project_id: str, period: Period) -> Report:
    return report(store.project_facts(project_id), period)


def end_of_day(day: date) -> str:
    """The last recorded_at of ``day`` (UTC) in the log's timestamp format."""
    moment = datetime.combine(day, clock.max, tzinfo=UTC)
    return moment.isoformat(timespec="microseconds")


def slices(
    sources: Sequence[EventSource],
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
    sources: Sequence[EventSource], cut: Sequence[LogSlice], progress: Progress | None = None
) -> Facts:
    facts = Facts()
    for source, part in zip(sources, cut, strict=True):
        fold(source.rows(part.last_position), facts, progress)
    return facts


def as_of_report(
    sources: Sequence[EventSource], project_id: str, period: Period, recorded_by: str
) -> tuple[Report, list[LogSlice]]:
    """The figures as they stood when the last event recorded by ``recorded_by`` was."""
    cut = slices(sources, recorded_by=recorded_by)
    facts = fold_slices(sources, cut)
    return report(facts.of_project(project_id), period), cut


@dataclasses.dataclass(frozen=True, slots=True)
class ReplayResult:
    events: int
    seconds: float
    slices: tuple[LogSlice, ...]
    facts: Facts
    """What was swapped in: the figures of every project can be derived from it at once."""

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def replay(
    sources: Sequence[EventSource], store: FactStore, progress: Progress | None = None
) -> ReplayResult:
    """Rebuild every fact table from position 0 aside, then swap it in with the checkpoints.

    The checkpoints move to the replayed positions in the swap's transaction, so the live
    subscriptions go on from exactly where the replay stopped.
    """
    started = time.perf_counter()
    cut = slices(sources)
    facts = fold_slices(sources, cut, progress)
    store.replace_all(
        facts, {(SUBSCRIPTIONS[part.source], part.source): part.last_position for part in cut}
    )
    seconds = time.perf_counter() - started
    events = sum(part.last_position for part in cut)
    return ReplayResult(events, seconds, tuple(cut), facts)
