"""A client's plan (goals and their reviews, pre-coaching) and in-work coaching (service layer)."""

from __future__ import annotations

from services.coaching.domain import commands, in_work, plans
from services.coaching.domain.events import InWorkEvent
from services.coaching.service_layer.dependencies import GOAL_TEXT, Coaching, may_write
from services.coaching.service_layer.streams import (
    IN_WORK,
    PLANS,
    change,
    create,
    new_id,
)
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
    goal_id = new_id(context.submission_id)
    plan = c.streams.load(PLANS, command.client_id).state
    if plan is not None and goal_id in plan.goals and plan.project_id == context.project_id:
        return Accepted(goal_id, duplicate=True)
    goal = plans.SetGoal(
        goal_id=goal_id,
        client_id=command.client_id,
        project_id=context.project_id,
        area=command.area,
        target_date=command.target_date,
        set_on=c.today(),
    )
    accepted = _on_plan(c, context, command.client_id, goal)
    if command.text.strip():
        c.texts.write(
            GOAL_TEXT, goal_id, project_id=context.project_id, text=command.text,
            author=context.actor,
        )  # fmt: skip
    return Accepted(goal_id, accepted.duplicate, accepted.recorded)


def review_goal(c: Coaching, command: commands.ReviewGoal, context: CommandContext) -> Accepted:
    review = plans.ReviewGoal(
        goal_id=command.goal_id,
        client_id=command.client_id,
        project_id=context.project_id,
        reviewed_on=c.today(),
        outcome=command.outcome,
        new_target_date=command.new_target_date,
    )
    return _on_plan(c, context, command.client_id, review)


def record_pre_coaching(
    c: Coaching, command: commands.RecordPreCoaching, context: CommandContext
) -> Accepted:
    results = plans.RecordPreCoaching(
        client_id=command.client_id,
        project_id=context.project_id,
        completed_on=command.completed_on,
        skills_mapped=command.skills_mapped,
        motivation=command.motivation,
        support_need=command.support_need,
        cv_done=command.cv_done,
    )
    return _on_plan(c, context, command.client_id, results)


# In-work coaching


def start_in_work_coaching(
    c: Coaching, command: commands.StartInWorkCoaching, context: CommandContext
) -> Accepted:
    may_write(context)
    standing = c.clients.standing(command.client_id)

    def start(plan_id: str, state: in_work.InWorkPlan | None) -> list[InWorkEvent]:
        started = in_work.StartInWorkCoaching(
            plan_id=plan_id,
            client_id=command.client_id,
            company_id=command.company_id,
            project_id=context.project_id,
            coach_id=command.coach_id or context.actor,
            started_on=command.started_on,
        )
        return in_work.decide(state, started, standing)

    return create(c.streams, IN_WORK, context, start)


def continue_in_work_coaching(
    c: Coaching, command: commands.ContinueInWorkCoaching, context: CommandContext
) -> Accepted:
    """Agree a joint goal, review progress, record the demonstration or end the plan."""
    may_write(context)

    def decide(state: in_work.InWorkPlan) -> list[InWorkEvent]:
        return in_work.decide(state, command.step)

    missing = ("plan_not_found", "plan_id")
    return change(c.streams, IN_WORK, command.plan_id, context, decide, missing)
