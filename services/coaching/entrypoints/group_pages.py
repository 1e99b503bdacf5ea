"""Pages of group programmes: the list with attendance rates, one programme with its
meetings and members (no-shows shown), and the attendance sheet of a meeting: one form,
a row per member."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import (
    JoinProgramme,
    PlanProgramme,
    ScheduleMeeting,
    TakeAttendance,
)
from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.page_forms import (
    Submission,
    chosen,
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
from services.coaching.service_layer.queries import programme_of
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


def _programmes_page(
    state: CoachingState,
    request: Request,
    project_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    today = state.coaching.today()
    values = problem.values if problem else {
        "kind": "job_seekers_group",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=20)).isoformat(),
    }  # fmt: skip
    context = {
        "programmes": state.views.programmes(project_id),
        "values": values,
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/programmes.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/programmes")
def programmes(request: Request, project_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _programmes_page(state, request, project_id, signed_in)


def _new_programme(form: FormReader, _signed_in: SignedIn) -> PlanProgramme:
    return PlanProgramme(
        kind=chosen(form, "kind", ProgrammeKind),
        title=form.text("title"),
        municipality=form.text("municipality"),
        starts_on=required_date(form, "starts_on"),
        ends_on=required_date(form, "ends_on"),
    )


@router.post("/programmes", dependencies=CSRF)
async def plan_programme(request: Request, project_id: str, state: State) -> Response:
    sent = await submit(state, request, project_id, _new_programme)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _programmes_page(state, request, project_id, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/programmes/{sent.outcome.id}", "planned")


def _programme_page(
    state: CoachingState,
    request: Request,
    project_id: str,
    programme_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    try:
        programme = programme_of(state.coaching, project_id, programme_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    members = set(programme.members)
    options = client_options(state, project_id, signed_in.user.id)
    context = {
        "programme": programme,
        "joinable": [o for o in options if o[0] not in members],
        "marked": {meeting for meeting, _client in programme.attendance},
        "no_shows": programme.no_shows(),
        "values": problem.values if problem else {},
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/programme.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/programmes/{programme_id}")
def programme(request: Request, project_id: str, programme_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _programme_page(state, request, project_id, programme_id, signed_in)


def _on_programme(
    state: CoachingState,
    request: Request,
    project_id: str,
    programme_id: str,
    sent: Submission | Response,
    done: str,
) -> Response:
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _programme_page(
            state, request, project_id, programme_id, sent.signed_in, sent.outcome
        )
    return back(f"/p/{project_id}/coaching/programmes/{programme_id}", done)


@router.post("/programmes/{programme_id}/meetings", dependencies=CSRF)
async def schedule_meeting(
    request: Request, project_id: str, programme_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> ScheduleMeeting:
        return ScheduleMeeting(
            programme_id=programme_id,
            held_on=required_date(form, "held_on"),
            duration_minutes=number(form, "duration_minutes"),
        )

    sent = await submit(state, request, project_id, build)
    return _on_programme(state, request, project_id, programme_id, sent, "scheduled")


@router.post("/programmes/{programme_id}/members", dependencies=CSRF)
async def add_member(
    request: Request, project_id: str, programme_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> JoinProgramme:
        return JoinProgramme(
            programme_id=programme_id,
            client_id=client(form),
            joined_on=required_date(form, "joined_on"),
        )

    sent = await submit(state, request, project_id, build)
    return _on_programme(state, request, project_id, programme_id, sent, "joined")


def _sheet_page(
    state: CoachingState,
    request: Request,
    ids: tuple[str, str, str],
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    project_id, programme_id, meeting_id = ids
    try:
        programme = programme_of(state.coaching, project_id, programme_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    meeting = programme.meeting(meeting_id)
    if meeting is None:
        return state.pages.not_found(request, signed_in)
    marks = {
        client: mark.value for (m, client), mark in programme.attendance.items() if m == meeting_id
    }
    if problem:
        marks |= {k[5:]: v for k, v in problem.values.items() if k.startswith("mark-")}
    context = {
        "programme": programme,
        "meeting": meeting,
        "rows": programme.members_at(meeting),
        "marks": marks,
        "no_shows": programme.no_shows(),
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/sheet.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/programmes/{programme_id}/meetings/{meeting_id}")
def sheet(
    request: Request, project_id: str, programme_id: str, meeting_id: str, state: State
) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _sheet_page(state, request, (project_id, programme_id, meeting_id), signed_in)


@router.post("/programmes/{programme_id}/meetings/{meeting_id}", dependencies=CSRF)
async def save_sheet(
    request: Request, project_id: str, programme_id: str, meeting_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> TakeAttendance:
        marks = {
            key[5:]: chosen(form, key, Attendance)
            for key, value in form.values.items()
            if key.startswith("mark-") and value
        }
        return TakeAttendance(programme_id=programme_id, meeting_id=meeting_id, marks=marks)

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        ids = (project_id, programme_id, meeting_id)
        return _sheet_page(state, request, ids, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/programmes/{programme_id}", "attendance")
