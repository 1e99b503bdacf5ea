"""The page of an in-work coaching plan: joint goals in words, progress reviews and the work
demonstration, each a small form on one page; and the end of the plan on a page of its
own, which asks for the follow-on plan and a confirmation, since nothing can be added to
an ended plan (entrypoint layer). It is started from the client's plan (``plan_pages``)."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain import in_work
from services.coaching.domain.commands import ContinueInWorkCoaching
from services.coaching.domain.vocabulary import DemonstrationResult, FollowOn, GoalArea, Progress
from services.coaching.entrypoints import employer_labels
from services.coaching.entrypoints.page_forms import (
    chosen,
    for_writers,
    posted,
    required_date,
    viewed,
)
from services.coaching.entrypoints.page_rendering import FormProblem, Visit
from services.coaching.entrypoints.state import CSRF, State
from services.coaching.service_layer.employer_forms import links_of_plan
from services.coaching.service_layer.queries import in_work_view
from shared.ids import uuid7_str
from shared.web.forms import FormReader, read_form
from shared.web.principal import SignedIn

MAX_TEXT = 2000
"""The longest goal or follow-on plan in words (as the JSON API takes)."""


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


STEPS: dict[str, Callable[[FormReader], in_work.InWorkCommand]] = {
    "goal": _goal,
    "review": _review,
    "demonstration": _demonstration,
}
"""Each form on the plan's page, by its ``step``: how it becomes a command. Ending the plan
has a page of its own (``/end``)."""

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


def _words(form: FormReader, name: str) -> str:
    """Text in the coach's words; too long notes ``text_too_long``."""
    text = form.text(name)
    if len(text) > MAX_TEXT:
        form.errors.setdefault(name, "text_too_long")
    return text


def _plan_page(
    plan_id: str, visit: Visit, problem: FormProblem | None = None, template: str = "in_work"
) -> Response:
    view = in_work_view(visit.state.coaching, visit.project_id, plan_id, private=visit.can_write)
    names = {x.company_id: x for x in visit.state.companies.in_project(visit.project_id)}
    context = {
        "plan": view.plan,
        "goal_texts": view.goal_texts,
        "follow_on_text": view.follow_on_text,
        "company": names.get(view.plan.company_id),
        "employer_links": links_of_plan(visit.state.coaching, visit.project_id, plan_id)
        if visit.can_write and visit.state.coaching.links is not None
        else [],
        "employer_labels": employer_labels,
    }
    defaults = {"ended_on": visit.state.coaching.today().isoformat()}
    shown = [view.plan.client_id]
    return visit.show(f"coaching/{template}.html", context, problem, defaults, shown)


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
        text = _words(form, "text") if make is _goal else ""
        return ContinueInWorkCoaching(plan_id=plan_id, step=make(form), text=text)

    then = (f"/p/{project_id}/coaching/in-work/{plan_id}", "in_work")
    return await posted(state, request, project_id, build, partial(_plan_page, plan_id), then)


def _end_page(plan_id: str, visit: Visit, problem: FormProblem | None = None) -> Response:
    return _plan_page(plan_id, visit, problem, template="in_work_end")


@router.get("/in-work/{plan_id}/end")
def end_page(request: Request, project_id: str, plan_id: str, state: State) -> Response:
    """The confirmation step: what happens next, and a tick that the plan ends."""
    return for_writers(state, request, project_id, partial(_end_page, plan_id))


@router.post("/in-work/{plan_id}/end", dependencies=CSRF)
async def end(request: Request, project_id: str, plan_id: str, state: State) -> Response:
    """End the plan with its follow-on, once the coach has confirmed it."""

    def build(form: FormReader, _signed_in: SignedIn) -> ContinueInWorkCoaching:
        ending = in_work.EndInWorkCoaching(
            ended_on=required_date(form, "ended_on"),
            follow_on=chosen(form, "follow_on", FollowOn),
        )
        text = _words(form, "follow_on_text")
        if not form.flag("confirm"):
            form.errors.setdefault("confirm", "confirm_end")
        return ContinueInWorkCoaching(plan_id=plan_id, step=ending, text=text)

    then = (f"/p/{project_id}/coaching/in-work/{plan_id}", "in_work_ended")
    return await posted(state, request, project_id, build, partial(_end_page, plan_id), then)
