"""Group programmes with their attendance sheets, and online courses (service layer)."""

from __future__ import annotations

from datetime import date

from services.coaching.domain import commands, courses, programmes
from services.coaching.domain.shapes import like
from services.coaching.service_layer.dependencies import (
    Coaching,
    Target,
    may_write,
    start,
    step,
)
from services.coaching.service_layer.streams import COURSES, PROGRAMMES, in_project
from shared.business_dates import PLANNED_AHEAD, DateRange
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext


def plan_programme(
    c: Coaching, command: commands.PlanProgramme, context: CommandContext
) -> Accepted:
    def planned(programme_id: str) -> programmes.PlanProgramme:
        return like(
            programmes.PlanProgramme,
            command,
            programme_id=programme_id,
            project_id=context.project_id,
            coach_id=command.coach_id or context.actor,
        )

    return start(c, context, PROGRAMMES, programmes.decide, planned)


def _programme(programme_id: str) -> Target[programmes.Programme]:
    return PROGRAMMES, programme_id, ("programme_not_found", "programme_id")


def schedule_meeting(
    c: Coaching, command: commands.ScheduleMeeting, context: CommandContext
) -> Accepted:
    """One meeting, or a repeating pattern of them in one go. A pattern is refused whole
    when the programme's coach already has something on one of its days (at its hour, for
    a meeting with one): she cannot see nine days at once when choosing the first, while a
    single day without an hour she chooses looking at it (a session that morning may well
    be fine). A single meeting with an hour is checked against that hour. Answers the
    (first) new meeting's id."""
    days = programmes.meeting_days(command.held_on, command.repeat, command.weeks)
    meetings = tuple(
        like(programmes.ScheduleMeeting, command, meeting_id=uuid7_str(), held_on=day)
        for day in days
    )
    may_write(context)
    programme = in_project(c.streams, PROGRAMMES, command.programme_id, context.project_id,
                           "programme_not_found", "programme_id")  # fmt: skip
    single = command.repeat is programmes.Repeat.ONCE and command.starts_at is None
    booked = [] if single else coach_booked(c, context.project_id, programme.coach_id, days)
    schedule = programmes.ScheduleMeetings(meetings=meetings, booked=tuple(booked))
    accepted = step(c, context, _programme(command.programme_id), programmes.decide, schedule)
    return Accepted(meetings[0].meeting_id, accepted.duplicate, accepted.recorded)


def coach_booked(
    c: Coaching, project_id: str, coach_id: str, days: list[date]
) -> list[programmes.Booked]:
    """The coach's sessions (not cancelled) and group meetings on ``days``."""
    if c.work_day is None or not days:
        return []
    entries = c.work_day.calendar(project_id, coach_id, min(days), max(days))
    wanted = set(days)
    return [
        like(programmes.Booked, e)
        for e in entries
        if e.held_on in wanted and e.status != "cancelled"
    ]


def join_programme(
    c: Coaching, command: commands.JoinProgramme, context: CommandContext
) -> Accepted:
    DateRange.around(c.today(), ahead=PLANNED_AHEAD).check(command.joined_on, "joined_on")
    join = like(programmes.JoinProgramme, command)
    target = _programme(command.programme_id)
    return step(c, context, target, programmes.decide, join, command.client_id)


def take_attendance(
    c: Coaching, command: commands.TakeAttendance, context: CommandContext
) -> Accepted:
    """Save one meeting's sheet; only the marks that changed are recorded."""
    sheet = like(programmes.TakeAttendance, command, today=c.today())
    return step(c, context, _programme(command.programme_id), programmes.decide, sheet)


# Online courses


def offer_course(c: Coaching, command: commands.OfferCourse, context: CommandContext) -> Accepted:
    def offered(course_id: str) -> courses.OfferCourse:
        return like(
            courses.OfferCourse, command, course_id=course_id, project_id=context.project_id
        )

    return start(c, context, COURSES, courses.decide, offered)


def _course(course_id: str) -> Target[courses.Course]:
    return COURSES, course_id, ("course_not_found", "course_id")


def enrol_in_course(
    c: Coaching, command: commands.EnrolInCourse, context: CommandContext
) -> Accepted:
    DateRange.around(c.today(), ahead=PLANNED_AHEAD).check(command.enrolled_on, "enrolled_on")
    enrol = like(courses.EnrolInCourse, command)
    return step(c, context, _course(command.course_id), courses.decide, enrol, command.client_id)


def complete_course_day(
    c: Coaching, command: commands.CompleteCourseDay, context: CommandContext
) -> Accepted:
    DateRange.around(c.today()).check(command.completed_on, "completed_on")
    done = like(courses.CompleteCourseDay, command)
    return step(c, context, _course(command.course_id), courses.decide, done)


def complete_course_days(
    c: Coaching, command: commands.CompleteCourseDays, context: CommandContext
) -> Accepted:
    DateRange.around(c.today()).check(command.completed_on, "completed_on")
    done = like(courses.CompleteCourseDays, command)
    return step(c, context, _course(command.course_id), courses.decide, done)
