"""A client's plan (goals and their reviews, pre-coaching) and in-work coaching (service layer)."""

from __future__ import annotations

import dataclasses

from services.coaching.domain import commands, in_work, plans
from services.coaching.domain.errors import DomainError
from services.coaching.domain.shapes import like
from services.coaching.service_layer.dependencies import (
    FOLLOW_ON_TEXT,
    GOAL_TEXT,
    IN_WORK_GOAL_TEXT,
    Coaching,
    Remark,
    settle,
    start,
    step,
)
from services.coaching.service_layer.streams import IN_WORK, PLANS, new_id
from shared.business_dates import PLANNED_AHEAD, DateRange
from shared.messagebus import Accepted, CommandContext


def _on_plan(
    c: Coaching,
    context: CommandContext,
    client_id: str,
    step: plans.PlanCommand,
    remark: Remark | None = None,
) -> Accepted:
    """A client's plan is begun by whichever of its commands comes first."""
    return settle(c, context, PLANS, client_id, plans.decide, step, client_id, remark)


def set_goal(c: Coaching, command: commands.SetGoal, context: CommandContext) -> Accepted:
    """Answers the new goal's id; its wording is saved with the goal, privately."""
    goal_id = new_id(context)
    plan = c.streams.load(PLANS, command.client_id).state
    if plan is not None and goal_id in plan.goals and plan.project_id == context.project_id:
        return Accepted(goal_id, duplicate=True)
    goal = like(
        plans.SetGoal, command, goal_id=goal_id, project_id=context.project_id, set_on=c.today()
    )
    wording = Remark(GOAL_TEXT, command.text, key=goal_id)
    accepted = _on_plan(c, context, command.client_id, goal, wording)
    return Accepted(goal_id, accepted.duplicate, accepted.recorded)


def review_goal(c: Coaching, command: commands.ReviewGoal, context: CommandContext) -> Accepted:
    review = like(plans.ReviewGoal, command, project_id=context.project_id, reviewed_on=c.today())
    return _on_plan(c, context, command.client_id, review)


def record_pre_coaching(
    c: Coaching, command: commands.RecordPreCoaching, context: CommandContext
) -> Accepted:
    DateRange.around(c.today()).check(command.completed_on, "completed_on")
    results = like(plans.RecordPreCoaching, command, project_id=context.project_id)
    return _on_plan(c, context, command.client_id, results)


# In-work coaching


def start_in_work_coaching(
    c: Coaching, command: commands.StartInWorkCoaching, context: CommandContext
) -> Accepted:
    """In-work coaching with an employer the project works with: a company of another
    project, or none at all, is refused at ``company_id``."""
    DateRange.around(c.today(), ahead=PLANNED_AHEAD).check(command.started_on, "started_on")
    company_id = command.company_id.strip()
    if company_id and not c.employers.known(context.project_id, company_id):
        raise DomainError("company_not_found", "company_id")

    def started(plan_id: str) -> in_work.StartInWorkCoaching:
        return like(
            in_work.StartInWorkCoaching,
            command,
            plan_id=plan_id,
            project_id=context.project_id,
            coach_id=command.coach_id or context.actor,
        )

    return start(c, context, IN_WORK, in_work.decide, started, command.client_id)


def continue_in_work_coaching(
    c: Coaching, command: commands.ContinueInWorkCoaching, context: CommandContext
) -> Accepted:
    """Agree a joint goal, review progress, record the demonstration or end the plan.

    A joint goal's wording and the follow-on plan in words are saved with their events,
    privately. A goal agreed on a form takes its id from the form's submission, so that
    sending the form twice agrees one goal."""
    target = (IN_WORK, command.plan_id, ("plan_not_found", "plan_id"))
    remark: Remark | None = None
    match command.step:
        case in_work.AgreeJointGoal() as goal:
            if context.submission_id:
                goal = dataclasses.replace(goal, goal_id=new_id(context))
                plan = c.streams.load(IN_WORK, command.plan_id).state
                if plan is not None and any(g.goal_id == goal.goal_id for g in plan.goals):
                    return Accepted(goal.goal_id, duplicate=True)
            remark = Remark(IN_WORK_GOAL_TEXT, command.text, key=goal.goal_id)
            accepted = step(c, context, target, in_work.decide, goal, remark=remark)
            return Accepted(goal.goal_id, accepted.duplicate, accepted.recorded)
        case in_work.EndInWorkCoaching():
            remark = Remark(FOLLOW_ON_TEXT, command.text, key=command.plan_id)
    return step(c, context, target, in_work.decide, command.step, remark=remark)
