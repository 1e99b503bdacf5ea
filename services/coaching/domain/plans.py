"""The client's Plan aggregate: goals agreed with the client and reviewed over time, and
the results of pre-coaching.

One stream per client. What a goal says in words is private text kept by the service
layer; the events carry its area, target date and review outcomes only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from functools import reduce

from services.coaching.domain.clients import ClientStanding, require_active, require_known
from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import (
    GoalReviewed,
    GoalSet,
    PlanEvent,
    PreCoachingCompleted,
)
from services.coaching.domain.shapes import like
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Level


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetGoal:
    goal_id: str
    client_id: str
    project_id: str
    area: GoalArea
    target_date: date
    set_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReviewGoal:
    goal_id: str
    client_id: str
    project_id: str
    reviewed_on: date
    outcome: GoalOutcome
    new_target_date: date | None = None
    """Only for a changed goal; it keeps its target date otherwise."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PreCoaching:
    """The results of pre-coaching (esivalmennus), as a coach records them and the plan
    keeps them: when it was done, whether skills were mapped and a CV made, and the
    client's motivation and need for support."""

    completed_on: date
    skills_mapped: bool
    motivation: Level
    support_need: Level
    cv_done: bool


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordPreCoaching(PreCoaching):
    client_id: str
    project_id: str


PlanCommand = SetGoal | ReviewGoal | RecordPreCoaching


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Review:
    reviewed_on: date
    outcome: GoalOutcome
    target_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Goal:
    goal_id: str
    area: GoalArea
    set_on: date
    target_date: date
    reviews: tuple[Review, ...] = ()

    @property
    def outcome(self) -> GoalOutcome:
        return self.reviews[-1].outcome if self.reviews else GoalOutcome.IN_PROGRESS

    @property
    def is_open(self) -> bool:
        return not self.outcome.closes_goal


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Plan:
    client_id: str
    project_id: str
    goals: Mapping[str, Goal] = dataclasses.field(default_factory=dict)
    pre_coaching: PreCoaching | None = None


def decide(
    state: Plan | None, command: PlanCommand, client: ClientStanding | None
) -> list[PlanEvent]:
    if state is not None and state.project_id != command.project_id:
        raise DomainError("client_not_found", "client_id")
    match command:
        case SetGoal():
            return _set_goal(state, command, client)
        case ReviewGoal():
            return _review(state, command, client)
        case RecordPreCoaching():
            return _pre_coaching(command, client)


def _set_goal(
    state: Plan | None, command: SetGoal, client: ClientStanding | None
) -> list[PlanEvent]:
    require_active(client, command.project_id)
    if state is not None and command.goal_id in state.goals:
        raise DomainError("goal_exists", "goal_id")
    if command.target_date < command.set_on:
        raise DomainError("target_before_start", "target_date")
    return [like(GoalSet, command)]


def _review(
    state: Plan | None, command: ReviewGoal, client: ClientStanding | None
) -> list[PlanEvent]:
    require_known(client, command.project_id)
    goal = state.goals.get(command.goal_id) if state is not None else None
    if goal is None:
        raise DomainError("goal_not_found", "goal_id")
    if not goal.is_open:
        raise DomainError("goal_closed", "goal_id")
    if command.reviewed_on < goal.set_on:
        raise DomainError("review_before_goal", "reviewed_on")
    changed = command.outcome is GoalOutcome.CHANGED
    if command.new_target_date is not None and not changed:
        raise DomainError("new_target_only_when_changed", "new_target_date")
    target = command.new_target_date or goal.target_date
    if target < goal.set_on:
        raise DomainError("target_before_start", "new_target_date")
    return [like(GoalReviewed, command, target_date=target)]


def _pre_coaching(command: RecordPreCoaching, client: ClientStanding | None) -> list[PlanEvent]:
    require_active(client, command.project_id)
    return [like(PreCoachingCompleted, command)]


def evolve(state: Plan | None, event: PlanEvent) -> Plan:
    plan = state or Plan(client_id=event.client_id, project_id=event.project_id)
    match event:
        case GoalSet():
            goal = like(Goal, event)
            return dataclasses.replace(plan, goals={**plan.goals, goal.goal_id: goal})
        case GoalReviewed():
            before = plan.goals[event.goal_id]
            review = like(Review, event)
            after = dataclasses.replace(
                before, target_date=event.target_date, reviews=(*before.reviews, review)
            )
            return dataclasses.replace(plan, goals={**plan.goals, after.goal_id: after})
        case PreCoachingCompleted():
            return dataclasses.replace(plan, pre_coaching=like(PreCoaching, event))


def rebuild(events: Iterable[PlanEvent]) -> Plan | None:
    state: Plan | None = None
    return reduce(evolve, events, state)
