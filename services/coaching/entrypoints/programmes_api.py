"""JSON API of group programmes and online courses (entrypoint layer).

A programme's page folds its stream (meetings, members, the latest marks, no-shows,
attendance rate); the list of programmes comes from the read model. Attendance is saved
a whole sheet at a time: ``PUT …/meetings/{meeting_id}/attendance`` with a mark per member.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import date, time

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from services.coaching.domain.commands import (
    CompleteCourseDay,
    EnrolInCourse,
    JoinProgramme,
    OfferCourse,
    PlanProgramme,
    ScheduleMeeting,
    TakeAttendance,
)
from services.coaching.domain.courses import Course
from services.coaching.domain.programmes import Programme, Repeat
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.json_answers import JsonRoutes, fields, found, written
from services.coaching.entrypoints.state import Member, State, Writer
from services.coaching.service_layer.queries import course_of, programme_of
from shared.web.commands import AcceptedOut


class ProgrammeIn(BaseModel):
    kind: ProgrammeKind
    title: str = Field(min_length=1, max_length=120)
    municipality: str = Field(min_length=1, max_length=100)
    starts_on: date
    ends_on: date
    coach_id: str | None = Field(default=None, max_length=36)
    submission_id: str | None = Field(default=None, max_length=64)
    kind_name: str | None = Field(default=None, max_length=60)
    """The project's own name for the kind, e.g. DuuniKaverit."""


class MeetingIn(BaseModel):
    held_on: date
    """The (first) meeting's day."""
    duration_minutes: int = Field(ge=1, le=600)
    repeat: Repeat = Repeat.ONCE
    """``weekly`` for ``weeks`` weeks, or ``three_weeks``: Monday, Wednesday and Friday for
    three weeks from a Monday. Refused whole when the coach has something on one of the days."""
    weeks: int = Field(default=1, ge=1, le=52)
    starts_at: time | None = None
    """When each meeting begins; left out, a day without an hour (a whole-day event)."""


class MemberIn(BaseModel):
    client_id: str = Field(max_length=36)
    joined_on: date


class SheetIn(BaseModel):
    marks: dict[str, Attendance] = Field(max_length=500)
    """Client id → present, absent or excused, for the members on the meeting's sheet."""


class ProgrammeOutlineOut(BaseModel):
    """What a programme is, in a list of programmes or on its own: its kind, title and
    municipality, its first and last day, and its coach."""

    programme_id: str
    kind: str
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str


class ProgrammeSummaryOut(ProgrammeOutlineOut):
    members: int
    attendance_rate: float | None
    no_shows: int

    model_config = ConfigDict(from_attributes=True)
    """Read from a ``ProgrammeRow``: its like-named fields."""


class MeetingOut(BaseModel):
    meeting_id: str
    held_on: date
    duration_minutes: int
    starts_at: time | None = None
    """``None``: a meeting without an hour."""
    marks: dict[str, str]
    """Client id → the latest mark; members without one are not yet marked."""


class ProgrammeOut(ProgrammeOutlineOut):
    members: dict[str, date]
    """Client id → joined on."""
    meetings: list[MeetingOut]
    attendance_rate: float | None
    no_shows: dict[str, int]
    """Client id → meetings missed without notice."""

    @classmethod
    def of(cls, p: Programme) -> "ProgrammeOut":
        meetings = [
            MeetingOut(
                meeting_id=m.meeting_id,
                held_on=m.held_on,
                duration_minutes=m.duration_minutes,
                starts_at=m.starts_at,
                marks={
                    client: mark.value
                    for (meeting, client), mark in p.attendance.items()
                    if meeting == m.meeting_id
                },
            )
            for m in p.meetings
        ]
        return cls(
            programme_id=p.programme_id,
            kind=p.kind.value,
            title=p.title,
            municipality=p.municipality,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            coach_id=p.coach_id,
            members=dict(p.members),
            meetings=meetings,
            attendance_rate=p.attendance_rate(),
            no_shows=p.no_shows(),
        )


class CourseIn(BaseModel):
    title: str = Field(min_length=1, max_length=120)
    days: int = Field(ge=1, le=100)
    submission_id: str | None = Field(default=None, max_length=64)


class CourseEnrolmentIn(BaseModel):
    client_id: str = Field(max_length=36)
    enrolled_on: date


class CourseDayIn(BaseModel):
    day: int = Field(ge=1, le=100)
    completed_on: date


class ParticipantOut(BaseModel):
    client_id: str
    enrolled_on: date
    days_done: list[int]
    completed_on: date | None


class CourseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    course_id: str
    title: str
    days: int
    participants: list[ParticipantOut] = Field(default_factory=list)

    @classmethod
    def of(cls, course: Course) -> "CourseOut":
        return cls(
            course_id=course.course_id,
            title=course.title,
            days=course.days,
            participants=[
                ParticipantOut(
                    client_id=client_id,
                    enrolled_on=p.enrolled_on,
                    days_done=sorted(p.days_done),
                    completed_on=p.completed_on,
                )
                for client_id, p in course.participants.items()
            ],
        )


router = APIRouter(prefix="/api/coaching/projects/{project_id}", tags=["coaching: groups"])
routes = JsonRoutes(router)


@routes.create("/programmes", "Plan a group programme")
async def plan(project_id: str, body: ProgrammeIn, user: Writer, state: State) -> AcceptedOut:
    command = PlanProgramme(**fields(body))
    return await written(state, command, user, project_id, body.submission_id)


@router.get("/programmes", summary="The project's programmes with attendance rates")
def list_programmes(project_id: str, _user: Member, state: State) -> list[ProgrammeSummaryOut]:
    return [ProgrammeSummaryOut.model_validate(row) for row in state.views.programmes(project_id)]


@routes.one("/programmes/{programme_id}", "A programme: meetings, members, marks and no-shows")
def get_programme(project_id: str, programme_id: str, _user: Member, state: State) -> ProgrammeOut:
    return ProgrammeOut.of(found(lambda: programme_of(state.coaching, project_id, programme_id)))


@routes.create("/programmes/{programme_id}/meetings", "Schedule a meeting of the programme")
async def schedule(
    project_id: str, programme_id: str, body: MeetingIn, user: Writer, state: State
) -> AcceptedOut:
    command = ScheduleMeeting(programme_id=programme_id, **fields(body))
    return await written(state, command, user, project_id)


@routes.create(
    "/programmes/{programme_id}/members", "Enrol an active client of the project in the programme"
)
async def join(
    project_id: str, programme_id: str, body: MemberIn, user: Writer, state: State
) -> AcceptedOut:
    command = JoinProgramme(programme_id=programme_id, **fields(body))
    return await written(state, command, user, project_id)


@routes.put(
    "/programmes/{programme_id}/meetings/{meeting_id}/attendance",
    "Save a meeting's attendance sheet; only changed marks are recorded",
)
async def take_attendance(
    project_id: str, programme_id: str, meeting_id: str, body: SheetIn, user: Writer, state: State
) -> AcceptedOut:
    command = TakeAttendance(programme_id=programme_id, meeting_id=meeting_id, marks=body.marks)
    return await written(state, command, user, project_id)


@routes.create("/courses", "Offer an online course of N days")
async def offer(project_id: str, body: CourseIn, user: Writer, state: State) -> AcceptedOut:
    command = OfferCourse(**fields(body))
    return await written(state, command, user, project_id, body.submission_id)


@router.get("/courses", summary="The project's online courses")
def list_courses(project_id: str, _user: Member, state: State) -> list[CourseOut]:
    return [CourseOut.model_validate(row) for row in state.views.courses(project_id)]


@routes.one("/courses/{course_id}", "A course with each participant's progress")
def get_course(project_id: str, course_id: str, _user: Member, state: State) -> CourseOut:
    return CourseOut.of(found(lambda: course_of(state.coaching, project_id, course_id)))


@routes.create("/courses/{course_id}/participants", "Enrol an active client in the course")
async def enrol(
    project_id: str, course_id: str, body: CourseEnrolmentIn, user: Writer, state: State
) -> AcceptedOut:
    command = EnrolInCourse(course_id=course_id, **fields(body))
    return await written(state, command, user, project_id)


@routes.post(
    "/courses/{course_id}/participants/{client_id}/days",
    "Mark a course day done; the last missing day completes the course",
)
async def complete_day(
    project_id: str, course_id: str, client_id: str, body: CourseDayIn, user: Writer, state: State
) -> AcceptedOut:
    command = CompleteCourseDay(course_id=course_id, client_id=client_id, **fields(body))
    return await written(state, command, user, project_id)
