"""Request bodies of the JSON API (entrypoint layer): what a client may send, validated.

Answers are the service layer's views and the scorer's matches, which FastAPI documents
and serialises as they are; an accepted write answers ``shared.web.commands.AcceptedOut``.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

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

MAX_TAGS = 50


class Submitted(BaseModel):
    submission_id: str | None = Field(default=None, max_length=64)
    """The form's id: submitting the same form twice records it once."""


class CompanyIn(Submitted):
    business_id: str = Field(max_length=12, examples=["0112038-9"])
    trade_name: str = Field(max_length=200)
    industry: str = Field(max_length=5, description="TOL 2008 code", examples=["56101"])
    municipality: str = Field(max_length=100)
    size_class: SizeClass
    registered_on: date | None = None
    sector: EmployerSector = Field(
        default=EmployerSector.PRIVATE,
        description="A company, another public employer or a unit of the project's own "
        "organisation (the final report counts the employed in each apart).",
    )


class ContactPersonIn(Submitted):
    full_name: str = Field(max_length=200)
    job_title: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=50)
    email: str = Field(default="", max_length=254)


class ContactIn(Submitted):
    kind: ContactKind
    contacted_on: date
    contact_id: str | None = Field(default=None, max_length=36)
    note: str = Field(default="", max_length=4000)
    """What was discussed: kept in matching's own table, never in an event."""


class RelationIn(BaseModel):
    relation: CompanyRelation
    since: date


class NeedIn(Submitted):
    need: CompanyNeed
    occupation_code: str | None = Field(default=None, max_length=4)
    headcount: int | None = Field(default=None, ge=1, le=10_000)
    recorded_on: date


class LeadIn(Submitted):
    company_id: str = Field(max_length=36)
    kind: LeadKind
    occupation_code: str = Field(max_length=4, description="ISCO-08 unit group")
    occupation_label: str = Field(default="", max_length=200)
    esco_code: str | None = Field(default=None, max_length=200)
    municipality: str = Field(max_length=100)
    working_time: WorkingTime
    found_on: date
    starts_on: date | None = None
    wage_subsidy_eligible: bool = False
    required_skills: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    required_languages: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    driving_licence_required: bool = False


class LeadStatusIn(BaseModel):
    status: LeadStatus
    changed_on: date


class ProfileIn(BaseModel):
    target_occupations: list[str] = Field(default_factory=list, max_length=10)
    skills: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    languages: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    municipalities: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    working_time: WorkingTimePreference = WorkingTimePreference.ANY
    driving_licence: bool = False
    matching_consent: bool


class ReferralIn(Submitted):
    client_id: str = Field(max_length=36)
    lead_id: str = Field(max_length=36)
    referred_on: date


class AnswerIn(BaseModel):
    answer: ReferralAnswer
    reason: AnswerReason
    answered_on: date


class PlacementIn(Submitted):
    client_id: str = Field(max_length=36)
    company_id: str = Field(max_length=36)
    lead_id: str | None = Field(default=None, max_length=36)
    referral_id: str | None = Field(default=None, max_length=36)
    placement_type: PlacementType
    starts_on: date
    ends_on: date | None = None
