"""The page of an in-work coaching plan: joint goals, progress reviews, the work
demonstration and the follow-on plan at its end, each a small form on one page
(entrypoint layer). It is started from the client's plan (``plan_pages``)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from services.coaching.domain import in_work
from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import DemonstrationResult, FollowOn, GoalArea, Progress
from services.coaching.entrypoints.forms import Refused, field_choice, field_date, field_text
from services.coaching.entrypoints.kit import PageKit
from services.coaching.service_layer import handlers as h
from shared.ids import uuid7_str
from shared.web.principal import SignedIn


def _goal(form: FormData) -> in_work.InWorkCommand:
    return in_work.AgreeJointGoal(
        goal_id=uuid7_str(),
        area=field_choice(form, "area", GoalArea),
        target_date=field_date(form, "target_date"),
        agreed_on=field_date(form, "agreed_on"),
    )


def _review(form: FormData) -> in_work.InWorkCommand:
    return in_work.ReviewProgress(
        reviewed_on=field_date(form, "reviewed_on"),
        progress=field_choice(form, "progress", Progress),
    )


def _demonstration(form: FormData) -> in_work.InWorkCommand:
    return in_work.RecordWorkDemonstration(
        held_on=field_date(form, "held_on"),
        result=field_choice(form, "result", DemonstrationResult),
    )


def _end(form: FormData) -> in_work.InWorkCommand:
    return in_work.EndInWorkCoaching(
        ended_on=field_date(form, "ended_on"),
        follow_on=field_choice(form, "follow_on", FollowOn),
    )


STEPS: dict[str, Callable[[FormData], in_work.InWorkCommand]] = {
    "goal": _goal,
    "review": _review,
    "demonstration": _demonstration,
    "end": _end,
}
"""Each form on the plan's page, by its ``step``: how it becomes a command."""


def inwork_pages(kit: PageKit) -> APIRouter:
    api = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)
    w, c = kit.wiring, kit.wiring.coaching
    csrf = [Depends(w.auth.verify_csrf)]

    def plan_page(
        request: Request,
        project_id: str,
        plan_id: str,
        signed_in: SignedIn,
        problem: Refused | None = None,
    ) -> Response:
        try:
            plan = h.in_work_plan_of(c, project_id, plan_id)
        except DomainError:
            return kit.pages.not_found(request, signed_in)
        names = {x.company_id: x for x in w.companies.in_project(project_id)}
        context = {
            "plan": plan,
            "company": names.get(plan.company_id),
            "values": problem.values if problem else {},
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(
            request, "coaching/in_work.html", context, signed_in, project_id, status_code
        )

    @api.get("/in-work/{plan_id}")
    def plan(request: Request, project_id: str, plan_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return plan_page(request, project_id, plan_id, signed_in)

    @api.post("/in-work/{plan_id}", dependencies=csrf)
    async def step(request: Request, project_id: str, plan_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        make = STEPS.get(field_text(form, "step"))
        if make is None:
            return kit.pages.not_found(request, signed_in)

        def run() -> object:
            return h.continue_in_work_coaching(
                c, project_id=project_id, plan_id=plan_id, command=make(form),
                actor=signed_in.user.id,
            )  # fmt: skip

        problem = await kit.attempt(request, run, form)
        if problem:
            return plan_page(request, project_id, plan_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/in-work/{plan_id}", "in_work")

    return api
