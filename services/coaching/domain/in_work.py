"""The in-work coaching aggregate (työssävalmennus): a plan of three parties (the client,
the employer company and the coach) with joint goals, progress reviews, a work
demonstration and, at its end, a follow-on plan (jatkopolutus).

One stream per plan. Once ended, the plan takes nothing more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from functools import reduce

from services.coaching.domain.clients import ClientStanding, require_active
from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import (
    InWorkCoachingEnded,
    InWorkCoachingStarted,
    InWorkEvent,
    InWorkGoalAgreed,
    InWorkProgressReviewed,
    WorkDemonstrationRecorded,
)
from services.coaching.domain.shapes import like
from services.coaching.domain.vocabulary import (
    DemonstrationResult,
    FollowOn,
    GoalArea,
    Progress,
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartInWorkCoaching:
    plan_id: str
    client_id: str
    company_id: str
    project_id: str
    coach_id: str
    started_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AgreeJointGoal:
    goal_id: str
    area: GoalArea
    target_date: date
    agreed_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReviewProgress:
    reviewed_on: date
    progress: Progress


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordWorkDemonstration:
    held_on: date
    result: DemonstrationResult


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EndInWorkCoaching:
    ended_on: date
    follow_on: FollowOn


InWorkCommand = (
    StartInWorkCoaching
    | AgreeJointGoal
    | ReviewProgress
    | RecordWorkDemonstration
    | EndInWorkCoaching
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class JointGoal:
    goal_id: str
    area: GoalArea
    target_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkPlan:
    plan_id: str
    client_id: str
    company_id: str
    project_id: str
    coach_id: str
    started_on: date
    goals: tuple[JointGoal, ...] = ()
    reviews: tuple[tuple[date, Progress], ...] = ()
    demonstration: tuple[date, DemonstrationResult] | None = None
    ended: tuple[date, FollowOn] | None = None


def decide(
    state: InWorkPlan | None, command: InWorkCommand, client: ClientStanding | None = None
) -> list[InWorkEvent]:
    """``client`` is the client's standing, needed to start a plan only."""
    if isinstance(command, StartInWorkCoaching):
        return _start(state, command, client)
    if state is None:
        raise DomainError("plan_not_found", "plan_id")
    if state.ended is not None:
        raise DomainError("plan_ended", "plan_id")
    on = _day_of(command)
    if on < state.started_on:
        raise DomainError("before_plan_started", _date_field(command))
    # Each step's event is the step as agreed, said of the plan, its client and project.
    event = {"plan_id": state.plan_id, "client_id": state.client_id,
             "project_id": state.project_id} | dataclasses.asdict(command)  # fmt: skip
    match command:
        case AgreeJointGoal():
            if any(g.goal_id == command.goal_id for g in state.goals):
                raise DomainError("goal_exists", "goal_id")
            if command.target_date < command.agreed_on:
                raise DomainError("target_before_start", "target_date")
            return [InWorkGoalAgreed(**event)]
        case ReviewProgress():
            return [InWorkProgressReviewed(**event)]
        case RecordWorkDemonstration():
            return [WorkDemonstrationRecorded(**event)]
        case EndInWorkCoaching():
            return [InWorkCoachingEnded(**event)]


def _day_of(
    command: AgreeJointGoal | ReviewProgress | RecordWorkDemonstration | EndInWorkCoaching,
) -> date:
    match command:
        case AgreeJointGoal():
            return command.agreed_on
        case ReviewProgress():
            return command.reviewed_on
        case RecordWorkDemonstration():
            return command.held_on
        case EndInWorkCoaching():
            return command.ended_on


def _date_field(command: object) -> str:
    names = {
        AgreeJointGoal: "agreed_on",
        ReviewProgress: "reviewed_on",
        RecordWorkDemonstration: "held_on",
        EndInWorkCoaching: "ended_on",
    }
    return names.get(type(command), "date")


def _start(
    state: InWorkPlan | None, command: StartInWorkCoaching, client: ClientStanding | None
) -> list[InWorkEvent]:
    if state is not None:
        raise DomainError("plan_exists", "plan_id")
    require_active(client, command.project_id)
    if not command.company_id.strip():
        raise DomainError("company_required", "company_id")
    return [like(InWorkCoachingStarted, command, company_id=command.company_id.strip())]


def evolve(state: InWorkPlan | None, event: InWorkEvent) -> InWorkPlan:
    if isinstance(event, InWorkCoachingStarted):
        return like(InWorkPlan, event)
    if state is None:
        raise ValueError(f"{type(event).__name__} before InWorkCoachingStarted")
    match event:
        case InWorkGoalAgreed():
            return dataclasses.replace(state, goals=(*state.goals, like(JointGoal, event)))
        case InWorkProgressReviewed():
            review = (event.reviewed_on, event.progress)
            return dataclasses.replace(state, reviews=(*state.reviews, review))
        case WorkDemonstrationRecorded():
            return dataclasses.replace(state, demonstration=(event.held_on, event.result))
        case InWorkCoachingEnded():
            return dataclasses.replace(state, ended=(event.ended_on, event.follow_on))


def rebuild(events: Iterable[InWorkEvent]) -> InWorkPlan | None:
    state: InWorkPlan | None = None
    return reduce(evolve, events, state)
