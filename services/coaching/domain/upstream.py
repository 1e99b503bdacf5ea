"""Tolerant readers of intake's and matching's events: the wire names, only the fields
coaching needs.

Never intake's own classes (services do not import each other); extra payload keys are
ignored on decoding, so intake may add fields freely. Events without ``project_id`` in
the payload take it from the envelope.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from shared.events.contract import EventContracts, event_type


@event_type("intake.client_enrolled", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientEnrolled:
    client_id: str
    project_id: str
    coach_id: str
    entered_on: date


@event_type("intake.client_re_entered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientReEntered:
    client_id: str
    project_id: str
    re_entered_on: date


@event_type("intake.coach_assigned", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CoachAssigned:
    client_id: str
    coach_id: str


@event_type("intake.client_exited", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientExited:
    client_id: str
    exited_on: date


# The rest are known only so that they are skipped quietly rather than counted as unknown.


@event_type("intake.start_data_corrected", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartDataCorrected:
    client_id: str


@event_type("intake.target_group_rule_overridden", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TargetGroupRuleOverridden:
    client_id: str


@event_type("intake.project_registered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProjectRegistered:
    project_id: str


@event_type("intake.project_plan_changed", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProjectPlanChanged:
    project_id: str


def intake_readers() -> EventContracts:
    """Every intake event type coaching recognises (it acts on four of them)."""
    return EventContracts().register(
        ClientEnrolled,
        ClientReEntered,
        CoachAssigned,
        ClientExited,
        StartDataCorrected,
        TargetGroupRuleOverridden,
        ProjectRegistered,
        ProjectPlanChanged,
    )


@event_type("matching.company_registered", version=1)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompanyRegistered:
    """An employer matching works with: the third party of in-work coaching."""

    company_id: str
    project_id: str
    business_id: str
    municipality: str
    trade_name: str = ""


def matching_readers() -> EventContracts:
    """The matching event coaching acts on; the others are skipped and counted."""
    return EventContracts().register(CompanyRegistered)
