"""Pages of online courses: the list with a form to offer one, and a course's page with
each participant's days done, a form to enrol a client and one to mark a day done
(entrypoint layer)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.coaching.domain.errors import DomainError
from services.coaching.entrypoints.forms import (
    Refused,
    field_client,
    field_date,
    field_int,
    field_text,
)
from services.coaching.entrypoints.kit import PageKit
from services.coaching.service_layer import handlers as h
from shared.web.principal import SignedIn


def course_pages(kit: PageKit) -> APIRouter:
    api = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)
    w, c = kit.wiring, kit.wiring.coaching
    csrf = [Depends(w.auth.verify_csrf)]

    def courses_page(
        request: Request, project_id: str, signed_in: SignedIn, problem: Refused | None = None
    ) -> Response:
        context = {
            "courses": w.views.courses(project_id),
            "values": problem.values if problem else {"days": "15"},
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(
            request, "coaching/courses.html", context, signed_in, project_id, status_code
        )

    @api.get("/courses")
    def courses(request: Request, project_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return courses_page(request, project_id, signed_in)

    @api.post("/courses", dependencies=csrf)
    async def offer(request: Request, project_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        offered: list[h.Done] = []

        def run() -> object:
            done = h.offer_course(
                c, project_id=project_id, title=field_text(form, "title"),
                days=field_int(form, "days"), actor=signed_in.user.id,
                submission_id=field_text(form, "submission_id") or None,
            )  # fmt: skip
            offered.append(done)
            return done

        problem = await kit.attempt(request, run, form)
        if problem:
            return courses_page(request, project_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/courses/{offered[0].id}", "course")

    def course_page(
        request: Request,
        project_id: str,
        course_id: str,
        signed_in: SignedIn,
        problem: Refused | None = None,
    ) -> Response:
        try:
            course = h.course_of(c, project_id, course_id)
        except DomainError:
            return kit.pages.not_found(request, signed_in)
        options = kit.client_options(project_id, signed_in.user.id)
        context = {
            "course": course,
            "joinable": [o for o in options if o[0] not in course.participants],
            "values": problem.values if problem else {},
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(
            request, "coaching/course.html", context, signed_in, project_id, status_code
        )

    @api.get("/courses/{course_id}")
    def course(request: Request, project_id: str, course_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return course_page(request, project_id, course_id, signed_in)

    @api.post("/courses/{course_id}", dependencies=csrf)
    async def progress(request: Request, project_id: str, course_id: str) -> Response:
        """Enrol a client (``step=enrol``) or mark a participant's day done (``step=day``)."""
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        me = signed_in.user.id

        def run() -> object:
            if field_text(form, "step") == "enrol":
                return h.enrol_in_course(
                    c, project_id=project_id, course_id=course_id, client_id=field_client(form),
                    enrolled_on=field_date(form, "enrolled_on"), actor=me,
                )  # fmt: skip
            return h.complete_course_day(
                c, project_id=project_id, course_id=course_id, client_id=field_client(form),
                day=field_int(form, "day"), completed_on=field_date(form, "completed_on"),
                actor=me,
            )  # fmt: skip

        problem = await kit.attempt(request, run, form)
        if problem:
            return course_page(request, project_id, course_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/courses/{course_id}", "course")

    return api
