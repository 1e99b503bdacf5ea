"""Tolerant readers of the upstream events reporting folds (domain layer).

Each class declares an upstream event's wire name and version and only the fields
reporting reads, with the type the producer publishes; other payload keys are ignored.
The adapters decode every payload straight into its reader (``readers()``; in fact into
a ``msgspec.Struct`` mirror of it, faster to fill), so that a replay of a million events
builds one small object per event and no dictionary, and a payload that does not fit its
reader is refused, the same way live and in a replay. The fold reads a payload only by
its fields, never by its class.
Optional fields have defaults; the fold decides what a missing one counts as. Intake's
exit and correction payloads carry no project: it comes from the envelope.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from sys import intern
from typing import Any, Final

from shared.events.contract import EventContracts, event

Payload = Any
"""A decoded payload: an instance of its event type's reader."""


DAYS: dict[str, date] = {}
"""Dates parsed so far, by their ISO text: ``DAYS.get(text) or day(text)`` in hot loops."""


def day(text: str) -> date:
    """An ISO date, one shared object per day: a replay reads a million dates of a few
    thousand days, and sharing them saves both the parsing and the memory."""
    found = DAYS.get(text)
    if found is None:
        found = date.fromisoformat(text)
        if len(DAYS) < 100_000:
            DAYS[text] = found
    return found


# -- intake ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartData:
    """The ESF start data as reporting reads them; a missing field stays ``None``."""

    age_at_entry: int | None = None
    gender: str | None = None
    education: str | None = None
    labour_market_status: str | None = None
    unemployed_since: date | None = None
    sensitive: dict[str, str] = dataclasses.field(default_factory=dict)


@event("intake.client_enrolled", version=1)
class ClientEnrolled:
    client_id: str
    entered_on: date
    start_data: StartData = dataclasses.field(default_factory=StartData)


@event("intake.client_re_entered", version=1)
class ClientReEntered:
    client_id: str
    re_entered_on: date | None = None


@event("intake.start_data_corrected", version=2)
class StartDataCorrected:
    """Version 2 changed only the reason (a code and an id instead of words), which the
    figures do not read: version 1 reads as it is."""

    client_id: str
    start_data: StartData = dataclasses.field(default_factory=StartData)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LeaverStatus:
    """A client's status upon the exit on ``exited_on``, as each of intake's events about
    an exit carries it (``leaver_status`` reads it as the figures count it)."""

    client_id: str
    exited_on: date
    exit_status: str | None = None
    employment_type: str | None = None
    referral_kind: str | None = None
    intermediate_kind: str | None = None


def code_of(value: str | None) -> str | None:
    """A code as counted: an empty one is a missing one, and repeated ones are shared."""
    return intern(value) if value else None


def leaver_status(p: LeaverStatus) -> tuple[str, str | None, str | None]:
    """The exit status (``unknown`` when none was given), the employment type and the kind
    of exit (a referral or an intermediate step), each a shared string or ``None``."""
    return (
        code_of(p.exit_status) or "unknown",
        code_of(p.employment_type),
        code_of(p.referral_kind or p.intermediate_kind),
    )


@event("intake.client_exited", version=1)
class ClientExited(LeaverStatus):
    """The client left the project, with the status upon leaving when it was known then."""


@event("intake.status_upon_leaving_recorded", version=1)
class StatusUponLeavingRecorded(LeaverStatus):
    """The status of the exit on ``exited_on``, found out or corrected after the exit."""


@event("intake.follow_up_recorded", version=1)
class FollowUpRecorded(LeaverStatus):
    """A later status of the leaver of ``exited_on``; from six months on, the six-month one."""

    checked_on: date
    reached: bool = False
    source: str | None = None
    improvement: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FundingShareData:
    source: str
    percent: float


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlanData:
    planned_participants: int | None = None
    planned_companies: int | None = None
    budget_cents: int | None = None
    """The approved budget in euro cents; ``None`` when the plan gives none."""
    funding: tuple[FundingShareData, ...] = ()


@event("intake.project_registered", version=1)
class ProjectRegistered:
    plan: PlanData = dataclasses.field(default_factory=PlanData)


@event("intake.project_plan_changed", version=2)
class ProjectPlanChanged:
    """Version 2 changed only the reason, which the figures do not read."""

    plan: PlanData = dataclasses.field(default_factory=PlanData)


# -- coaching ----------------------------------------------------------------------------


@event("coaching.session_held", version=1)
class SessionHeld:
    session_id: str
    client_id: str
    held_on: date
    duration_minutes: int = 0
    kind: str | None = None
    """The session's kind (personal coaching, pre-coaching…): the services section."""


@event("coaching.attendance_recorded", version=1)
class AttendanceRecorded:
    meeting_id: str
    client_id: str
    held_on: date
    duration_minutes: int = 0
    attendance: str = "unknown"


# -- matching ----------------------------------------------------------------------------


@event("matching.company_registered", version=1)
class CompanyRegistered:
    company_id: str
    industry: str | None = None
    size_class: str | None = None
    sector: str | None = None
    """Private, public or the project's own organisation; missing in older events."""


@event("matching.company_contacted", version=1)
class CompanyContacted:
    company_id: str
    contacted_on: date
    kind: str | None = None


@event("matching.company_relation_recorded", version=1)
class CompanyRelationRecorded:
    company_id: str
    since: date
    relation: str | None = None


@event("matching.job_lead_found", version=1)
class JobLeadFound:
    company_id: str
    found_on: date


@event("matching.placement_started", version=1)
class PlacementStarted:
    placement_id: str
    client_id: str
    starts_on: date
    company_id: str | None = None
    placement_type: str | None = None
    ends_on: date | None = None


# -- the services, companies and money of the final report --------------------------------


@event("coaching.programme_planned", version=1)
class ProgrammePlanned:
    programme_id: str
    kind: str
    kind_name: str | None = None
    """The project's own name for the kind (e.g. DuuniKaverit), if it gave one."""
    starts_on: date


@event("coaching.client_joined_programme", version=1)
class ClientJoinedProgramme:
    programme_id: str
    client_id: str
    joined_on: date


@event("coaching.course_enrolled", version=1)
class CourseEnrolled:
    course_id: str
    client_id: str
    enrolled_on: date


@event("coaching.course_completed", version=1)
class CourseCompleted:
    course_id: str
    client_id: str
    completed_on: date


@event("coaching.pre_coaching_completed", version=1)
class PreCoachingCompleted:
    client_id: str
    completed_on: date


@event("coaching.in_work_coaching_started", version=1)
class InWorkCoachingStarted:
    plan_id: str
    client_id: str
    company_id: str | None = None
    started_on: date


@event("coaching.work_demonstration_recorded", version=1)
class WorkDemonstrationRecorded:
    plan_id: str
    client_id: str
    held_on: date
    result: str


@event("coaching.in_work_coaching_ended", version=1)
class InWorkCoachingEnded:
    plan_id: str
    client_id: str
    ended_on: date
    follow_on: str | None = None


@event("matching.company_sector_set", version=1)
class CompanySectorSet:
    company_id: str
    sector: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CostBooking:
    """A booking of the project's costs, whole, as each of its events gives it."""

    booking_id: str
    category: str
    period_start: date
    period_end: date
    amount_cents: int


@event("intake.cost_booked", version=1)
class CostBooked(CostBooking):
    """A cost booked for the first time."""


@event("intake.cost_booking_corrected", version=1)
class CostBookingCorrected(CostBooking):
    """The whole booking as corrected: it replaces the booking of the same id."""


# -- reporting's own log -----------------------------------------------------------------


@event("reporting.target_set", version=1)
class TargetSet:
    """A project's planned value of one figure, set on the report page."""

    project_id: str
    figure: str
    planned: int


FINAL_REPORT_READERS: Final = (
    ProgrammePlanned, ClientJoinedProgramme, CourseEnrolled, CourseCompleted,
    PreCoachingCompleted, InWorkCoachingStarted, WorkDemonstrationRecorded,
    InWorkCoachingEnded, CompanySectorSet, CostBooked, CostBookingCorrected,
)  # fmt: skip
"""Readers of the services, public employers and money sections of the final report."""

FOLLOW_UP_READERS: Final = (StatusUponLeavingRecorded, FollowUpRecorded)
"""Readers of what intake records after an exit: the status upon leaving and follow-ups."""

_READER_CLASSES: Final = (
    ProjectRegistered, ProjectPlanChanged, ClientEnrolled, ClientReEntered,
    StartDataCorrected, ClientExited, SessionHeld, AttendanceRecorded, CompanyRegistered,
    CompanyContacted, CompanyRelationRecorded, JobLeadFound, PlacementStarted, TargetSet,
    *FINAL_REPORT_READERS, *FOLLOW_UP_READERS,
)  # fmt: skip

UPSTREAMS: dict[str, tuple[str, ...]] = {
    "intake": (
        "intake.project_registered",
        "intake.project_plan_changed",
        "intake.client_enrolled",
        "intake.client_re_entered",
        "intake.start_data_corrected",
        "intake.client_exited",
        "intake.cost_booked",
        "intake.cost_booking_corrected",
        "intake.status_upon_leaving_recorded",
        "intake.follow_up_recorded",
    ),
    "coaching": (
        "coaching.session_held",
        "coaching.attendance_recorded",
        "coaching.programme_planned",
        "coaching.client_joined_programme",
        "coaching.course_enrolled",
        "coaching.course_completed",
        "coaching.pre_coaching_completed",
        "coaching.in_work_coaching_started",
        "coaching.work_demonstration_recorded",
        "coaching.in_work_coaching_ended",
    ),
    "matching": (
        "matching.company_registered",
        "matching.company_contacted",
        "matching.company_relation_recorded",
        "matching.job_lead_found",
        "matching.placement_started",
        "matching.company_sector_set",
    ),
    "reporting": ("reporting.target_set",),
}
"""The logs reporting reads, with the event types it folds from each."""


def reporting_contracts() -> EventContracts:
    """The tolerant readers as contracts: checks wire names and the privacy guard."""
    contracts = EventContracts()
    for name in ("intake.start_data_corrected", "intake.project_plan_changed"):
        contracts.upcaster(name, 1)(dict)  # version 2 changed only what is not read
    return contracts.register(*_READER_CLASSES)


def readers() -> dict[str, type[Any]]:
    """The reader of each event type reporting folds, by wire name."""
    contracts = reporting_contracts()
    return {name: contracts.class_for(name) for name in contracts.names()}
