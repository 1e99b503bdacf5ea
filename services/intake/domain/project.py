"""The Project aggregate: one tenant of the deployment and the plan its funding fixes.

A project's code (the funder's case number, e.g. ``S21048``) is its id. Users belong to
projects; clients, sessions, companies and figures are always a project's own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from services.intake.domain.errors import DomainError
from services.intake.domain.events import (
    ProjectEvent,
    ProjectPlan,
    ProjectPlanChanged,
    ProjectRegistered,
)
from services.intake.domain.reasons import checked_reason, kept_reason_id

PROJECT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RegisterProject:
    project_id: str
    plan: ProjectPlan


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ChangeProjectPlan:
    project_id: str
    plan: ProjectPlan
    reason: str = ""
    reason_code: str = "other"
    reason_id: str | None = None
    """Where the handler keeps the words of ``reason``; the event names it, not the words."""


ProjectCommand = RegisterProject | ChangeProjectPlan


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Project:
    project_id: str
    plan: ProjectPlan


def check_plan(plan: ProjectPlan) -> None:
    """Refuse a plan that contradicts itself; each refusal names the field at fault."""
    if not plan.name.strip():
        raise DomainError("project_name_required")
    if not any(m.strip() for m in plan.municipalities):
        raise DomainError("project_municipality_required")
    if plan.ends_on < plan.starts_on:
        raise DomainError("project_ends_before_start")
    if plan.planned_participants < 0 or plan.planned_companies < 0:
        raise DomainError("negative_target")
    if plan.budget_cents is not None and plan.budget_cents < 0:
        raise DomainError("negative_budget")
    rule = plan.target_group
    if rule.min_age is not None and rule.max_age is not None and rule.min_age > rule.max_age:
        raise DomainError("age_bounds_reversed")
    if plan.funding:
        if any(share.percent < 0 for share in plan.funding):
            raise DomainError("negative_funding_share")
        if abs(sum(share.percent for share in plan.funding) - 100) > 0.01:
            raise DomainError("funding_shares_must_total_100")


def changed_fields(old: ProjectPlan, new: ProjectPlan) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in dataclasses.fields(ProjectPlan)
        if getattr(old, f.name) != getattr(new, f.name)
    )


def decide_project(state: Project | None, command: ProjectCommand) -> list[ProjectEvent]:
    match command:
        case RegisterProject():
            if state is not None:
                raise DomainError("project_exists")
            if not PROJECT_CODE.fullmatch(command.project_id):
                raise DomainError("invalid_project_code")
            check_plan(command.plan)
            return [ProjectRegistered(project_id=command.project_id, plan=command.plan)]
        case ChangeProjectPlan():
            if state is None:
                raise DomainError("project_not_found")
            words = checked_reason(command.reason_code, command.reason, "change_reason_required")
            check_plan(command.plan)
            changed = changed_fields(state.plan, command.plan)
            if not changed:
                return []
            return [
                ProjectPlanChanged(
                    project_id=command.project_id,
                    plan=command.plan,
                    changed_fields=changed,
                    reason_code=command.reason_code,
                    reason_id=kept_reason_id(command.reason_id, words),
                )
            ]


def evolve_project(state: Project | None, event: ProjectEvent) -> Project:
    return Project(project_id=event.project_id, plan=event.plan)


def rebuild_project(events: Iterable[ProjectEvent]) -> Project | None:
    state: Project | None = None
    for event in events:
        state = evolve_project(state, event)
    return state
