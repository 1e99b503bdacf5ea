"""Published events of coaching, with their stable wire names and schema versions.

Reporting, matching and intake's client timeline read these. They carry pseudonymous ids
and classification fields only: case notes and the wording of goals stay in coaching's
private tables (``adapters/tables.py``) and never reach an event.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time

from services.coaching.domain.day_vocabulary import NoteKind, TaskKind
from services.coaching.domain.employer_vocabulary import Attainment, EmployerForm
from services.coaching.domain.vocabulary import (
    Attendance,
    CancelReason,
    DemonstrationResult,
    FollowOn,
    GoalArea,
    GoalOutcome,
    Level,
    Mode,
    ProgrammeKind,
    Progress,
    SessionKind,
    Topic,
)
from shared.events.contract import event

# Individual sessions


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionSlot:
    """Where a session stands in the calendar, as its events say: whose session it is, in
    which project, on which day, from when and for how long."""

    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    starts_at: time
    duration_minutes: int


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionFacts(SessionSlot):
    """What a booked or a held session's event says of it: its slot, and how and what kind
    of session it is."""

    mode: Mode
    kind: SessionKind


@event("coaching.session_booked", version=1)
class SessionBooked(SessionFacts):
    topics: tuple[Topic, ...] = ()
    """The topics planned, which recording the session as held starts from (added later
    with a default: a booking recorded before it has none)."""


@event("coaching.session_held", version=1)
class SessionHeld(SessionFacts):
    topics: tuple[Topic, ...]
    was_booked: bool = False
    """True when it had been booked beforehand; false for a drop-in recorded afterwards."""


@event("coaching.session_cancelled", version=1)
class SessionCancelled:
    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    """The day the session was booked for."""
    reason: CancelReason


@event("coaching.session_moved", version=1)
class SessionMoved(SessionSlot):
    """A booked session moved to another day or time (or made longer or shorter)."""

    moved_from: date
    """The day it had been booked for."""


# Group programmes


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProgrammeOutline:
    """What a programme is, as planned: its kind, title and municipality, its first and
    last day, and its coach, in its project (what its planning says of it, and what the
    programme keeps)."""

    programme_id: str
    project_id: str
    kind: ProgrammeKind
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str


@event("coaching.programme_planned", version=1)
class ProgrammePlanned(ProgrammeOutline):
    kind_name: str | None = None
    """The project's own name for the kind, e.g. DuuniKaverit (the final report counts
    clients by it); ``None``: the project gave none."""


@event("coaching.meeting_scheduled", version=1)
class MeetingScheduled:
    programme_id: str
    meeting_id: str
    project_id: str
    held_on: date
    duration_minutes: int
    starts_at: time | None = None
    """When the meeting begins; ``None``: a day without an hour (meetings scheduled before
    meetings had a time, or one whose hour is not fixed), shown as a whole day."""


@event("coaching.client_joined_programme", version=1)
class ClientJoinedProgramme:
    programme_id: str
    client_id: str
    project_id: str
    joined_on: date


@event("coaching.attendance_recorded", version=1)
class AttendanceRecorded:
    """One client's attendance at one meeting; a later one for the same pair corrects it."""

    programme_id: str
    meeting_id: str
    client_id: str
    project_id: str
    held_on: date
    duration_minutes: int
    attendance: Attendance
    correction: bool = False


# Online course


@event("coaching.course_offered", version=1)
class CourseOffered:
    course_id: str
    project_id: str
    title: str
    days: int


@event("coaching.course_enrolled", version=1)
class CourseEnrolled:
    course_id: str
    client_id: str
    project_id: str
    days: int
    enrolled_on: date


@event("coaching.course_day_completed", version=1)
class CourseDayCompleted:
    course_id: str
    client_id: str
    project_id: str
    day: int
    completed_on: date


@event("coaching.course_completed", version=1)
class CourseCompleted:
    course_id: str
    client_id: str
    project_id: str
    completed_on: date


# The client's plan


@event("coaching.goal_set", version=1)
class GoalSet:
    goal_id: str
    client_id: str
    project_id: str
    target_date: date
    area: GoalArea
    set_on: date


@event("coaching.goal_reviewed", version=1)
class GoalReviewed:
    goal_id: str
    client_id: str
    project_id: str
    reviewed_on: date
    outcome: GoalOutcome
    target_date: date
    """The target date after the review: a changed goal may get a new one."""


@event("coaching.pre_coaching_completed", version=1)
class PreCoachingCompleted:
    client_id: str
    project_id: str
    completed_on: date
    skills_mapped: bool
    motivation: Level
    support_need: Level
    cv_done: bool


# In-work coaching: client, employer and coach


@event("coaching.in_work_coaching_started", version=1)
class InWorkCoachingStarted:
    plan_id: str
    client_id: str
    company_id: str
    project_id: str
    coach_id: str
    started_on: date


@event("coaching.in_work_goal_agreed", version=1)
class InWorkGoalAgreed:
    """A goal the client, the employer and the coach agreed on together."""

    plan_id: str
    goal_id: str
    client_id: str
    project_id: str
    area: GoalArea
    target_date: date
    agreed_on: date


@event("coaching.in_work_progress_reviewed", version=1)
class InWorkProgressReviewed:
    plan_id: str
    client_id: str
    project_id: str
    reviewed_on: date
    progress: Progress


@event("coaching.work_demonstration_recorded", version=1)
class WorkDemonstrationRecorded:
    plan_id: str
    client_id: str
    project_id: str
    held_on: date
    result: DemonstrationResult


@event("coaching.in_work_coaching_ended", version=1)
class InWorkCoachingEnded:
    plan_id: str
    client_id: str
    project_id: str
    ended_on: date
    follow_on: FollowOn


@event("coaching.in_work_goal_assessed", version=1)
class InWorkGoalAssessed:
    """A joint goal at review: how far it was attained."""

    plan_id: str
    goal_id: str
    client_id: str
    project_id: str
    assessed_on: date
    attainment: Attainment


@event("coaching.work_demonstration_assessed", version=1)
class WorkDemonstrationAssessed:
    """The competence areas of a work demonstration, each 1 to 5 (``None``: not shown).
    Its overall result is ``WorkDemonstrationRecorded``; the tasks shown, in words, stay
    in coaching's private store."""

    plan_id: str
    client_id: str
    project_id: str
    held_on: date
    work_tasks: int | None = None
    tools_and_safety: int | None = None
    cooperation: int | None = None
    independence: int | None = None
    reliability: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FormByLink:
    """What every event of a form by link says of it: the link, the plan with its client
    and project, which form, and the day the employer sent it."""

    link_id: str
    plan_id: str
    client_id: str
    project_id: str
    form: EmployerForm
    submitted_on: date


@event("coaching.employer_form_submitted", version=1)
class EmployerFormSubmitted(FormByLink):
    """The employer's contact person sent a form by link: a proposal, not yet the record."""


@event("coaching.employer_form_confirmed", version=1)
class EmployerFormConfirmed(FormByLink):
    """A coach confirmed what the employer entered by link (``link_id``); the events of the
    record itself come with this one."""

    confirmed_on: date
    confirmed_by: str
    """The coach who confirmed it."""


@event("coaching.employer_form_rejected", version=1)
class EmployerFormRejected(FormByLink):
    """A coach did not take what the employer entered by link into the record."""

    rejected_on: date
    rejected_by: str


# A coach's working day: tasks and free-standing case notes. What a task or a note says
# stays in coaching's private texts; the events carry ids, kinds and dates only.


@event("coaching.task_created", version=1)
class TaskCreated:
    """A coach's own task (``kind`` own). Tasks coaching derives by rule are not created:
    they exist while their rule holds, and only their being done or reassigned is recorded."""

    task_id: str
    client_id: str
    project_id: str
    owner_id: str
    kind: TaskKind
    created_on: date
    """First of the dates: the day it happened, for a client's timeline."""
    due_on: date


@event("coaching.task_done", version=1)
class TaskDone:
    task_id: str
    client_id: str
    project_id: str
    owner_id: str
    kind: TaskKind
    done_on: date
    due_on: date


@event("coaching.task_reassigned", version=1)
class TaskReassigned:
    task_id: str
    client_id: str
    project_id: str
    owner_id: str
    """The new owner."""
    previous_owner_id: str
    kind: TaskKind
    reassigned_on: date
    due_on: date


@event("coaching.case_note_written", version=1)
class CaseNoteWritten:
    """A note on a client outside sessions (a call, a message, a meeting); its text is
    private to coaching, kept under ``note_id``."""

    note_id: str
    client_id: str
    project_id: str
    author_id: str
    kind: NoteKind
    noted_on: date


SessionEvent = SessionBooked | SessionHeld | SessionCancelled | SessionMoved
ProgrammeEvent = ProgrammePlanned | MeetingScheduled | ClientJoinedProgramme | AttendanceRecorded
CourseEvent = CourseOffered | CourseEnrolled | CourseDayCompleted | CourseCompleted
PlanEvent = GoalSet | GoalReviewed | PreCoachingCompleted
InWorkEvent = (
    InWorkCoachingStarted
    | InWorkGoalAgreed
    | InWorkProgressReviewed
    | WorkDemonstrationRecorded
    | InWorkCoachingEnded
    | InWorkGoalAssessed
    | WorkDemonstrationAssessed
    | EmployerFormSubmitted
    | EmployerFormConfirmed
    | EmployerFormRejected
)
TaskEvent = TaskCreated | TaskDone | TaskReassigned
Event = (
    SessionEvent
    | ProgrammeEvent
    | CourseEvent
    | PlanEvent
    | InWorkEvent
    | TaskEvent
    | CaseNoteWritten
)

PUBLISHED: tuple[type[Event], ...] = (
    SessionBooked,
    SessionHeld,
    SessionCancelled,
    ProgrammePlanned,
    MeetingScheduled,
    ClientJoinedProgramme,
    AttendanceRecorded,
    CourseOffered,
    CourseEnrolled,
    CourseDayCompleted,
    CourseCompleted,
    GoalSet,
    GoalReviewed,
    PreCoachingCompleted,
    InWorkCoachingStarted,
    InWorkGoalAgreed,
    InWorkProgressReviewed,
    WorkDemonstrationRecorded,
    InWorkCoachingEnded,
    TaskCreated,
    TaskDone,
    TaskReassigned,
    CaseNoteWritten,
    SessionMoved,
    InWorkGoalAssessed,
    WorkDemonstrationAssessed,
    EmployerFormSubmitted,
    EmployerFormConfirmed,
    EmployerFormRejected,
)
