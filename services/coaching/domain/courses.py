"""The online Course aggregate: a course of N days, its enrolled clients and their progress.

One stream per course. Days may be completed in any order; the day that completes the
last missing one also records the course as completed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from functools import reduce

from services.coaching.domain.clients import ClientStanding, require_active
from services.coaching.domain.errors import DomainError, require_new
from services.coaching.domain.events import (
    CourseCompleted,
    CourseDayCompleted,
    CourseEnrolled,
    CourseEvent,
    CourseOffered,
)
from services.coaching.domain.shapes import like
from services.coaching.domain.turns import in_turn

MAX_DAYS = 100


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class OfferCourse:
    course_id: str
    project_id: str
    title: str
    days: int


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EnrolInCourse:
    client_id: str
    enrolled_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompleteCourseDay:
    client_id: str
    day: int
    completed_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompleteCourseDays:
    """Several days of one participant marked done at once (a coach catching up on a
    week of the online course), each its own ``CourseDayCompleted``."""

    client_id: str
    days: tuple[int, ...]
    completed_on: date


CourseCommand = OfferCourse | EnrolInCourse | CompleteCourseDay | CompleteCourseDays


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Participant:
    enrolled_on: date
    days_done: frozenset[int] = frozenset()
    completed_on: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Course:
    course_id: str
    project_id: str
    title: str
    days: int
    participants: Mapping[str, Participant] = dataclasses.field(default_factory=dict)


def decide(
    state: Course | None, command: CourseCommand, client: ClientStanding | None = None
) -> list[CourseEvent]:
    """``client`` is the enrolling client's standing, needed by ``EnrolInCourse`` only."""
    if isinstance(command, OfferCourse):
        return _offer(state, command)
    if state is None:
        raise DomainError("course_not_found", "course_id")
    match command:
        case EnrolInCourse():
            return _enrol(state, command, client)
        case CompleteCourseDay():
            return _complete_day(state, command)
        case CompleteCourseDays():
            return _complete_days(state, command)


def _offer(state: Course | None, command: OfferCourse) -> list[CourseEvent]:
    require_new(state, "course_exists", "course_id")
    if not command.title.strip():
        raise DomainError("title_required", "title")
    if not 1 <= command.days <= MAX_DAYS:
        raise DomainError("invalid_days", "days")
    return [like(CourseOffered, command, title=command.title.strip())]


def _of(state: Course) -> dict[str, str]:
    """What every event of a course says of it: the course and its project, as offered."""
    return {"course_id": state.course_id, "project_id": state.project_id}


def _enrol(
    state: Course, command: EnrolInCourse, client: ClientStanding | None
) -> list[CourseEvent]:
    require_active(client, state.project_id)
    if command.client_id in state.participants:
        raise DomainError("already_enrolled", "client_id")
    return [like(CourseEnrolled, command, days=state.days, **_of(state))]


def _complete_day(state: Course, command: CompleteCourseDay) -> list[CourseEvent]:
    participant = state.participants.get(command.client_id)
    if participant is None:
        raise DomainError("not_enrolled", "client_id")
    if not 1 <= command.day <= state.days:
        raise DomainError("invalid_day", "day")
    if command.completed_on < participant.enrolled_on:
        raise DomainError("completed_before_enrolment", "completed_on")
    if command.day in participant.days_done:
        return []
    events: list[CourseEvent] = [like(CourseDayCompleted, command, **_of(state))]
    if len(participant.days_done) + 1 == state.days:
        events.append(like(CourseCompleted, command, **_of(state)))
    return events


def _complete_days(state: Course, command: CompleteCourseDays) -> list[CourseEvent]:
    """All the days or none; a day done already is skipped, as when marked alone."""
    if not command.days:
        raise DomainError("days_required", "day")
    days = (
        CompleteCourseDay(client_id=command.client_id, day=day, completed_on=command.completed_on)
        for day in sorted(set(command.days))
    )
    return in_turn(state, days, _complete_day, evolve)


def evolve(state: Course | None, event: CourseEvent) -> Course:
    if isinstance(event, CourseOffered):
        return like(Course, event)
    if state is None:
        raise ValueError(f"{type(event).__name__} before CourseOffered")
    match event:
        case CourseEnrolled():
            joined = Participant(enrolled_on=event.enrolled_on)
            return dataclasses.replace(
                state, participants={**state.participants, event.client_id: joined}
            )
        case CourseDayCompleted():
            before = state.participants[event.client_id]
            after = dataclasses.replace(before, days_done=before.days_done | {event.day})
            return dataclasses.replace(
                state, participants={**state.participants, event.client_id: after}
            )
        case CourseCompleted():
            before = state.participants[event.client_id]
            after = dataclasses.replace(before, completed_on=event.completed_on)
            return dataclasses.replace(
                state, participants={**state.participants, event.client_id: after}
            )


def rebuild(events: Iterable[CourseEvent]) -> Course | None:
    state: Course | None = None
    return reduce(evolve, events, state)
