"""Pages of clients in coaching: sessions and hours per client, and a client's plan with
its goals and their reviews, pre-coaching results, groups, courses and sessions."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Level
from services.coaching.entrypoints.forms import (
    Refused,
    field_choice,
    field_date,
    field_optional_date,
    field_text,
)
from services.coaching.entrypoints.kit import PageKit
from services.coaching.service_layer import handlers as h
from shared.web.principal import SignedIn


def plan_pages(kit: PageKit) -> APIRouter:
    api = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)
    w, c = kit.wiring, kit.wiring.coaching
    pages = kit.pages
    csrf = [Depends(w.auth.verify_csrf)]

    # Clients and their plans

    @api.get("/clients")
    def clients(request: Request, project_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        figures = {f.client_id: f for f in w.views.client_figures(project_id)}
        standings = c.clients.in_project(project_id)
        context = {"standings": standings, "figures": figures}
        return kit.show(request, "coaching/clients.html", context, signed_in, project_id)

    def client_page(
        request: Request,
        project_id: str,
        client_id: str,
        signed_in: SignedIn,
        problem: Refused | None = None,
    ) -> Response:
        try:
            view = h.plan_of(c, project_id, client_id)
        except DomainError:
            return pages.not_found(request, signed_in)
        figures = next(
            (f for f in w.views.client_figures(project_id) if f.client_id == client_id), None
        )
        private = signed_in.user.can_write_in(project_id)
        context = {
            "client_id": client_id,
            "standing": c.clients.standing(client_id),
            "plan": view.plan,
            "goal_texts": view.goal_texts if private else {},
            "figures": figures,
            "sessions": w.views.sessions_of(project_id, client_id),
            "programmes": w.views.programmes(project_id, client_id),
            "courses": w.views.courses_of(project_id, client_id),
            "in_work": w.views.in_work_of(project_id, client_id),
            "companies": w.companies.in_project(project_id),
            "values": problem.values if problem else {},
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(request, "coaching/client.html", context, signed_in, project_id,
                    status_code)  # fmt: skip

    @api.get("/clients/{client_id}")
    def client(request: Request, project_id: str, client_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return client_page(request, project_id, client_id, signed_in)

    async def on_client(
        request: Request,
        project_id: str,
        client_id: str,
        action: Callable[[FormData, str], object],
        done: str,
    ) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        problem = await kit.attempt(request, lambda: action(form, signed_in.user.id), form)
        if problem:
            return client_page(request, project_id, client_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/clients/{client_id}", done)

    @api.post("/clients/{client_id}/goals", dependencies=csrf)
    async def add_goal(request: Request, project_id: str, client_id: str) -> Response:
        def run(form: FormData, me: str) -> object:
            return h.set_goal(
                c, project_id=project_id, client_id=client_id,
                area=field_choice(form, "area", GoalArea),
                target_date=field_date(form, "target_date"),
                text=field_text(form, "text"), actor=me,
                submission_id=field_text(form, "submission_id") or None,
            )  # fmt: skip

        return await on_client(request, project_id, client_id, run, "goal")

    @api.post("/clients/{client_id}/goals/{goal_id}/review", dependencies=csrf)
    async def review_goal(
        request: Request, project_id: str, client_id: str, goal_id: str
    ) -> Response:
        def run(form: FormData, me: str) -> object:
            return h.review_goal(
                c, project_id=project_id, client_id=client_id, goal_id=goal_id,
                outcome=field_choice(form, "outcome", GoalOutcome),
                new_target_date=field_optional_date(form, "new_target_date"), actor=me,
            )  # fmt: skip

        return await on_client(request, project_id, client_id, run, "reviewed")

    @api.post("/clients/{client_id}/pre-coaching", dependencies=csrf)
    async def pre_coaching(request: Request, project_id: str, client_id: str) -> Response:
        def run(form: FormData, me: str) -> object:
            return h.record_pre_coaching(
                c, project_id=project_id, client_id=client_id,
                completed_on=field_date(form, "completed_on"),
                skills_mapped=field_text(form, "skills_mapped") == "yes",
                motivation=field_choice(form, "motivation", Level),
                support_need=field_choice(form, "support_need", Level),
                cv_done=field_text(form, "cv_done") == "yes", actor=me,
            )  # fmt: skip

        return await on_client(request, project_id, client_id, run, "pre_coaching")

    @api.post("/clients/{client_id}/in-work", dependencies=csrf)
    async def start_in_work(request: Request, project_id: str, client_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        started: list[h.Done] = []

        def run() -> object:
            done = h.start_in_work_coaching(
                c, project_id=project_id, client_id=client_id,
                company_id=field_text(form, "company_id"), coach_id=signed_in.user.id,
                started_on=field_date(form, "started_on"), actor=signed_in.user.id,
                submission_id=field_text(form, "submission_id") or None,
            )  # fmt: skip
            started.append(done)
            return done

        problem = await kit.attempt(request, run, form)
        if problem:
            return client_page(request, project_id, client_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/in-work/{started[0].id}", "in_work")

    return api
