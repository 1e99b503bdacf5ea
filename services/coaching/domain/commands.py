"""What a coach asks coaching to do: the complete, frozen commands the edges build (domain).

A page's form and the JSON API build the same command and hand it to the bus; the project,
the actor and a form's submission id come with the ``CommandContext``, not in the command.
The handler derives what the domain's decisions need besides (a new aggregate's id from
the submission, "today" on the coaches' calendar, the client's standing).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, time

from services.coaching.domain.day_vocabulary import NoteKind
from services.coaching.domain.employer_forms import Proposal
from services.coaching.domain.employer_vocabulary import EmployerForm
from services.coaching.domain.in_work import InWorkCommand
from services.coaching.domain.plans import PreCoaching
from services.coaching.domain.programmes import Repeat
from services.coaching.domain.session_import import ImportSession
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import (
    Attendance,
    CancelReason,
    GoalArea,
    GoalOutcome,
    ProgrammeKind,
)

# Individual sessions


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class BookSession:
    client_id: str
    details: SessionDetails
    coach_id: str | None = None
    """The coach holding it; the actor when left out."""
    note: str = ""
    """The note typed when booking (what to go through): private to coaching, never in an
    event; it becomes the session's case note, to be completed when it is held."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordSession:
    """Record a session as held: a booked one (``session_id``) or a drop-in (a new one)."""

    details: SessionDetails
    client_id: str | None = None
    """The drop-in's client; a booked session keeps its own."""
    session_id: str | None = None
    coach_id: str | None = None
    """The booked session's coach (or the actor, for a drop-in) when left out."""
    note: str = ""
    """The private case note: kept in coaching only, never in an event."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CancelSession:
    session_id: str
    reason: CancelReason


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class WriteSessionNote:
    session_id: str
    note: str


# Group programmes and online courses


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlanProgramme:
    kind: ProgrammeKind
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str | None = None
    kind_name: str | None = None
    """The project's own name for the kind of programme (e.g. DuuniKaverit)."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ScheduleMeeting:
    programme_id: str
    held_on: date
    """The (first) meeting's day."""
    duration_minutes: int
    repeat: Repeat = Repeat.ONCE
    """Once, weekly for ``weeks`` weeks, or the three-week group pattern."""
    weeks: int = 1
    starts_at: time | None = None
    """When each meeting begins; ``None``: a day without an hour."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class JoinProgramme:
    programme_id: str
    client_id: str
    joined_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TakeAttendance:
    """One meeting's whole sheet; only the marks that changed are recorded."""

    programme_id: str
    meeting_id: str
    marks: Mapping[str, Attendance]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class OfferCourse:
    title: str
    days: int


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EnrolInCourse:
    course_id: str
    client_id: str
    enrolled_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompleteCourseDay:
    course_id: str
    client_id: str
    day: int
    completed_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompleteCourseDays:
    """Several days of one participant's course done, in one form."""

    course_id: str
    client_id: str
    days: tuple[int, ...]
    completed_on: date


# A client's plan and in-work coaching


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetGoal:
    client_id: str
    area: GoalArea
    target_date: date
    text: str = ""
    """The goal in words, as agreed with the client: private to coaching."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReviewGoal:
    client_id: str
    goal_id: str
    outcome: GoalOutcome
    new_target_date: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordPreCoaching(PreCoaching):
    client_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartInWorkCoaching:
    client_id: str
    company_id: str
    started_on: date
    coach_id: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContinueInWorkCoaching:
    """Agree a joint goal, review progress, record the demonstration or end the plan."""

    plan_id: str
    step: InWorkCommand
    text: str = ""
    """In words, private to coaching: the joint goal as agreed, or the follow-on plan
    at the end (what happens next)."""


# A coach's working day: tasks, case notes, the calendar feed


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AddTask:
    """A coach's own task on a client, for herself."""

    client_id: str
    due_on: date
    text: str
    """What to do, in words: private to coaching, never in an event."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompleteTask:
    """Mark a task done: a coach's own, or one coaching derived by rule for the client."""

    task_id: str
    client_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReassignTask:
    task_id: str
    client_id: str
    owner_id: str
    """The coach who takes it over: the client's own coach, or the one who asks."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class WriteCaseNote:
    client_id: str
    kind: NoteKind
    noted_on: date
    text: str
    """The note's words: private to coaching, never in an event."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class IssueCalendarFeed:
    """Give the actor a new secret address for her calendar feed; an earlier one stops
    working. The edge draws the secret and shows it once; only its hash is kept."""

    token: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RevokeCalendarFeed:
    """Stop the actor's calendar feed: its address answers nothing any more."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class MoveSession:
    """Move a booked session to another day or time; refused on a clash with the coach's
    or the client's other sessions."""

    session_id: str
    held_on: date
    starts_at: time
    duration_minutes: int


# Employer forms by link (in-work coaching)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class IssueEmployerLink:
    """A link for an employer's contact person to fill in one form on one plan."""

    plan_id: str
    form: EmployerForm
    language: str
    valid_days: int
    recipient: str
    """Whom it goes to, in the coach's words: private to coaching."""
    contact_id: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RevokeEmployerLink:
    plan_id: str
    link_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SendEmployerForm:
    """The employer's contact person sends the form of the link ``token``: no account, the
    token is the key. It becomes a proposal the coach confirms or rejects."""

    token: str
    proposal: Proposal


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ConfirmEmployerForm:
    plan_id: str
    link_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RejectEmployerForm:
    plan_id: str
    link_id: str


# A running project's history, brought in from its records


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ImportSessions:
    """Sessions of a running project's records, a row each (``session_import``): one
    command for many rows, so the read models catch up once per batch, not per row."""

    rows: tuple[ImportSession, ...]
