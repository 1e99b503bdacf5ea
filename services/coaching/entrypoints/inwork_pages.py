"""The page of an in-work coaching plan: joint goals, progress reviews, the work
demonstration and the follow-on plan at its end, each a small form on one page
(entrypoint layer). It is started from the client's plan (``plan_pages``)."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain import in_work
from services.coaching.domain.commands import ContinueInWorkCoaching
from services.coaching.domain.vocabulary import DemonstrationResult, FollowOn, GoalArea, Progress
from services.coaching.entrypoints.page_forms import chosen, posted, required_date, viewed
from services.coaching.entrypoints.page_rendering import FormProblem, Visit
from services.coaching.entrypoints.state import CSRF, State
from services.coaching.service_layer.queries import in_work_plan_of
from shared.ids import uuid7_str
from shared.web.forms import FormReader, read_form
from shared.web.principal import SignedIn


def _goal(form: FormReader) -> in_work.InWorkCommand:
    return in_work.AgreeJointGoal(
        goal_id=uuid7_str(),
        area=chosen(form, "area", GoalArea),
        target_date=required_date(form, "target_date"),
        agreed_on=required_date(form, "agreed_on"),
    )


def _review(form: FormReader) -> in_work.InWorkCommand:
    return in_work.ReviewProgress(
        reviewed_on=required_date(form, "reviewed_on"),
        progress=chosen(form, "progress", Progress),
    )


def _demonstration(form: FormReader) -> in_work.InWorkCommand:
    return in_work.RecordWorkDemonstration(
        held_on=required_date(form, "held_on"),
        result=chosen(form, "result", DemonstrationResult),
    )


def _end(form: FormReader) -> in_work.InWorkCommand:
    return in_work.EndInWorkCoaching(
        ended_on=required_date(form, "ended_on"),
        follow_on=chosen(form, "follow_on", FollowOn),
    )


STEPS: dict[str, Callable[[FormReader], in_work.InWorkCommand]] = {
    "goal": _goal,
    "review": _review,
    "demonstration": _demonstration,
    "end": _end,
}
"""Each form on the plan's page, by its ``step``: how it becomes a command."""

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


def _plan_page(plan_id: str, visit: Visit, problem: FormProblem | None = None) -> Response:
    plan = in_work_plan_of(visit.state.coaching, visit.project_id, plan_id)
    names = {x.company_id: x for x in visit.state.companies.in_project(visit.project_id)}
    context = {"plan": plan, "company": names.get(plan.company_id)}
    return visit.show("coaching/in_work.html", context, problem)


@router.get("/in-work/{plan_id}")
def plan(request: Request, project_id: str, plan_id: str, state: State) -> Response:
    return viewed(state, request, project_id, partial(_plan_page, plan_id))


@router.post("/in-work/{plan_id}", dependencies=CSRF)
async def step(request: Request, project_id: str, plan_id: str, state: State) -> Response:
    signed_in = state.guards.writer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    make = STEPS.get((await read_form(request)).text("step"))
    if make is None:
        return state.pages.not_found(request, signed_in)

    def build(form: FormReader, _signed_in: SignedIn) -> ContinueInWorkCoaching:
        return ContinueInWorkCoaching(plan_id=plan_id, step=make(form))

    then = (f"/p/{project_id}/coaching/in-work/{plan_id}", "in_work")
    return await posted(state, request, project_id, build, partial(_plan_page, plan_id), then)
