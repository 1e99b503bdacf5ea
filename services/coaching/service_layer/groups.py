"""Group programmes with their attendance sheets, and online courses (service layer)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from services.coaching.domain import courses, programmes
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.service_layer.base import (
    COURSES,
    PROGRAMMES,
    Coaching,
    Done,
    in_project,
    new_id,
    resubmitted,
    run,
)
from shared.ids import uuid7_str


def plan_programme(
    c: Coaching,
    *,
    project_id: str,
    kind: ProgrammeKind,
    title: str,
    municipality: str,
    starts_on: date,
    ends_on: date,
    coach_id: str,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    if done := resubmitted(c, PROGRAMMES, submission_id):
        return done
    programme_id = new_id(submission_id)
    command = programmes.PlanProgramme(
        programme_id=programme_id,
        project_id=project_id,
        kind=kind,
        title=title,
        municipality=municipality,
        starts_on=starts_on,
        ends_on=ends_on,
        coach_id=coach_id,
    )
    return run(
        c, PROGRAMMES, programme_id, project_id, actor,
        lambda state: programmes.decide(state, command),
    )  # fmt: skip


def programme_of(c: Coaching, project_id: str, programme_id: str) -> programmes.Programme:
    loaded = c.streams.load(PROGRAMMES, programme_id)
    return in_project(loaded, project_id, "programme_not_found", "programme_id")


def _on_programme(
    c: Coaching,
    project_id: str,
    programme_id: str,
    actor: str,
    command: programmes.ProgrammeCommand,
    client_id: str | None = None,
) -> Done:
    programme_of(c, project_id, programme_id)
    standing = c.clients.standing(client_id) if client_id else None
    return run(
        c, PROGRAMMES, programme_id, project_id, actor,
        lambda state: programmes.decide(state, command, standing),
    )  # fmt: skip


def schedule_meeting(
    c: Coaching,
    *,
    project_id: str,
    programme_id: str,
    held_on: date,
    duration_minutes: int,
    actor: str,
) -> Done:
    meeting_id = uuid7_str()
    command = programmes.ScheduleMeeting(
        meeting_id=meeting_id, held_on=held_on, duration_minutes=duration_minutes
    )
    _on_programme(c, project_id, programme_id, actor, command)
    return Done(meeting_id, recorded=1)


def join_programme(
    c: Coaching, *, project_id: str, programme_id: str, client_id: str, joined_on: date, actor: str
) -> Done:
    command = programmes.JoinProgramme(client_id=client_id, joined_on=joined_on)
    return _on_programme(c, project_id, programme_id, actor, command, client_id)


def take_attendance(
    c: Coaching,
    *,
    project_id: str,
    programme_id: str,
    meeting_id: str,
    marks: Mapping[str, Attendance],
    actor: str,
) -> Done:
    """Save one meeting's sheet; only the marks that changed are recorded."""
    command = programmes.TakeAttendance(meeting_id=meeting_id, marks=marks, today=c.today())
    return _on_programme(c, project_id, programme_id, actor, command)


# Online courses


def offer_course(
    c: Coaching,
    *,
    project_id: str,
    title: str,
    days: int,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    if done := resubmitted(c, COURSES, submission_id):
        return done
    course_id = new_id(submission_id)
    command = courses.OfferCourse(
        course_id=course_id, project_id=project_id, title=title, days=days
    )
    return run(
        c, COURSES, course_id, project_id, actor, lambda state: courses.decide(state, command)
    )


def course_of(c: Coaching, project_id: str, course_id: str) -> courses.Course:
    return in_project(
        c.streams.load(COURSES, course_id), project_id, "course_not_found", "course_id"
    )


def _on_course(
    c: Coaching,
    project_id: str,
    course_id: str,
    actor: str,
    command: courses.CourseCommand,
    client_id: str | None = None,
) -> Done:
    course_of(c, project_id, course_id)
    standing = c.clients.standing(client_id) if client_id else None
    return run(
        c, COURSES, course_id, project_id, actor,
        lambda state: courses.decide(state, command, standing),
    )  # fmt: skip


def enrol_in_course(
    c: Coaching, *, project_id: str, course_id: str, client_id: str, enrolled_on: date, actor: str
) -> Done:
    command = courses.EnrolInCourse(client_id=client_id, enrolled_on=enrolled_on)
    return _on_course(c, project_id, course_id, actor, command, client_id)


def complete_course_day(
    c: Coaching,
    *,
    project_id: str,
    course_id: str,
    client_id: str,
    day: int,
    completed_on: date,
    actor: str,
) -> Done:
    command = courses.CompleteCourseDay(client_id=client_id, day=day, completed_on=completed_on)
    return _on_course(c, project_id, course_id, actor, command)
