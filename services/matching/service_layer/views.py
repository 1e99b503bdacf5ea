"""What the read model answers: rows of matching's projections, as plain values.

Built by the adapters from matching's own tables; the handlers read them for the facts
a decision needs, the routes and pages show them.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from services.matching.domain.details import (
    CompanyDetails,
    ContactDetails,
    ContactPersonDetails,
    LeadDetails,
    PlacementDetails,
)
from services.matching.domain.profile import JobProfile
from services.matching.domain.vocabulary import (
    AnswerReason,
    CompanyNeed,
    CompanyRelation,
    EmployerSector,
    LeadStatus,
    ReferralAnswer,
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
class CompanyView(CompanyDetails):
    relation: CompanyRelation | None = None
    relation_since: date | None = None
    sector: EmployerSector | None = None
    """``None``: never marked, a company (as before sectors were recorded)."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactPerson(ContactPersonDetails):
    project_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactLogEntry(ContactDetails):
    """A line of a company's contact log, without its note (``ContactNote``)."""


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
class LeadView(LeadDetails):
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
class PlacementView(PlacementDetails):
    """A placement as projected: as it started, without who recorded it."""
