"""A client's plan (goals and their reviews, pre-coaching) and in-work coaching (service layer)."""

from __future__ import annotations

import dataclasses
from datetime import date

from services.coaching.domain import in_work, plans
from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Level
from services.coaching.service_layer.base import (
    GOAL_TEXT,
    IN_WORK,
    PLANS,
    Coaching,
    Done,
    in_project,
    new_id,
    resubmitted,
    run,
)


@dataclasses.dataclass(frozen=True, slots=True)
class PlanView:
    """A client's plan with the wording of its goals, for the coach's eyes only."""

    plan: plans.Plan | None
    goal_texts: dict[str, str]


def plan_of(c: Coaching, project_id: str, client_id: str) -> PlanView:
    standing = c.clients.standing(client_id)
    if standing is None or standing.project_id != project_id:
        raise DomainError("client_not_found", "client_id")
    plan = c.streams.load(PLANS, client_id).state
    goals = list(plan.goals) if plan else []
    return PlanView(plan, c.texts.read_many(GOAL_TEXT, goals, project_id=project_id))


def _on_plan(
    c: Coaching, project_id: str, client_id: str, actor: str, command: plans.PlanCommand
) -> Done:
    standing = c.clients.standing(client_id)
    return run(
        c, PLANS, client_id, project_id, actor, lambda state: plans.decide(state, command, standing)
    )


def set_goal(
    c: Coaching,
    *,
    project_id: str,
    client_id: str,
    area: GoalArea,
    target_date: date,
    text: str,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    goal_id = new_id(submission_id)
    plan = c.streams.load(PLANS, client_id).state
    if plan is not None and goal_id in plan.goals and plan.project_id == project_id:
        return Done(goal_id, duplicate=True)
    command = plans.SetGoal(
        goal_id=goal_id,
        client_id=client_id,
        project_id=project_id,
        area=area,
        target_date=target_date,
        set_on=c.today(),
    )
    _on_plan(c, project_id, client_id, actor, command)
    if text.strip():
        c.texts.write(GOAL_TEXT, goal_id, project_id=project_id, text=text, author=actor)
    return Done(goal_id, recorded=1)


def review_goal(
    c: Coaching,
    *,
    project_id: str,
    client_id: str,
    goal_id: str,
    outcome: GoalOutcome,
    new_target_date: date | None,
    actor: str,
) -> Done:
    command = plans.ReviewGoal(
        goal_id=goal_id,
        client_id=client_id,
        project_id=project_id,
        reviewed_on=c.today(),
        outcome=outcome,
        new_target_date=new_target_date,
    )
    return _on_plan(c, project_id, client_id, actor, command)


def record_pre_coaching(
    c: Coaching,
    *,
    project_id: str,
    client_id: str,
    completed_on: date,
    skills_mapped: bool,
    motivation: Level,
    support_need: Level,
    cv_done: bool,
    actor: str,
) -> Done:
    command = plans.RecordPreCoaching(
        client_id=client_id,
        project_id=project_id,
        completed_on=completed_on,
        skills_mapped=skills_mapped,
        motivation=motivation,
        support_need=support_need,
        cv_done=cv_done,
    )
    return _on_plan(c, project_id, client_id, actor, command)


# In-work coaching


def start_in_work_coaching(
    c: Coaching,
    *,
    project_id: str,
    client_id: str,
    company_id: str,
    coach_id: str,
    started_on: date,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    if done := resubmitted(c, IN_WORK, submission_id):
        return done
    plan_id = new_id(submission_id)
    command = in_work.StartInWorkCoaching(
        plan_id=plan_id,
        client_id=client_id,
        company_id=company_id,
        project_id=project_id,
        coach_id=coach_id,
        started_on=started_on,
    )
    standing = c.clients.standing(client_id)
    return run(
        c, IN_WORK, plan_id, project_id, actor,
        lambda state: in_work.decide(state, command, standing),
    )  # fmt: skip


def in_work_plan_of(c: Coaching, project_id: str, plan_id: str) -> in_work.InWorkPlan:
    return in_project(c.streams.load(IN_WORK, plan_id), project_id, "plan_not_found", "plan_id")


def continue_in_work_coaching(
    c: Coaching, *, project_id: str, plan_id: str, command: in_work.InWorkCommand, actor: str
) -> Done:
    """Agree a joint goal, review progress, record the demonstration or end the plan."""
    in_work_plan_of(c, project_id, plan_id)
    return run(c, IN_WORK, plan_id, project_id, actor, lambda state: in_work.decide(state, command))
