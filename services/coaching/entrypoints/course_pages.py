"""Pages of online courses: the list with a form to offer one, and a course's page with
each participant's days done, a form to enrol a client and one to mark a day done
(entrypoint layer)."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import CompleteCourseDays, EnrolInCourse, OfferCourse
from services.coaching.entrypoints.page_forms import client, number, posted, required_date, viewed
from services.coaching.entrypoints.page_rendering import FormProblem, Visit
from services.coaching.entrypoints.state import CSRF, State
from services.coaching.service_layer.queries import course_of
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


def _courses_page(visit: Visit, problem: FormProblem | None = None) -> Response:
    context = {"courses": visit.state.views.courses(visit.project_id)}
    return visit.show("coaching/courses.html", context, problem, defaults={"days": "15"})


@router.get("/courses")
def courses(request: Request, project_id: str, state: State) -> Response:
    return viewed(state, request, project_id, _courses_page)


def _new_course(form: FormReader, _signed_in: SignedIn) -> OfferCourse:
    return OfferCourse(title=form.text("title"), days=number(form, "days"))


@router.post("/courses", dependencies=CSRF)
async def offer(request: Request, project_id: str, state: State) -> Response:
    then = (lambda course_id: f"/p/{project_id}/coaching/courses/{course_id}", "course")
    return await posted(state, request, project_id, _new_course, _courses_page, then)


def _course_page(course_id: str, visit: Visit, problem: FormProblem | None = None) -> Response:
    course = course_of(visit.state.coaching, visit.project_id, course_id)
    joinable = visit.clients(leave_out=course.participants) if visit.can_write else []
    context = {"course": course, "joinable": joinable}
    return visit.show("coaching/course.html", context, problem, shown=course.participants)


@router.get("/courses/{course_id}")
def course(request: Request, project_id: str, course_id: str, state: State) -> Response:
    return viewed(state, request, project_id, partial(_course_page, course_id))


def _days(form: FormReader) -> tuple[int, ...]:
    """The days ticked; one that is not a number notes ``invalid_day``."""
    days = []
    for value in form.every("day"):
        try:
            days.append(int(value))
        except ValueError:
            form.errors.setdefault("day", "invalid_day")
    return tuple(days)


@router.post("/courses/{course_id}", dependencies=CSRF)
async def progress(request: Request, project_id: str, course_id: str, state: State) -> Response:
    """Enrol a client (``step=enrol``) or mark one or several of a participant's days done
    (``step=day``, a ``day`` for each)."""

    def build(form: FormReader, _signed_in: SignedIn) -> EnrolInCourse | CompleteCourseDays:
        if form.text("step") == "enrol":
            return EnrolInCourse(
                course_id=course_id,
                client_id=client(form),
                enrolled_on=required_date(form, "enrolled_on"),
            )
        return CompleteCourseDays(
            course_id=course_id,
            client_id=client(form),
            days=_days(form),
            completed_on=required_date(form, "completed_on"),
        )

    then = (f"/p/{project_id}/coaching/courses/{course_id}", "course")
    return await posted(state, request, project_id, build, partial(_course_page, course_id), then)
