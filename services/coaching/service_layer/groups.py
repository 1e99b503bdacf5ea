"""Group programmes with their attendance sheets, and online courses (service layer)."""

from __future__ import annotations

from services.coaching.domain import commands, courses, programmes
from services.coaching.domain.events import CourseEvent, ProgrammeEvent
from services.coaching.service_layer.dependencies import Coaching, may_write
from services.coaching.service_layer.streams import (
    COURSES,
    PROGRAMMES,
    change,
    create,
)
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext


def plan_programme(
    c: Coaching, command: commands.PlanProgramme, context: CommandContext
) -> Accepted:
    may_write(context)

    def plan(programme_id: str, state: programmes.Programme | None) -> list[ProgrammeEvent]:
        planned = programmes.PlanProgramme(
            programme_id=programme_id,
            project_id=context.project_id,
            kind=command.kind,
            title=command.title,
            municipality=command.municipality,
            starts_on=command.starts_on,
            ends_on=command.ends_on,
            coach_id=command.coach_id or context.actor,
        )
        return programmes.decide(state, planned)

    return create(c.streams, PROGRAMMES, context, plan)


def _on_programme(
    c: Coaching,
    context: CommandContext,
    programme_id: str,
    step: programmes.ProgrammeCommand,
    client_id: str | None = None,
) -> Accepted:
    may_write(context)
    standing = c.clients.standing(client_id) if client_id else None

    def decide(state: programmes.Programme) -> list[ProgrammeEvent]:
        return programmes.decide(state, step, standing)

    missing = ("programme_not_found", "programme_id")
    return change(c.streams, PROGRAMMES, programme_id, context, decide, missing)


def schedule_meeting(
    c: Coaching, command: commands.ScheduleMeeting, context: CommandContext
) -> Accepted:
    """Answers the new meeting's id."""
    meeting = programmes.ScheduleMeeting(
        meeting_id=uuid7_str(), held_on=command.held_on, duration_minutes=command.duration_minutes
    )
    accepted = _on_programme(c, context, command.programme_id, meeting)
    return Accepted(meeting.meeting_id, accepted.duplicate, accepted.recorded)


def join_programme(
    c: Coaching, command: commands.JoinProgramme, context: CommandContext
) -> Accepted:
    join = programmes.JoinProgramme(client_id=command.client_id, joined_on=command.joined_on)
    return _on_programme(c, context, command.programme_id, join, command.client_id)


def take_attendance(
    c: Coaching, command: commands.TakeAttendance, context: CommandContext
) -> Accepted:
    """Save one meeting's sheet; only the marks that changed are recorded."""
    sheet = programmes.TakeAttendance(
        meeting_id=command.meeting_id, marks=command.marks, today=c.today()
    )
    return _on_programme(c, context, command.programme_id, sheet)


# Online courses


def offer_course(c: Coaching, command: commands.OfferCourse, context: CommandContext) -> Accepted:
    may_write(context)

    def offer(course_id: str, state: courses.Course | None) -> list[CourseEvent]:
        offered = courses.OfferCourse(
            course_id=course_id,
            project_id=context.project_id,
            title=command.title,
            days=command.days,
        )
        return courses.decide(state, offered)

    return create(c.streams, COURSES, context, offer)


def _on_course(
    c: Coaching,
    context: CommandContext,
    course_id: str,
    step: courses.CourseCommand,
    client_id: str | None = None,
) -> Accepted:
    may_write(context)
    standing = c.clients.standing(client_id) if client_id else None

    def decide(state: courses.Course) -> list[CourseEvent]:
        return courses.decide(state, step, standing)

    return change(c.streams, COURSES, course_id, context, decide, ("course_not_found", "course_id"))


def enrol_in_course(
    c: Coaching, command: commands.EnrolInCourse, context: CommandContext
) -> Accepted:
    enrol = courses.EnrolInCourse(client_id=command.client_id, enrolled_on=command.enrolled_on)
    return _on_course(c, context, command.course_id, enrol, command.client_id)


def complete_course_day(
    c: Coaching, command: commands.CompleteCourseDay, context: CommandContext
) -> Accepted:
    done = courses.CompleteCourseDay(
        client_id=command.client_id, day=command.day, completed_on=command.completed_on
    )
    return _on_course(c, context, command.course_id, done)
