"""Tolerant readers of the upstream events reporting folds (domain layer).

Each class declares an upstream event's wire name and version and only the fields
reporting reads; other payload keys are ignored. The fold (``fold.STEPS``) reads these
fields straight from the decoded payload, so that a replay of a million events builds no
intermediate object per event; the classes are the contract it reads by, registered so
that the privacy guard checks them, and the tests build their payloads from them.
Intake's exit and correction payloads carry no project: it comes from the envelope.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from sys import intern
from typing import Any

from shared.events.contract import EventContracts, event_type

Payload = Mapping[str, Any]


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


def text(value: str) -> str:
    """A repeated id or code (client, project, kind): one shared string per value."""
    return intern(value)


def optional_date(value: Any) -> date | None:
    return day(value) if isinstance(value, str) and value else None


def optional_text(value: Any) -> str | None:
    return intern(value) if isinstance(value, str) and value else None


def optional_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# -- intake ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartData:
    """The ESF start data as reporting reads them; a missing field stays ``None``."""

    age_at_entry: int | None
    gender: str | None
    education: str | None
    labour_market_status: str | None
    unemployed_since: date | None
    sensitive: tuple[tuple[str, str], ...]

    @classmethod
    def read(cls, raw: Any) -> StartData:
        data: Payload = raw if isinstance(raw, Mapping) else {}
        sensitive = data.get("sensitive")
        answers = (
            tuple(sorted((str(k), str(v)) for k, v in sensitive.items()))
            if isinstance(sensitive, Mapping)
            else ()
        )
        return cls(
            age_at_entry=optional_int(data.get("age_at_entry")),
            gender=optional_text(data.get("gender")),
            education=optional_text(data.get("education")),
            labour_market_status=optional_text(data.get("labour_market_status")),
            unemployed_since=optional_date(data.get("unemployed_since")),
            sensitive=answers,
        )


@event_type("intake.client_enrolled", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientEnrolled:
    client_id: str
    entered_on: date
    start_data: StartData


@event_type("intake.client_re_entered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientReEntered:
    client_id: str
    re_entered_on: date


@event_type("intake.start_data_corrected", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartDataCorrected:
    client_id: str
    start_data: StartData


@event_type("intake.client_exited", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientExited:
    client_id: str
    exited_on: date
    exit_status: str
    employment_type: str | None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlanData:
    planned_participants: int
    planned_companies: int


@event_type("intake.project_registered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProjectRegistered:
    project_id: str
    plan: PlanData


@event_type("intake.project_plan_changed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProjectPlanChanged:
    project_id: str
    plan: PlanData


# -- coaching ----------------------------------------------------------------------------


@event_type("coaching.session_held", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionHeld:
    session_id: str
    client_id: str
    held_on: date
    duration_minutes: int
    mode: str | None
    kind: str | None


@event_type("coaching.attendance_recorded", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AttendanceRecorded:
    programme_id: str
    meeting_id: str
    client_id: str
    held_on: date
    duration_minutes: int
    attendance: str


# -- matching ----------------------------------------------------------------------------


@event_type("matching.company_registered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompanyRegistered:
    company_id: str
    industry: str | None
    size_class: str | None


@event_type("matching.company_contacted", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompanyContacted:
    company_id: str
    kind: str | None
    contacted_on: date


@event_type("matching.company_relation_recorded", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompanyRelationRecorded:
    company_id: str
    relation: str
    since: date


@event_type("matching.job_lead_found", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class JobLeadFound:
    lead_id: str
    company_id: str
    found_on: date


@event_type("matching.placement_started", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlacementStarted:
    placement_id: str
    client_id: str
    company_id: str | None
    placement_type: str
    starts_on: date
    ends_on: date | None


# -- reporting's own log -----------------------------------------------------------------


@event_type("reporting.target_set", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TargetSet:
    """A project's planned value of one figure (intake has no project registry yet)."""

    project_id: str
    figure: str
    planned: int


UpstreamEvent = (
    ClientEnrolled
    | ClientReEntered
    | StartDataCorrected
    | ClientExited
    | SessionHeld
    | AttendanceRecorded
    | CompanyRegistered
    | CompanyContacted
    | CompanyRelationRecorded
    | JobLeadFound
    | PlacementStarted
    | TargetSet
)


UPSTREAMS: dict[str, tuple[str, ...]] = {
    "intake": (
        "intake.project_registered",
        "intake.project_plan_changed",
        "intake.client_enrolled",
        "intake.client_re_entered",
        "intake.start_data_corrected",
        "intake.client_exited",
    ),
    "coaching": ("coaching.session_held", "coaching.attendance_recorded"),
    "matching": (
        "matching.company_registered",
        "matching.company_contacted",
        "matching.company_relation_recorded",
        "matching.job_lead_found",
        "matching.placement_started",
    ),
    "reporting": ("reporting.target_set",),
}
"""The logs reporting reads, with the event types it folds from each."""


def reporting_contracts() -> EventContracts:
    """The tolerant readers as contracts: checks wire names and the privacy guard."""
    return EventContracts().register(
        ProjectRegistered, ProjectPlanChanged, ClientEnrolled, ClientReEntered,
        StartDataCorrected, ClientExited, SessionHeld, AttendanceRecorded, CompanyRegistered,
        CompanyContacted, CompanyRelationRecorded, JobLeadFound, PlacementStarted, TargetSet,
    )  # fmt: skip
