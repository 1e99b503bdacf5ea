"""Pages of clients in coaching: sessions and hours per client, and a client's plan with
its goals and their reviews, pre-coaching results, groups, courses and sessions."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import (
    RecordPreCoaching,
    ReviewGoal,
    SetGoal,
    StartInWorkCoaching,
)
from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Level
from services.coaching.entrypoints.page_forms import Submission, chosen, required_date, submit
from services.coaching.entrypoints.page_rendering import FormProblem, back, show
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.queries import plan_of
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


@router.get("/clients")
def clients(request: Request, project_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    figures = {f.client_id: f for f in state.views.client_figures(project_id)}
    standings = state.coaching.clients.in_project(project_id)
    context = {"standings": standings, "figures": figures}
    return show(state, request, "coaching/clients.html", context, signed_in, project_id)


def _client_page(
    state: CoachingState,
    request: Request,
    project_id: str,
    client_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    try:
        view = plan_of(state.coaching, project_id, client_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    views = state.views
    figures = [f for f in views.client_figures(project_id) if f.client_id == client_id]
    private = signed_in.user.can_write_in(project_id)
    context = {
        "client_id": client_id,
        "standing": state.coaching.clients.standing(client_id),
        "plan": view.plan,
        "goal_texts": view.goal_texts if private else {},
        "figures": figures[0] if figures else None,
        "sessions": views.sessions_of(project_id, client_id),
        "programmes": views.programmes(project_id, client_id),
        "courses": views.courses_of(project_id, client_id),
        "in_work": views.in_work_of(project_id, client_id),
        "companies": state.companies.in_project(project_id),
        "values": problem.values if problem else {},
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/client.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/clients/{client_id}")
def client(request: Request, project_id: str, client_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _client_page(state, request, project_id, client_id, signed_in)


def _on_client(
    state: CoachingState,
    request: Request,
    project_id: str,
    client_id: str,
    sent: Submission | Response,
    done: str,
) -> Response:
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _client_page(state, request, project_id, client_id, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/clients/{client_id}", done)


@router.post("/clients/{client_id}/goals", dependencies=CSRF)
async def add_goal(request: Request, project_id: str, client_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> SetGoal:
        return SetGoal(
            client_id=client_id,
            area=chosen(form, "area", GoalArea),
            target_date=required_date(form, "target_date"),
            text=form.text("text"),
        )

    sent = await submit(state, request, project_id, build)
    return _on_client(state, request, project_id, client_id, sent, "goal")


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

    sent = await submit(state, request, project_id, build)
    return _on_client(state, request, project_id, client_id, sent, "reviewed")


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

    sent = await submit(state, request, project_id, build)
    return _on_client(state, request, project_id, client_id, sent, "pre_coaching")


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

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _client_page(state, request, project_id, client_id, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/in-work/{sent.outcome.id}", "in_work")
