"""The closed vocabularies of coaching: what a coach picks from a list, never types freely.

Values are the wire values of the events, so reporting and matching read them as they are.
Free text about a person (case notes, goal wording) never becomes one of these.
"""

from __future__ import annotations

from enum import Enum


class Mode(Enum):
    """How an individual session was held."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"


class SessionKind(Enum):
    GUIDANCE_POINT_VISIT = "guidance_point_visit"
    """A drop-in visit at a guidance point (asiakasohjauspiste)."""
    PERSONAL_COACHING = "personal_coaching"
    JOB_SEARCH_HELP = "job_search_help"
    PRE_COACHING = "pre_coaching"
    """Pre-coaching before in-work coaching (esivalmennus)."""
    FOLLOW_UP = "follow_up"


class Topic(Enum):
    """What a session dealt with: classification only, the details go to the case note."""

    CV = "cv"
    JOB_APPLICATIONS = "job_applications"
    INTERVIEW = "interview"
    CAREER_PLANNING = "career_planning"
    EDUCATION = "education"
    ENTREPRENEURSHIP = "entrepreneurship"
    DIGITAL_SKILLS = "digital_skills"
    HIDDEN_JOBS = "hidden_jobs"
    WORK_TRIAL = "work_trial"
    WELLBEING = "wellbeing"
    BENEFITS = "benefits"
    OTHER = "other"


class CancelReason(Enum):
    CANCELLED_BY_CLIENT = "cancelled_by_client"
    CANCELLED_BY_COACH = "cancelled_by_coach"
    NO_SHOW = "no_show"


class ProgrammeKind(Enum):
    JOB_SEEKERS_GROUP = "job_seekers_group"
    """A three-week job-seekers' group (e.g. DuuniKaverit)."""
    ENTREPRENEURS_GROUP = "entrepreneurs_group"
    """A group for would-be entrepreneurs (e.g. YrittäjäKaverit)."""
    JOB_SEARCH_DAY = "job_search_day"
    """Weekly job-search days in one municipality."""
    WORKSHOP = "workshop"
    OTHER = "other"


class Attendance(Enum):
    PRESENT = "present"
    ABSENT = "absent"
    """A no-show: absent without notice."""
    EXCUSED = "excused"


class GoalArea(Enum):
    EMPLOYMENT = "employment"
    JOB_SEARCH = "job_search"
    EDUCATION = "education"
    SKILLS = "skills"
    ENTREPRENEURSHIP = "entrepreneurship"
    WELLBEING = "wellbeing"
    WORK_COMMUNITY = "work_community"
    """In-work coaching: getting on in the work community."""
    OTHER = "other"


class GoalOutcome(Enum):
    ACHIEVED = "achieved"
    CHANGED = "changed"
    DROPPED = "dropped"
    IN_PROGRESS = "in_progress"

    @property
    def closes_goal(self) -> bool:
        return self in (GoalOutcome.ACHIEVED, GoalOutcome.DROPPED)


class Level(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Progress(Enum):
    """How an in-work coaching plan is going, as the three parties see it at a review."""

    ON_TRACK = "on_track"
    NEEDS_SUPPORT = "needs_support"
    OFF_TRACK = "off_track"


class DemonstrationResult(Enum):
    PASSED = "passed"
    PARTLY = "partly"
    FAILED = "failed"


class FollowOn(Enum):
    """Where in-work coaching leads at its end (jatkopolutus)."""

    CONTINUED_EMPLOYMENT = "continued_employment"
    EDUCATION = "education"
    OTHER = "other"
