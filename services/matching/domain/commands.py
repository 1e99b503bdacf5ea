"""Commands of matching: what a coach asks for, before any rule has been checked.

Each is complete and frozen, built at the edge (a page's form or a JSON body) and handed
to the bus as it is: the ids of new records are chosen there too (``new_id``: a
resubmitted form names the same record, so it is stored once). The handlers check them
against the ``CommandContext`` (the project, the actor) before the domain decides.
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
    ProfileDetails,
)
from services.matching.domain.vocabulary import (
    AnswerReason,
    CompanyNeed,
    CompanyRelation,
    EmployerSector,
    LeadStatus,
    PlacementType,
    ReferralAnswer,
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RegisterCompany(CompanyDetails):
    coach_id: str
    sector: EmployerSector = EmployerSector.PRIVATE


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetCompanySector:
    company_id: str
    sector: EmployerSector
    set_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AddContactPerson(ContactPersonDetails):
    added_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordContact(ContactDetails):
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
class RecordLead(LeadDetails):
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
class UpdateJobProfile(ProfileDetails):
    """Replace the client's job profile with the whole of it as the coach left it."""


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
class StartPlacement(PlacementDetails):
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
