"""Events of matching, with their stable wire names and schema versions.

Companies, leads, job profiles, referrals and placements each have a stream. Events
carry pseudonymous ids and classifications only: a contact person appears as a
``contact_id`` (names, phones and e-mails stay in matching's contact-person table), and a
company's answer to a referral is a reason code, never a note.
"""

from __future__ import annotations

from datetime import date

from services.matching.domain.details import CompanyDetails, ProfileDetails, ReferralDetails
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
    WorkingTime,
)
from shared.events.contract import event


@event("matching.company_registered", version=1)
class CompanyRegistered(CompanyDetails):
    """``trade_name`` is the company's registered name: public register data, like the ID."""

    coach_id: str
    sector: EmployerSector = EmployerSector.PRIVATE
    """Older events have none: they were companies (private employers)."""


@event("matching.company_sector_set", version=1)
class CompanySectorSet:
    """The company marked a public employer, a unit of the project's own organisation,
    or a private company again."""

    company_id: str
    project_id: str
    sector: EmployerSector
    set_on: date


@event("matching.contact_person_added", version=1)
class ContactPersonAdded:
    """Who the person is stays in the contact-person table; the event knows the id only."""

    company_id: str
    project_id: str
    contact_id: str
    added_on: date


@event("matching.company_contacted", version=1)
class CompanyContacted:
    company_id: str
    project_id: str
    contact_log_id: str
    contact_id: str | None = None
    kind: ContactKind
    coach_id: str
    contacted_on: date


@event("matching.company_relation_recorded", version=1)
class CompanyRelationRecorded:
    company_id: str
    project_id: str
    relation: CompanyRelation
    since: date


@event("matching.company_need_recorded", version=1)
class CompanyNeedRecorded:
    """A service or staffing need the company expressed, e.g. two cooks for the summer."""

    company_id: str
    project_id: str
    need_id: str
    need: CompanyNeed
    occupation_code: str | None = None
    headcount: int | None = None
    recorded_on: date


@event("matching.job_lead_found", version=1)
class JobLeadFound:
    lead_id: str
    company_id: str
    project_id: str
    kind: LeadKind
    occupation_code: str
    """ISCO-08 unit group."""
    occupation_label: str
    esco_code: str | None = None
    municipality: str
    working_time: WorkingTime
    found_on: date
    starts_on: date | None = None
    wage_subsidy_eligible: bool = False
    required_skills: tuple[str, ...] = ()
    required_languages: tuple[str, ...] = ()
    coach_id: str


@event("matching.job_lead_status_changed", version=1)
class JobLeadStatusChanged:
    lead_id: str
    project_id: str
    status: LeadStatus
    changed_on: date


@event("matching.job_profile_updated", version=1)
class JobProfileUpdated(ProfileDetails):
    """The whole profile as the coach left it: the latest event wins."""


@event("matching.client_referred", version=1)
class ClientReferred(ReferralDetails):
    coach_id: str


@event("matching.referral_answered", version=1)
class ReferralAnswered:
    referral_id: str
    client_id: str
    project_id: str
    answer: ReferralAnswer
    reason: AnswerReason
    answered_on: date


@event("matching.placement_started", version=1)
class PlacementStarted:
    placement_id: str
    client_id: str
    company_id: str
    project_id: str
    lead_id: str | None = None
    referral_id: str | None = None
    placement_type: PlacementType
    starts_on: date
    ends_on: date | None = None
    coach_id: str


CompanyEvent = (
    CompanyRegistered
    | ContactPersonAdded
    | CompanyContacted
    | CompanyRelationRecorded
    | CompanyNeedRecorded
    | CompanySectorSet
)
LeadEvent = JobLeadFound | JobLeadStatusChanged
ReferralEvent = ClientReferred | ReferralAnswered
Event = CompanyEvent | LeadEvent | JobProfileUpdated | ReferralEvent | PlacementStarted
