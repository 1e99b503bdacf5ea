"""JSON API of group programmes and online courses (entrypoint layer).

A programme's page folds its stream (meetings, members, the latest marks, no-shows,
attendance rate); the list of programmes comes from the read model. Attendance is saved
a whole sheet at a time: ``PUT …/meetings/{meeting_id}/attendance`` with a mark per member.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

from datetime import date
from typing import Annotated

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from services.coaching.adapters.views import ProgrammeRow
from services.coaching.domain.courses import Course
from services.coaching.domain.programmes import Programme
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.api_kit import ApiKit, DoneOut
from services.coaching.entrypoints.errors import ERRORS, attempt
from services.coaching.entrypoints.wiring import Wiring
from services.coaching.service_layer import handlers as h
from shared.web.principal import User


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


def programmes_router(w: Wiring) -> APIRouter:
    api = APIRouter(prefix="/api/coaching/projects/{project_id}", tags=["coaching: groups"])
    kit = ApiKit(w)
    c, writer, reader, csrf = kit.coaching, kit.writer, kit.reader, kit.csrf

    @api.post(
        "/programmes",
        summary="Plan a group programme",
        status_code=status.HTTP_201_CREATED,
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def plan(
        project_id: str, body: ProgrammeIn, user: Annotated[User, writer]
    ) -> DoneOut | JSONResponse:
        return kit.written(
            lambda: h.plan_programme(
                c,
                project_id=project_id,
                kind=body.kind,
                title=body.title,
                municipality=body.municipality,
                starts_on=body.starts_on,
                ends_on=body.ends_on,
                coach_id=body.coach_id or user.id,
                actor=user.id,
                submission_id=body.submission_id,
            )
        )

    @api.get("/programmes", summary="The project's programmes with attendance rates")
    def list_programmes(
        project_id: str, _user: Annotated[User, reader]
    ) -> list[ProgrammeSummaryOut]:
        return [ProgrammeSummaryOut.of(row) for row in w.views.programmes(project_id)]

    @api.get(
        "/programmes/{programme_id}",
        summary="A programme: meetings, members, marks and no-shows",
        response_model=ProgrammeOut,
        responses=ERRORS,
    )
    def get_programme(
        project_id: str, programme_id: str, _user: Annotated[User, reader]
    ) -> ProgrammeOut | JSONResponse:
        return attempt(lambda: ProgrammeOut.of(h.programme_of(c, project_id, programme_id)))

    @api.post(
        "/programmes/{programme_id}/meetings",
        summary="Schedule a meeting of the programme",
        status_code=status.HTTP_201_CREATED,
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def schedule(
        project_id: str, programme_id: str, body: MeetingIn, user: Annotated[User, writer]
    ) -> DoneOut | JSONResponse:
        return kit.written(
            lambda: h.schedule_meeting(
                c,
                project_id=project_id,
                programme_id=programme_id,
                held_on=body.held_on,
                duration_minutes=body.duration_minutes,
                actor=user.id,
            )
        )

    @api.post(
        "/programmes/{programme_id}/members",
        summary="Enrol an active client of the project in the programme",
        status_code=status.HTTP_201_CREATED,
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def join(
        project_id: str, programme_id: str, body: MemberIn, user: Annotated[User, writer]
    ) -> DoneOut | JSONResponse:
        return kit.written(
            lambda: h.join_programme(
                c,
                project_id=project_id,
                programme_id=programme_id,
                client_id=body.client_id,
                joined_on=body.joined_on,
                actor=user.id,
            )
        )

    @api.put(
        "/programmes/{programme_id}/meetings/{meeting_id}/attendance",
        summary="Save a meeting's attendance sheet; only changed marks are recorded",
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def take_attendance(
        project_id: str,
        programme_id: str,
        meeting_id: str,
        body: SheetIn,
        user: Annotated[User, writer],
    ) -> DoneOut | JSONResponse:
        return kit.written(
            lambda: h.take_attendance(
                c,
                project_id=project_id,
                programme_id=programme_id,
                meeting_id=meeting_id,
                marks=body.marks,
                actor=user.id,
            )
        )

    @api.post(
        "/courses",
        summary="Offer an online course of N days",
        status_code=status.HTTP_201_CREATED,
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def offer(
        project_id: str, body: CourseIn, user: Annotated[User, writer]
    ) -> DoneOut | JSONResponse:
        return kit.written(lambda: h.offer_course(
                    c, project_id=project_id, title=body.title, days=body.days, actor=user.id,
                    submission_id=body.submission_id,
                ))  # fmt: skip

    @api.get("/courses", summary="The project's online courses")
    def list_courses(project_id: str, _user: Annotated[User, reader]) -> list[CourseOut]:
        return [
            CourseOut(course_id=row.course_id, title=row.title, days=row.days)
            for row in w.views.courses(project_id)
        ]

    @api.get(
        "/courses/{course_id}",
        summary="A course with each participant's progress",
        response_model=CourseOut,
        responses=ERRORS,
    )
    def get_course(
        project_id: str, course_id: str, _user: Annotated[User, reader]
    ) -> CourseOut | JSONResponse:
        return attempt(lambda: CourseOut.of(h.course_of(c, project_id, course_id)))

    @api.post(
        "/courses/{course_id}/participants",
        summary="Enrol an active client in the course",
        status_code=status.HTTP_201_CREATED,
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def enrol(
        project_id: str, course_id: str, body: CourseEnrolmentIn, user: Annotated[User, writer]
    ) -> DoneOut | JSONResponse:
        return kit.written(
            lambda: h.enrol_in_course(
                c,
                project_id=project_id,
                course_id=course_id,
                client_id=body.client_id,
                enrolled_on=body.enrolled_on,
                actor=user.id,
            )
        )

    @api.post(
        "/courses/{course_id}/participants/{client_id}/days",
        summary="Mark a course day done; the last missing day completes the course",
        response_model=DoneOut,
        dependencies=csrf,
        responses=ERRORS,
    )
    def complete_day(
        project_id: str,
        course_id: str,
        client_id: str,
        body: CourseDayIn,
        user: Annotated[User, writer],
    ) -> DoneOut | JSONResponse:
        return kit.written(
            lambda: h.complete_course_day(
                c,
                project_id=project_id,
                course_id=course_id,
                client_id=client_id,
                day=body.day,
                completed_on=body.completed_on,
                actor=user.id,
            )
        )

    return api
