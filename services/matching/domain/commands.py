"""Commands of matching: what a coach asks for, before any rule has been checked.

Each is complete and frozen, built at the edge (a page's form or a JSON body) and handed
to the bus as it is: the ids of new records are chosen there too (``new_id``: a
resubmitted form names the same record, so it is stored once). The handlers check them
against the ``CommandContext`` (the project, the actor) before the domain decides.
"""

from __future__ import annotations

import dataclasses
from datetime import date

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
    WorkingTimePreference,
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RegisterCompany:
    company_id: str
    project_id: str
    business_id: str
    trade_name: str
    industry: str
    municipality: str
    size_class: SizeClass
    registered_on: date
    coach_id: str
    sector: EmployerSector = EmployerSector.PRIVATE


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetCompanySector:
    company_id: str
    sector: EmployerSector
    set_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AddContactPerson:
    company_id: str
    contact_id: str
    added_on: date
    full_name: str
    """The person's details are personal data: kept in the contact-person table only."""
    job_title: str = ""
    phone: str = ""
    email: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordContact:
    company_id: str
    contact_log_id: str
    contact_id: str | None
    kind: ContactKind
    coach_id: str
    """Who made the contact (a user id): the signed-in user unless another is named."""
    contacted_on: date
    note: str = ""
    """What was discussed: free text, kept in matching's own table only, never in the event."""
    made_by_name: str = ""
    """The maker's name as shown, kept with the note."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordRelation:
    company_id: str
    relation: CompanyRelation
    since: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordNeed:
    company_id: str
    need_id: str
    need: CompanyNeed
    occupation_code: str | None
    headcount: int | None
    recorded_on: date


CompanyCommand = (
    RegisterCompany
    | AddContactPerson
    | RecordContact
    | RecordRelation
    | RecordNeed
    | SetCompanySector
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordLead:
    lead_id: str
    company_id: str
    project_id: str
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
    coach_id: str
    driving_licence_required: bool = False
    """Recorded as the skill ``driving_licence`` among the required skills."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ChangeLeadStatus:
    lead_id: str
    status: LeadStatus
    changed_on: date


LeadCommand = RecordLead | ChangeLeadStatus


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class UpdateJobProfile:
    client_id: str
    project_id: str
    target_occupations: tuple[str, ...]
    skills: tuple[str, ...]
    languages: tuple[str, ...]
    municipalities: tuple[str, ...]
    working_time: WorkingTimePreference
    driving_licence: bool
    matching_consent: bool
    updated_on: date
    coach_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReferClient:
    referral_id: str
    client_id: str
    lead_id: str
    project_id: str
    referred_on: date
    coach_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AnswerReferral:
    referral_id: str
    answer: ReferralAnswer
    reason: AnswerReason
    answered_on: date


ReferralCommand = ReferClient | AnswerReferral


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartPlacement:
    placement_id: str
    client_id: str
    company_id: str
    project_id: str
    lead_id: str | None
    referral_id: str | None
    placement_type: PlacementType
    starts_on: date
    ends_on: date | None
    coach_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlaceReferral:
    """Start a placement from a referral: the referral names the client and the company."""

    placement_id: str
    referral_id: str
    project_id: str
    placement_type: PlacementType
    starts_on: date
    ends_on: date | None
    coach_id: str
