"""Planned targets of a project, set by an administrator or project manager (domain).

Intake has no project registry events yet, so reporting records targets as its own
events (``reporting.target_set``) in its own log: they are folded, replayed, reproduced
as of a date and audited exactly like the upstream facts.
"""

from __future__ import annotations

from datetime import date

from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Period, report
from services.reporting.domain.upstream import TargetSet

MAX_PLANNED = 1_000_000


class TargetRefused(ValueError):
    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def figure_keys() -> tuple[str, ...]:
    """Every figure a target can be set for, in report order."""
    empty = report(ProjectFacts("-"), Period(date(2000, 1, 1), date(2000, 1, 1)))
    return tuple(f.key for f in empty.figures)


def decide_target(project_id: str, figure: str, planned: int) -> TargetSet:
    if figure not in figure_keys():
        raise TargetRefused("unknown_figure", "figure")
    if not 0 <= planned <= MAX_PLANNED:
        raise TargetRefused("invalid_planned", "planned")
    return TargetSet(project_id=project_id, figure=figure, planned=planned)
