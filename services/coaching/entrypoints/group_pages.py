"""Pages of group programmes: the list with attendance rates, one programme with its
meetings and members (no-shows shown), and the attendance sheet of a meeting: one form,
a row per member."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import date, time, timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import (
    JoinProgramme,
    PlanProgramme,
    ScheduleMeeting,
    TakeAttendance,
)
from services.coaching.domain.errors import DomainError
from services.coaching.domain.programmes import Booked, Repeat, clashes, meeting_days
from services.coaching.domain.shapes import like
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.day_views import work_day
from services.coaching.entrypoints.labels import ERRORS
from services.coaching.entrypoints.page_forms import (
    Build,
    Submission,
    chosen,
    client,
    drawn,
    number,
    posted,
    required_date,
    submit,
    viewed,
)
from services.coaching.entrypoints.page_rendering import FormProblem, Visit, back
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.day_ports import CalendarEntry
from services.coaching.service_layer.queries import programme_of
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)
ALL = "all"
"""The attendance sheet's second button: everyone not marked otherwise is present."""
COPY = "copy"
"""``?copy=previous`` pre-fills a sheet from the last meeting with attendance taken."""


def _programmes_page(visit: Visit, problem: FormProblem | None = None) -> Response:
    today = visit.state.coaching.today()
    defaults = {
        "kind": "job_seekers_group",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=20)).isoformat(),
    }
    context = {"programmes": visit.state.views.programmes(visit.project_id)}
    return visit.show("coaching/programmes.html", context, problem, defaults)


@router.get("/programmes")
def programmes(request: Request, project_id: str, state: State) -> Response:
    return viewed(state, request, project_id, _programmes_page)


def _new_programme(form: FormReader, _signed_in: SignedIn) -> PlanProgramme:
    return PlanProgramme(
        kind=chosen(form, "kind", ProgrammeKind),
        title=form.text("title"),
        municipality=form.text("municipality"),
        starts_on=required_date(form, "starts_on"),
        ends_on=required_date(form, "ends_on"),
        kind_name=form.text("kind_name") or None,
    )


@router.post("/programmes", dependencies=CSRF)
async def plan_programme(request: Request, project_id: str, state: State) -> Response:
    then = (lambda programme_id: f"/p/{project_id}/coaching/programmes/{programme_id}", "planned")
    return await posted(state, request, project_id, _new_programme, _programmes_page, then)


def _programme_page(
    programme_id: str, visit: Visit, problem: FormProblem | None = None
) -> Response:
    programme = programme_of(visit.state.coaching, visit.project_id, programme_id)
    sheets = {
        m.meeting_id: (programme.marked_at(m), len(programme.members_at(m)))
        for m in programme.meetings
    }
    found = _clashes(visit, programme.coach_id, problem)
    context = {
        "programme": programme,
        "joinable": visit.clients(leave_out=programme.members) if visit.can_write else [],
        "sheets": sheets,
        "no_shows": programme.no_shows(),
        "clashes": found,
    }
    shown = [*programme.members, *(e.client_id for e in found if e.client_id)]
    return visit.show("coaching/programme.html", context, problem, shown=shown)


def _clashes(visit: Visit, coach_id: str, problem: FormProblem | None) -> list[CalendarEntry]:
    """What a refused scheduling clashed with, named on the page (the coach's sessions and
    group meetings on the meeting days asked for, at the hour asked for if one was)."""
    tr = visit.state.pages.gettext(visit.request)
    if problem is None or problem.errors.get("held_on") != tr(ERRORS["clash_meeting_day"]):
        return []
    values = problem.values
    try:
        first = date.fromisoformat(str(values.get("held_on", "")))
        repeat = Repeat(str(values.get("repeat") or Repeat.ONCE.value))
        weeks = int(str(values.get("weeks") or 1)) if repeat is Repeat.WEEKLY else 1
        days = meeting_days(first, repeat, weeks)
        at = str(values.get("starts_at") or "")
        starts_at = time.fromisoformat(at) if at else None
        minutes = int(str(values.get("duration_minutes") or 0))
    except (ValueError, DomainError):
        return []
    board = work_day(visit)
    entries = board.calendar(visit.project_id, coach_id, min(days), max(days))
    booked = {e.entry_id: e for e in entries}
    found = clashes(days, [like(Booked, e) for e in entries], starts_at, minutes)
    return [booked[b.entry_id] for b in found]


@router.get("/programmes/{programme_id}")
def programme(request: Request, project_id: str, programme_id: str, state: State) -> Response:
    return viewed(state, request, project_id, partial(_programme_page, programme_id))


async def _on_programme(
    state: CoachingState, request: Request, ids: tuple[str, str], build: Build, done: str
) -> Response:
    """A form on the programme's page: back to it with the notice ``done``."""
    project_id, programme_id = ids
    page = partial(_programme_page, programme_id)
    then = (f"/p/{project_id}/coaching/programmes/{programme_id}", done)
    return await posted(state, request, project_id, build, page, then)


@router.post("/programmes/{programme_id}/meetings", dependencies=CSRF)
async def schedule_meeting(
    request: Request, project_id: str, programme_id: str, state: State
) -> Response:
    """One meeting, or a repeating pattern of them; the notice says which was added."""
    asked: list[Repeat] = []

    def build(form: FormReader, _signed_in: SignedIn) -> ScheduleMeeting:
        repeat = chosen(form, "repeat", Repeat) if form.text("repeat") else Repeat.ONCE
        asked.append(repeat)
        return ScheduleMeeting(
            programme_id=programme_id,
            held_on=required_date(form, "held_on"),
            duration_minutes=number(form, "duration_minutes"),
            repeat=repeat,
            weeks=number(form, "weeks") if repeat is Repeat.WEEKLY else 1,
            starts_at=form.clock("starts_at", required=False),
        )

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        visit = Visit(state, request, project_id, sent.signed_in)
        return drawn(visit, partial(_programme_page, programme_id), sent.outcome)
    done = "scheduled" if asked == [Repeat.ONCE] else "scheduled_many"
    return back(f"/p/{project_id}/coaching/programmes/{programme_id}", done)


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

    return await _on_programme(state, request, (project_id, programme_id), build, "joined")


def _sheet_page(ids: tuple[str, str], visit: Visit, problem: FormProblem | None = None) -> Response:
    programme_id, meeting_id = ids
    programme = programme_of(visit.state.coaching, visit.project_id, programme_id)
    meeting = programme.meeting(meeting_id)
    if meeting is None:
        raise DomainError("meeting_not_found", "meeting_id")
    marks = {
        client: mark.value for (m, client), mark in programme.attendance.items() if m == meeting_id
    }
    rows = programme.members_at(meeting)
    previous = programme.previous_sheet(meeting)
    copied = None
    if problem:
        marks |= {k[5:]: v for k, v in problem.values.items() if k.startswith("mark-")}
    elif previous and visit.request.query_params.get(COPY) == "previous":
        copied = previous[0]  # pre-filled, not saved: the unmarked take the last meeting's mark
        before = {c: a.value for c, a in previous[1].items() if c in rows}
        marks = before | marks
    context = {
        "programme": programme,
        "meeting": meeting,
        "rows": rows,
        "marks": marks,
        "marked": programme.marked_at(meeting),
        "no_shows": programme.no_shows(),
        "previous": previous[0] if previous else None,
        "copied": copied,
    }
    return visit.show("coaching/sheet.html", context, problem, shown=rows)


@router.get("/programmes/{programme_id}/meetings/{meeting_id}")
def sheet(
    request: Request, project_id: str, programme_id: str, meeting_id: str, state: State
) -> Response:
    return viewed(state, request, project_id, partial(_sheet_page, (programme_id, meeting_id)))


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
        if form.values.get(ALL) == "present":  # "All present": the rest are present
            programme = programme_of(state.coaching, project_id, programme_id)
            meeting = programme.meeting(meeting_id)
            for member in programme.members_at(meeting) if meeting is not None else ():
                marks.setdefault(member, Attendance.PRESENT)
        return TakeAttendance(programme_id=programme_id, meeting_id=meeting_id, marks=marks)

    page = partial(_sheet_page, (programme_id, meeting_id))
    then = (f"/p/{project_id}/coaching/programmes/{programme_id}", "attendance")
    return await posted(state, request, project_id, build, page, then)
