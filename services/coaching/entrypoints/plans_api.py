"""JSON API of a client's plan, pre-coaching and in-work coaching (entrypoint layer).

The plan is folded from the client's stream; the wording of goals is private text shown
to coaches and managers only. In-work coaching plans have three parties: the client, the
employer company (a matching company id) and the coach.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.coaching.domain import in_work
from services.coaching.domain.commands import (
    ContinueInWorkCoaching,
    RecordPreCoaching,
    ReviewGoal,
    SetGoal,
    StartInWorkCoaching,
)
from services.coaching.domain.vocabulary import (
    DemonstrationResult,
    FollowOn,
    GoalArea,
    GoalOutcome,
    Level,
    Progress,
)
from services.coaching.entrypoints.json_answers import (
    NOT_FOUND,
    JsonRoutes,
    fields,
    found,
    written,
)
from services.coaching.entrypoints.state import Member, State, Writer
from services.coaching.service_layer.queries import InWorkView, PlanView, in_work_view, plan_of
from shared.ids import uuid7_str
from shared.web.commands import AcceptedOut
from shared.web.principal import User


class GoalIn(BaseModel):
    area: GoalArea
    target_date: date
    text: str = Field(default="", max_length=2000)
    """The goal in words, as agreed with the client: private to coaching."""
    submission_id: str | None = Field(default=None, max_length=64)


class ReviewIn(BaseModel):
    outcome: GoalOutcome
    new_target_date: date | None = None


class PreCoachingIn(BaseModel):
    completed_on: date
    skills_mapped: bool
    motivation: Level
    support_need: Level
    cv_done: bool


class ReviewOut(BaseModel):
    reviewed_on: date
    outcome: str
    target_date: date


class GoalOut(BaseModel):
    goal_id: str
    area: str
    set_on: date
    target_date: date
    outcome: str
    open: bool
    text: str | None
    reviews: list[ReviewOut]


class PreCoachingOut(BaseModel):
    completed_on: date
    skills_mapped: bool
    motivation: str
    support_need: str
    cv_done: bool


class PlanOut(BaseModel):
    client_id: str
    goals: list[GoalOut]
    pre_coaching: PreCoachingOut | None


class InWorkIn(BaseModel):
    client_id: str = Field(max_length=36)
    company_id: str = Field(min_length=1, max_length=36)
    started_on: date
    coach_id: str | None = Field(default=None, max_length=36)
    submission_id: str | None = Field(default=None, max_length=64)


class JointGoalIn(BaseModel):
    area: GoalArea
    target_date: date
    agreed_on: date
    text: str = Field(default="", max_length=2000)
    """The goal in words, as the three agreed it: private to coaching."""
    submission_id: str | None = Field(default=None, max_length=64)
    """The form's id: sending the same goal twice agrees one."""


class ProgressIn(BaseModel):
    reviewed_on: date
    progress: Progress


class DemonstrationIn(BaseModel):
    held_on: date
    result: DemonstrationResult


class EndIn(BaseModel):
    ended_on: date
    follow_on: FollowOn
    follow_on_text: str = Field(default="", max_length=2000)
    """What happens next, in words: private to coaching."""


class InWorkOut(BaseModel):
    plan_id: str
    client_id: str
    company_id: str
    coach_id: str
    started_on: date
    goals: list[dict[str, str]]
    reviews: list[dict[str, str]]
    demonstration: dict[str, str] | None
    ended: dict[str, str] | None

    follow_on_text: str | None = None
    """The follow-on plan in words, for coaches and managers only."""

    @classmethod
    def of(cls, view: InWorkView) -> "InWorkOut":
        """The plan; a goal's ``text`` and the follow-on plan's only where the view has
        them (for those who may see private text)."""
        p, demo = view.plan, view.plan.demonstration
        return cls(
            plan_id=p.plan_id,
            client_id=p.client_id,
            company_id=p.company_id,
            coach_id=p.coach_id,
            started_on=p.started_on,
            goals=[
                {
                    "goal_id": g.goal_id,
                    "area": g.area.value,
                    "target_date": g.target_date.isoformat(),
                }
                | ({"text": view.goal_texts[g.goal_id]} if g.goal_id in view.goal_texts else {})
                for g in p.goals
            ],
            reviews=[{"reviewed_on": d.isoformat(), "progress": pr.value} for d, pr in p.reviews],
            demonstration=(
                {"held_on": demo[0].isoformat(), "result": demo[1].value} if demo else None
            ),
            ended=(
                {"ended_on": p.ended[0].isoformat(), "follow_on": p.ended[1].value}
                if p.ended
                else None
            ),
            follow_on_text=view.follow_on_text,
        )


def plan_out(view: PlanView, client_id: str, show_text: bool) -> PlanOut:
    plan = view.plan
    goals = [
        GoalOut(
            goal_id=g.goal_id,
            area=g.area.value,
            set_on=g.set_on,
            target_date=g.target_date,
            outcome=g.outcome.value,
            open=g.is_open,
            text=view.goal_texts.get(g.goal_id) if show_text else None,
            reviews=[
                ReviewOut(
                    reviewed_on=r.reviewed_on, outcome=r.outcome.value, target_date=r.target_date
                )
                for r in g.reviews
            ],
        )
        for g in (plan.goals.values() if plan else [])
    ]
    pre = plan.pre_coaching if plan else None
    return PlanOut(
        client_id=client_id,
        goals=goals,
        pre_coaching=(
            PreCoachingOut(
                completed_on=pre.completed_on,
                skills_mapped=pre.skills_mapped,
                motivation=pre.motivation.value,
                support_need=pre.support_need.value,
                cv_done=pre.cv_done,
            )
            if pre
            else None
        ),
    )


router = APIRouter(prefix="/api/coaching/projects/{project_id}", tags=["coaching: plans"])
routes = JsonRoutes(router)


@routes.one(
    "/clients/{client_id}/plan",
    "A client's plan: goals with their reviews, and pre-coaching results",
)
def get_plan(project_id: str, client_id: str, user: Member, state: State) -> PlanOut:
    missing = NOT_FOUND | {"client_not_found"}
    view = found(lambda: plan_of(state.coaching, project_id, client_id), missing)
    return plan_out(view, client_id, show_text=user.can_write_in(project_id))


@routes.create("/clients/{client_id}/plan/goals", "Agree a goal with the client")
async def set_goal(
    project_id: str, client_id: str, body: GoalIn, user: Writer, state: State
) -> AcceptedOut:
    command = SetGoal(client_id=client_id, **fields(body))
    return await written(state, command, user, project_id, body.submission_id)


@routes.post(
    "/clients/{client_id}/plan/goals/{goal_id}/reviews",
    "Review a goal: achieved, changed (maybe a new target date), dropped, going on",
)
async def review_goal(
    project_id: str, client_id: str, goal_id: str, body: ReviewIn, user: Writer, state: State
) -> AcceptedOut:
    command = ReviewGoal(client_id=client_id, goal_id=goal_id, **fields(body))
    return await written(state, command, user, project_id)


@routes.post(
    "/clients/{client_id}/pre-coaching",
    "Record pre-coaching results: skills mapped, motivation, support need, CV",
)
async def pre_coaching(
    project_id: str, client_id: str, body: PreCoachingIn, user: Writer, state: State
) -> AcceptedOut:
    command = RecordPreCoaching(client_id=client_id, **fields(body))
    return await written(state, command, user, project_id)


@routes.create(
    "/in-work-plans", "Start in-work coaching: the client, the employer company and the coach"
)
async def start_in_work(project_id: str, body: InWorkIn, user: Writer, state: State) -> AcceptedOut:
    command = StartInWorkCoaching(**fields(body))
    return await written(state, command, user, project_id, body.submission_id)


@routes.one(
    "/in-work-plans/{plan_id}", "An in-work coaching plan; its words only for coaches and managers"
)
def get_in_work(project_id: str, plan_id: str, user: Member, state: State) -> InWorkOut:
    private = user.can_write_in(project_id)
    return InWorkOut.of(
        found(lambda: in_work_view(state.coaching, project_id, plan_id, private=private))
    )


async def _step(
    state: State,
    project_id: str,
    plan_id: str,
    step: in_work.InWorkCommand,
    user: User,
    text: str = "",
    submission_id: str | None = None,
) -> AcceptedOut:
    command = ContinueInWorkCoaching(plan_id=plan_id, step=step, text=text)
    return await written(state, command, user, project_id, submission_id)


@routes.post("/in-work-plans/{plan_id}/goals", "Agree a joint goal of client, employer and coach")
async def agree_goal(
    project_id: str, plan_id: str, body: JointGoalIn, user: Writer, state: State
) -> AcceptedOut:
    step = in_work.AgreeJointGoal(goal_id=uuid7_str(), **fields(body, "text"))
    return await _step(state, project_id, plan_id, step, user, body.text, body.submission_id)


@routes.post("/in-work-plans/{plan_id}/reviews", "Review the progress of in-work coaching")
async def review_progress(
    project_id: str, plan_id: str, body: ProgressIn, user: Writer, state: State
) -> AcceptedOut:
    step = in_work.ReviewProgress(**fields(body))
    return await _step(state, project_id, plan_id, step, user)


@routes.post(
    "/in-work-plans/{plan_id}/demonstration", "Record the work demonstration and its result"
)
async def demonstration(
    project_id: str, plan_id: str, body: DemonstrationIn, user: Writer, state: State
) -> AcceptedOut:
    step = in_work.RecordWorkDemonstration(**fields(body))
    return await _step(state, project_id, plan_id, step, user)


@routes.post("/in-work-plans/{plan_id}/end", "End in-work coaching with its follow-on plan")
async def end(
    project_id: str, plan_id: str, body: EndIn, user: Writer, state: State
) -> AcceptedOut:
    step = in_work.EndInWorkCoaching(**fields(body, "follow_on_text"))
    return await _step(state, project_id, plan_id, step, user, body.follow_on_text)
