"""A client's plan (goals and their reviews, pre-coaching) and in-work coaching (service layer)."""

from __future__ import annotations

from services.coaching.domain import commands, in_work, plans
from services.coaching.domain.errors import DomainError
from services.coaching.domain.shapes import like
from services.coaching.service_layer.dependencies import (
    GOAL_TEXT,
    Coaching,
    may_write,
    start,
    step,
)
from services.coaching.service_layer.streams import IN_WORK, PLANS, new_id
from shared.messagebus import Accepted, CommandContext


def _on_plan(
    c: Coaching, context: CommandContext, client_id: str, step: plans.PlanCommand
) -> Accepted:
    may_write(context)
    standing = c.clients.standing(client_id)
    return c.streams.execute(
        PLANS, client_id, lambda state: plans.decide(state, step, standing), context
    )


def set_goal(c: Coaching, command: commands.SetGoal, context: CommandContext) -> Accepted:
    """Answers the new goal's id; its wording is written after the event, privately."""
    goal_id = new_id(context)
    plan = c.streams.load(PLANS, command.client_id).state
    if plan is not None and goal_id in plan.goals and plan.project_id == context.project_id:
        return Accepted(goal_id, duplicate=True)
    goal = like(
        plans.SetGoal, command, goal_id=goal_id, project_id=context.project_id, set_on=c.today()
    )
    accepted = _on_plan(c, context, command.client_id, goal)
    if command.text.strip():
        c.texts.write(
            GOAL_TEXT, goal_id, project_id=context.project_id, text=command.text,
            author=context.actor,
        )  # fmt: skip
    return Accepted(goal_id, accepted.duplicate, accepted.recorded)


def review_goal(c: Coaching, command: commands.ReviewGoal, context: CommandContext) -> Accepted:
    review = like(plans.ReviewGoal, command, project_id=context.project_id, reviewed_on=c.today())
    return _on_plan(c, context, command.client_id, review)


def record_pre_coaching(
    c: Coaching, command: commands.RecordPreCoaching, context: CommandContext
) -> Accepted:
    results = like(plans.RecordPreCoaching, command, project_id=context.project_id)
    return _on_plan(c, context, command.client_id, results)


# In-work coaching


def start_in_work_coaching(
    c: Coaching, command: commands.StartInWorkCoaching, context: CommandContext
) -> Accepted:
    """In-work coaching with an employer the project works with: a company of another
    project, or none at all, is refused at ``company_id``."""
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
    """Agree a joint goal, review progress, record the demonstration or end the plan."""
    target = (IN_WORK, command.plan_id, ("plan_not_found", "plan_id"))
    return step(c, context, target, in_work.decide, command.step)
