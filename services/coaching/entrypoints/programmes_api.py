"""JSON API of group programmes and online courses (entrypoint layer).

A programme's page folds its stream (meetings, members, the latest marks, no-shows,
attendance rate); the list of programmes comes from the read model. Attendance is saved
a whole sheet at a time: ``PUT …/meetings/{meeting_id}/attendance`` with a mark per member.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import date

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

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
from services.coaching.domain.programmes import Programme
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.json_answers import found, written
from services.coaching.entrypoints.state import CSRF, Member, State, Writer
from services.coaching.service_layer.queries import course_of, programme_of
from services.coaching.service_layer.read_models import ProgrammeRow
from shared.web.commands import AcceptedOut
from shared.web.problems import PROBLEM_RESPONSES


class ProgrammeIn(BaseModel):
    kind: ProgrammeKind
    title: str = Field(min_length=1, max_length=120)
    municipality: str = Field(min_length=1, max_length=100)
    starts_on: date
    ends_on: date
    coach_id: str | None = Field(default=None, max_length=36)
    submission_id: str | None = Field(default=None, max_length=64)


class MeetingIn(BaseModel):
    held_on: date
    duration_minutes: int = Field(ge=1, le=600)


class MemberIn(BaseModel):
    client_id: str = Field(max_length=36)
    joined_on: date


class SheetIn(BaseModel):
    marks: dict[str, Attendance] = Field(max_length=500)
    """Client id → present, absent or excused, for the members on the meeting's sheet."""


class ProgrammeSummaryOut(BaseModel):
    programme_id: str
    kind: str
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str
    members: int
    attendance_rate: float | None
    no_shows: int

    @classmethod
    def of(cls, row: ProgrammeRow) -> "ProgrammeSummaryOut":
        return cls(
            programme_id=row.programme_id,
            kind=row.kind,
            title=row.title,
            municipality=row.municipality,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            coach_id=row.coach_id,
            members=row.members,
            attendance_rate=row.attendance_rate,
            no_shows=row.no_shows,
        )


class MeetingOut(BaseModel):
    meeting_id: str
    held_on: date
    duration_minutes: int
    marks: dict[str, str]
    """Client id → the latest mark; members without one are not yet marked."""


class ProgrammeOut(BaseModel):
    programme_id: str
    kind: str
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str
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


@router.post(
    "/programmes",
    summary="Plan a group programme",
    status_code=status.HTTP_201_CREATED,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def plan(project_id: str, body: ProgrammeIn, user: Writer, state: State) -> AcceptedOut:
    command = PlanProgramme(
        kind=body.kind,
        title=body.title,
        municipality=body.municipality,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        coach_id=body.coach_id,
    )
    return await written(state, command, user, project_id, body.submission_id)


@router.get("/programmes", summary="The project's programmes with attendance rates")
def list_programmes(project_id: str, _user: Member, state: State) -> list[ProgrammeSummaryOut]:
    return [ProgrammeSummaryOut.of(row) for row in state.views.programmes(project_id)]


@router.get(
    "/programmes/{programme_id}",
    summary="A programme: meetings, members, marks and no-shows",
    responses=PROBLEM_RESPONSES,
)
def get_programme(project_id: str, programme_id: str, _user: Member, state: State) -> ProgrammeOut:
    return ProgrammeOut.of(found(lambda: programme_of(state.coaching, project_id, programme_id)))


@router.post(
    "/programmes/{programme_id}/meetings",
    summary="Schedule a meeting of the programme",
    status_code=status.HTTP_201_CREATED,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def schedule(
    project_id: str, programme_id: str, body: MeetingIn, user: Writer, state: State
) -> AcceptedOut:
    command = ScheduleMeeting(
        programme_id=programme_id, held_on=body.held_on, duration_minutes=body.duration_minutes
    )
    return await written(state, command, user, project_id)


@router.post(
    "/programmes/{programme_id}/members",
    summary="Enrol an active client of the project in the programme",
    status_code=status.HTTP_201_CREATED,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def join(
    project_id: str, programme_id: str, body: MemberIn, user: Writer, state: State
) -> AcceptedOut:
    command = JoinProgramme(
        programme_id=programme_id, client_id=body.client_id, joined_on=body.joined_on
    )
    return await written(state, command, user, project_id)


@router.put(
    "/programmes/{programme_id}/meetings/{meeting_id}/attendance",
    summary="Save a meeting's attendance sheet; only changed marks are recorded",
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def take_attendance(
    project_id: str, programme_id: str, meeting_id: str, body: SheetIn, user: Writer, state: State
) -> AcceptedOut:
    command = TakeAttendance(programme_id=programme_id, meeting_id=meeting_id, marks=body.marks)
    return await written(state, command, user, project_id)


@router.post(
    "/courses",
    summary="Offer an online course of N days",
    status_code=status.HTTP_201_CREATED,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def offer(project_id: str, body: CourseIn, user: Writer, state: State) -> AcceptedOut:
    command = OfferCourse(title=body.title, days=body.days)
    return await written(state, command, user, project_id, body.submission_id)


@router.get("/courses", summary="The project's online courses")
def list_courses(project_id: str, _user: Member, state: State) -> list[CourseOut]:
    return [
        CourseOut(course_id=row.course_id, title=row.title, days=row.days)
        for row in state.views.courses(project_id)
    ]


@router.get(
    "/courses/{course_id}",
    summary="A course with each participant's progress",
    responses=PROBLEM_RESPONSES,
)
def get_course(project_id: str, course_id: str, _user: Member, state: State) -> CourseOut:
    return CourseOut.of(found(lambda: course_of(state.coaching, project_id, course_id)))


@router.post(
    "/courses/{course_id}/participants",
    summary="Enrol an active client in the course",
    status_code=status.HTTP_201_CREATED,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def enrol(
    project_id: str, course_id: str, body: CourseEnrolmentIn, user: Writer, state: State
) -> AcceptedOut:
    command = EnrolInCourse(
        course_id=course_id, client_id=body.client_id, enrolled_on=body.enrolled_on
    )
    return await written(state, command, user, project_id)


@router.post(
    "/courses/{course_id}/participants/{client_id}/days",
    summary="Mark a course day done; the last missing day completes the course",
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def complete_day(
    project_id: str, course_id: str, client_id: str, body: CourseDayIn, user: Writer, state: State
) -> AcceptedOut:
    command = CompleteCourseDay(
        course_id=course_id, client_id=client_id, day=body.day, completed_on=body.completed_on
    )
    return await written(state, command, user, project_id)
