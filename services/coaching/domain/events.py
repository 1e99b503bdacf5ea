"""Published events of coaching, with their stable wire names and schema versions.

Reporting, matching and intake's client timeline read these. They carry pseudonymous ids
and classification fields only: case notes and the wording of goals stay in coaching's
private tables (``adapters/tables.py``) and never reach an event.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time

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
from shared.events.contract import event_type

# Individual sessions


@event_type("coaching.session_booked", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionBooked:
    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    starts_at: time
    duration_minutes: int
    mode: Mode
    kind: SessionKind


@event_type("coaching.session_held", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionHeld:
    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    starts_at: time
    duration_minutes: int
    mode: Mode
    kind: SessionKind
    topics: tuple[Topic, ...]
    was_booked: bool = False
    """True when it had been booked beforehand; false for a drop-in recorded afterwards."""


@event_type("coaching.session_cancelled", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionCancelled:
    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    """The day the session was booked for."""
    reason: CancelReason


# Group programmes


@event_type("coaching.programme_planned", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProgrammePlanned:
    programme_id: str
    project_id: str
    kind: ProgrammeKind
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str


@event_type("coaching.meeting_scheduled", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class MeetingScheduled:
    programme_id: str
    meeting_id: str
    project_id: str
    held_on: date
    duration_minutes: int


@event_type("coaching.client_joined_programme", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientJoinedProgramme:
    programme_id: str
    client_id: str
    project_id: str
    joined_on: date


@event_type("coaching.attendance_recorded", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
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


@event_type("coaching.course_offered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CourseOffered:
    course_id: str
    project_id: str
    title: str
    days: int


@event_type("coaching.course_enrolled", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CourseEnrolled:
    course_id: str
    client_id: str
    project_id: str
    days: int
    enrolled_on: date


@event_type("coaching.course_day_completed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CourseDayCompleted:
    course_id: str
    client_id: str
    project_id: str
    day: int
    completed_on: date


@event_type("coaching.course_completed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CourseCompleted:
    course_id: str
    client_id: str
    project_id: str
    completed_on: date


# The client's plan


@event_type("coaching.goal_set", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class GoalSet:
    goal_id: str
    client_id: str
    project_id: str
    target_date: date
    area: GoalArea
    set_on: date


@event_type("coaching.goal_reviewed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class GoalReviewed:
    goal_id: str
    client_id: str
    project_id: str
    reviewed_on: date
    outcome: GoalOutcome
    target_date: date
    """The target date after the review: a changed goal may get a new one."""


@event_type("coaching.pre_coaching_completed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PreCoachingCompleted:
    client_id: str
    project_id: str
    completed_on: date
    skills_mapped: bool
    motivation: Level
    support_need: Level
    cv_done: bool


# In-work coaching: client, employer and coach


@event_type("coaching.in_work_coaching_started", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkCoachingStarted:
    plan_id: str
    client_id: str
    company_id: str
    project_id: str
    coach_id: str
    started_on: date


@event_type("coaching.in_work_goal_agreed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkGoalAgreed:
    """A goal the client, the employer and the coach agreed on together."""

    plan_id: str
    goal_id: str
    client_id: str
    project_id: str
    area: GoalArea
    target_date: date
    agreed_on: date


@event_type("coaching.in_work_progress_reviewed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkProgressReviewed:
    plan_id: str
    client_id: str
    project_id: str
    reviewed_on: date
    progress: Progress


@event_type("coaching.work_demonstration_recorded", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class WorkDemonstrationRecorded:
    plan_id: str
    client_id: str
    project_id: str
    held_on: date
    result: DemonstrationResult


@event_type("coaching.in_work_coaching_ended", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkCoachingEnded:
    plan_id: str
    client_id: str
    project_id: str
    ended_on: date
    follow_on: FollowOn


SessionEvent = SessionBooked | SessionHeld | SessionCancelled
ProgrammeEvent = ProgrammePlanned | MeetingScheduled | ClientJoinedProgramme | AttendanceRecorded
CourseEvent = CourseOffered | CourseEnrolled | CourseDayCompleted | CourseCompleted
PlanEvent = GoalSet | GoalReviewed | PreCoachingCompleted
InWorkEvent = (
    InWorkCoachingStarted
    | InWorkGoalAgreed
    | InWorkProgressReviewed
    | WorkDemonstrationRecorded
    | InWorkCoachingEnded
)
Event = SessionEvent | ProgrammeEvent | CourseEvent | PlanEvent | InWorkEvent

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
)
