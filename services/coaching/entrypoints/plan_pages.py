"""Pages of clients in coaching: sessions and hours per client, and a client's plan with
its goals and their reviews, pre-coaching results, groups, courses and sessions."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import (
    RecordPreCoaching,
    ReviewGoal,
    SetGoal,
    StartInWorkCoaching,
)
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Level
from services.coaching.entrypoints.client_list import client_list
from services.coaching.entrypoints.day_views import client_day
from services.coaching.entrypoints.page_forms import Build, chosen, posted, required_date, viewed
from services.coaching.entrypoints.page_rendering import FormProblem, Visit
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.queries import plan_of
from shared.web.client_tabs import NOTES, PLAN, client_tabs
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


@router.get("/clients")
def clients(request: Request, project_id: str, state: State) -> Response:
    return viewed(state, request, project_id, _clients_page)


def _clients_page(visit: Visit, _problem: FormProblem | None = None) -> Response:
    return visit.show("coaching/clients.html", client_list(visit))


def _client_page(
    client_id: str, visit: Visit, problem: FormProblem | None = None, tab: str = PLAN
) -> Response:
    """The client's plan and sessions (``PLAN``), or the client's notes and tasks
    (``NOTES``): two tabs of the one client page intake's details and documents share."""
    state, project_id = visit.state, visit.project_id
    view = plan_of(state.coaching, project_id, client_id)
    views = state.views
    figures = [f for f in views.client_figures(project_id) if f.client_id == client_id]
    context = {
        "client_id": client_id,
        "standing": state.coaching.clients.standing(client_id),
        "plan": view.plan,
        "goal_texts": view.goal_texts if visit.can_write else {},
        "figures": figures[0] if figures else None,
        "sessions": views.sessions_of(project_id, client_id),
        "programmes": views.programmes(project_id, client_id),
        "courses": views.courses_of(project_id, client_id),
        "in_work": views.in_work_of(project_id, client_id),
        "companies": state.companies.in_project(project_id),
        **client_day(visit, client_id),
        "tab_shown": tab,
        "client_tabs": client_tabs(visit.signed_in.user, project_id, client_id, tab),
    }
    return visit.show("coaching/client.html", context, problem, shown=[client_id])


client_page = _client_page
"""The client's page, for the forms of other modules that post to it (tasks, notes)."""


@router.get("/clients/{client_id}")
def client(request: Request, project_id: str, client_id: str, state: State) -> Response:
    return viewed(state, request, project_id, partial(_client_page, client_id))


@router.get("/clients/{client_id}/notes")
def client_notes(request: Request, project_id: str, client_id: str, state: State) -> Response:
    """The client's "Notes and tasks" tab."""
    return viewed(state, request, project_id, partial(_client_page, client_id, tab=NOTES))


async def _on_client(
    state: CoachingState,
    request: Request,
    ids: tuple[str, str],
    build: Build,
    then: tuple[str | Callable[[str], str], str] | str,
) -> Response:
    """A form on the client's page: back to it with the notice ``then`` (or where ``then``
    says, with its notice); refused, the page again with its problems."""
    project_id, client_id = ids
    if isinstance(then, str):
        then = (f"/p/{project_id}/coaching/clients/{client_id}", then)
    return await posted(state, request, project_id, build, partial(_client_page, client_id), then)


@router.post("/clients/{client_id}/goals", dependencies=CSRF)
async def add_goal(request: Request, project_id: str, client_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> SetGoal:
        return SetGoal(
            client_id=client_id,
            area=chosen(form, "area", GoalArea),
            target_date=required_date(form, "target_date"),
            text=form.text("text"),
        )

    return await _on_client(state, request, (project_id, client_id), build, "goal")


@router.post("/clients/{client_id}/goals/{goal_id}/review", dependencies=CSRF)
async def review_goal(
    request: Request, project_id: str, client_id: str, goal_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> ReviewGoal:
        return ReviewGoal(
            client_id=client_id,
            goal_id=goal_id,
            outcome=chosen(form, "outcome", GoalOutcome),
            new_target_date=form.day("new_target_date"),
        )

    return await _on_client(state, request, (project_id, client_id), build, "reviewed")


@router.post("/clients/{client_id}/pre-coaching", dependencies=CSRF)
async def pre_coaching(request: Request, project_id: str, client_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> RecordPreCoaching:
        return RecordPreCoaching(
            client_id=client_id,
            completed_on=required_date(form, "completed_on"),
            skills_mapped=form.text("skills_mapped") == "yes",
            motivation=chosen(form, "motivation", Level),
            support_need=chosen(form, "support_need", Level),
            cv_done=form.text("cv_done") == "yes",
        )

    return await _on_client(state, request, (project_id, client_id), build, "pre_coaching")


@router.post("/clients/{client_id}/in-work", dependencies=CSRF)
async def start_in_work(
    request: Request, project_id: str, client_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> StartInWorkCoaching:
        return StartInWorkCoaching(
            client_id=client_id,
            company_id=form.text("company_id"),
            started_on=required_date(form, "started_on"),
        )

    then = (lambda plan_id: f"/p/{project_id}/coaching/in-work/{plan_id}", "in_work")
    return await _on_client(state, request, (project_id, client_id), build, then)
