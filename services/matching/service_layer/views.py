"""What the read model answers: rows of matching's projections, as plain values.

Built by the adapters from matching's own tables; the handlers read them for the facts
a decision needs, the routes and pages show them.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from services.matching.domain.profile import JobProfile
from services.matching.domain.vocabulary import (
    AnswerReason,
    CompanyNeed,
    CompanyRelation,
    ContactKind,
    EmployerSector,
    LeadKind,
    LeadStatus,
    PlacementType,
    ReferralAnswer,
    SizeClass,
    WorkingTime,
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientStanding:
    """Intake's view of a client, as matching follows it: enrolled, active, consenting."""

    client_id: str
    project_id: str
    coach_id: str
    active: bool
    consent_given: bool
    exited_on: date | None = None
    employer_presentation: bool | None = None
    """Intake's consent to being presented to employers; ``None``: never asked."""
    presentation_seen: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProfileView:
    project_id: str
    profile: JobProfile
    matching_consent: bool
    updated_on: date
    municipalities_as_typed: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompanyView:
    company_id: str
    project_id: str
    business_id: str
    trade_name: str
    industry: str
    municipality: str
    size_class: SizeClass
    registered_on: date
    relation: CompanyRelation | None = None
    relation_since: date | None = None
    sector: EmployerSector | None = None
    """``None``: never marked, a company (as before sectors were recorded)."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactPerson:
    """Personal data: kept in matching's contact-person table only, never in an event."""

    contact_id: str
    company_id: str
    project_id: str
    full_name: str
    job_title: str = ""
    phone: str = ""
    email: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactLogEntry:
    contact_log_id: str
    company_id: str
    contact_id: str | None
    kind: ContactKind
    coach_id: str
    contacted_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactNote:
    """What was discussed at one contact, and who made it: kept in matching's own table only,
    never in an event (the event names the contact-log id and the maker's user id)."""

    contact_log_id: str
    company_id: str
    project_id: str
    note: str
    made_by_id: str
    made_by_name: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class NeedView:
    need_id: str
    company_id: str
    need: CompanyNeed
    occupation_code: str | None
    headcount: int | None
    recorded_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LeadView:
    lead_id: str
    project_id: str
    company_id: str
    kind: LeadKind
    occupation_code: str
    occupation_label: str
    esco_code: str | None
    municipality: str
    working_time: WorkingTime
    found_on: date
    starts_on: date | None
    wage_subsidy_eligible: bool
    required_skills: tuple[str, ...]
    required_languages: tuple[str, ...]
    status: LeadStatus
    status_changed_on: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReferralView:
    referral_id: str
    project_id: str
    client_id: str
    lead_id: str
    company_id: str
    referred_on: date
    answer: ReferralAnswer | None = None
    reason: AnswerReason | None = None
    answered_on: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlacementView:
    placement_id: str
    project_id: str
    client_id: str
    company_id: str
    lead_id: str | None
    referral_id: str | None
    placement_type: PlacementType
    starts_on: date
    ends_on: date | None
