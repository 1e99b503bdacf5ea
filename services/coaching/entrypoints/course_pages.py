"""Pages of online courses: the list with a form to offer one, and a course's page with
each participant's days done, a form to enrol a client and one to mark a day done
(entrypoint layer)."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import CompleteCourseDay, EnrolInCourse, OfferCourse
from services.coaching.domain.errors import DomainError
from services.coaching.entrypoints.page_forms import (
    Submission,
    client,
    number,
    required_date,
    submit,
)
from services.coaching.entrypoints.page_rendering import (
    FormProblem,
    back,
    client_options,
    show,
)
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.queries import course_of
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


def _courses_page(
    state: CoachingState,
    request: Request,
    project_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    context = {
        "courses": state.views.courses(project_id),
        "values": problem.values if problem else {"days": "15"},
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/courses.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/courses")
def courses(request: Request, project_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _courses_page(state, request, project_id, signed_in)


def _new_course(form: FormReader, _signed_in: SignedIn) -> OfferCourse:
    return OfferCourse(title=form.text("title"), days=number(form, "days"))


@router.post("/courses", dependencies=CSRF)
async def offer(request: Request, project_id: str, state: State) -> Response:
    sent = await submit(state, request, project_id, _new_course)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _courses_page(state, request, project_id, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/courses/{sent.outcome.id}", "course")


def _course_page(
    state: CoachingState,
    request: Request,
    project_id: str,
    course_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    try:
        course = course_of(state.coaching, project_id, course_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    options = client_options(state, project_id, signed_in.user.id)
    context = {
        "course": course,
        "joinable": [o for o in options if o[0] not in course.participants],
        "values": problem.values if problem else {},
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/course.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/courses/{course_id}")
def course(request: Request, project_id: str, course_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _course_page(state, request, project_id, course_id, signed_in)


@router.post("/courses/{course_id}", dependencies=CSRF)
async def progress(request: Request, project_id: str, course_id: str, state: State) -> Response:
    """Enrol a client (``step=enrol``) or mark a participant's day done (``step=day``)."""

    def build(form: FormReader, _signed_in: SignedIn) -> EnrolInCourse | CompleteCourseDay:
        if form.text("step") == "enrol":
            return EnrolInCourse(
                course_id=course_id,
                client_id=client(form),
                enrolled_on=required_date(form, "enrolled_on"),
            )
        return CompleteCourseDay(
            course_id=course_id,
            client_id=client(form),
            day=number(form, "day"),
            completed_on=required_date(form, "completed_on"),
        )

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _course_page(state, request, project_id, course_id, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/courses/{course_id}", "course")
