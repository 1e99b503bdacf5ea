"""The fields that matching's commands, events, states and views say alike about one
record (domain layer, pure): a company as registered, a contact person, a contact made, a
lead as found, a job profile as left, a referral as made, a placement as started.

Each group is declared once here and inherited where it is said, with what each place
adds, so that the command that records a thing and the view or state that shows it
cannot drift apart field by field.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from services.matching.domain.vocabulary import (
    ContactKind,
    LeadKind,
    PlacementType,
    SizeClass,
    WorkingTime,
    WorkingTimePreference,
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompanyDetails:
    """A company as registered in a project: the Business ID and the register's data."""

    company_id: str
    project_id: str
    business_id: str
    trade_name: str
    industry: str
    """TOL 2008 code (a section letter or two to five digits)."""
    municipality: str
    size_class: SizeClass
    registered_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactPersonDetails:
    """A company's contact person: personal data, kept in matching's contact-person table
    only, never in an event (which knows the id alone)."""

    contact_id: str
    company_id: str
    full_name: str
    job_title: str = ""
    phone: str = ""
    email: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContactDetails:
    """A visit, call, event or e-mail with a company, as its log keeps it (what was
    discussed is kept apart, in the contact's note)."""

    contact_log_id: str
    company_id: str
    contact_id: str | None
    kind: ContactKind
    coach_id: str
    """Who made the contact (a user id): the signed-in user unless another is named."""
    contacted_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LeadDetails:
    """A job lead as the coach found it: the company, the job, where and when."""

    lead_id: str
    project_id: str
    company_id: str
    kind: LeadKind
    occupation_code: str
    """ISCO-08 unit group."""
    occupation_label: str
    esco_code: str | None
    municipality: str
    working_time: WorkingTime
    found_on: date
    starts_on: date | None
    wage_subsidy_eligible: bool
    required_skills: tuple[str, ...]
    required_languages: tuple[str, ...]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProfileDetails:
    """A client's job profile as the coach left it: the whole of it, who and when."""

    client_id: str
    project_id: str
    target_occupations: tuple[str, ...]
    skills: tuple[str, ...]
    languages: tuple[str, ...]
    municipalities: tuple[str, ...]
    working_time: WorkingTimePreference
    driving_licence: bool
    matching_consent: bool
    """The client agreed to be proposed to employers."""
    updated_on: date
    coach_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReferralDetails:
    """A client proposed to the company of a lead."""

    referral_id: str
    client_id: str
    lead_id: str
    company_id: str
    project_id: str
    referred_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlacementDetails:
    """A client placed with a company, through a lead or a referral or neither."""

    placement_id: str
    project_id: str
    client_id: str
    company_id: str
    lead_id: str | None
    referral_id: str | None
    placement_type: PlacementType
    starts_on: date
    ends_on: date | None
