"""Planned targets of a project, set by an administrator or project manager (domain).

Intake has no project registry events yet, so reporting records targets as its own
events (``reporting.target_set``) in its own log, one stream per project: they are
folded, replayed, reproduced as of a date and audited exactly like the upstream facts.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from services.reporting.domain.errors import DomainError
from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Period, report
from services.reporting.domain.upstream import TargetSet

MAX_PLANNED = 1_000_000

Planned = dict[str, int]
"""A project's targets as its stream holds them: the planned value of each figure."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetTarget:
    """Plan ``planned`` for ``figure`` in ``project_id``; a later target replaces it."""

    project_id: str
    figure: str
    planned: int


def figure_keys() -> tuple[str, ...]:
    """Every figure a target can be set for, in report order."""
    empty = report(ProjectFacts("-"), Period(date(2000, 1, 1), date(2000, 1, 1)))
    return tuple(f.key for f in empty.figures)


def decide_target(command: SetTarget) -> list[TargetSet]:
    """Any known figure may be planned, from nothing up to ``MAX_PLANNED``."""
    if command.figure not in figure_keys():
        raise DomainError("unknown_figure")
    if not 0 <= command.planned <= MAX_PLANNED:
        raise DomainError("invalid_planned")
    return [TargetSet(project_id=command.project_id, figure=command.figure,
                      planned=command.planned)]  # fmt: skip


def evolve(planned: Planned | None, event: TargetSet) -> Planned:
    return {**(planned or {}), event.figure: event.planned}
