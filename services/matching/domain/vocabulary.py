"""The closed vocabularies of matching: kinds, statuses and classes as stable wire values.

Every value here is a classification, never free text, so that events stay free of
anything that could identify a person.
"""

from __future__ import annotations

from enum import StrEnum


class EmployerSector(StrEnum):
    """Who the employer is, as the final report separates them: companies, other public
    employers, and the units of the organisation that runs the project (e.g. the city's
    own units when the city runs it)."""

    PRIVATE = "private"
    PUBLIC = "public"
    OWN_ORGANISATION = "own_organisation"


class SizeClass(StrEnum):
    """EU SME size classes (ESF §6.2 breaks supported companies down by them)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def is_sme(self) -> bool:
        return self is not SizeClass.LARGE


class ContactKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    EVENT = "event"
    EMAIL = "email"


class CompanyRelation(StrEnum):
    """ESF §6.2: a cooperating company vs one receiving direct support itself."""

    COOPERATING = "cooperating"
    SUPPORTED = "supported"


class CompanyNeed(StrEnum):
    """The services and staffing a company asked for."""

    RECRUITMENT = "recruitment"
    SEASONAL_STAFF = "seasonal_staff"
    WORK_TRIAL = "work_trial"
    APPRENTICESHIP = "apprenticeship"
    WAGE_SUBSIDY_ADVICE = "wage_subsidy_advice"
    TRAINING = "training"
    OTHER = "other"


class LeadKind(StrEnum):
    HIDDEN_JOB = "hidden_job"
    GIG_JOB = "gig_job"
    OPEN_VACANCY = "open_vacancy"
    WORK_TRIAL = "work_trial"
    APPRENTICESHIP = "apprenticeship"


class WorkingTime(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    GIG = "gig"


class WorkingTimePreference(StrEnum):
    """What a client is looking for; ``any`` accepts every working time."""

    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    GIG = "gig"
    ANY = "any"


class LeadStatus(StrEnum):
    """found -> open -> filled | closed | expired; a found lead may also close or expire."""

    FOUND = "found"
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"
    EXPIRED = "expired"

    @property
    def is_available(self) -> bool:
        """Still looking for someone: clients are matched to found and open leads."""
        return self in (LeadStatus.FOUND, LeadStatus.OPEN)


class ReferralAnswer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"


class AnswerReason(StrEnum):
    """Why the company answered as it did: a code, never a free-text note."""

    HIRED = "hired"
    INTERVIEW_AGREED = "interview_agreed"
    WORK_TRIAL_AGREED = "work_trial_agreed"
    SKILLS_DID_NOT_MATCH = "skills_did_not_match"
    LANGUAGE_SKILLS = "language_skills"
    POSITION_FILLED = "position_filled"
    TIMING = "timing"
    CLIENT_WITHDREW = "client_withdrew"
    NO_RESPONSE = "no_response"
    OTHER = "other"


class PlacementType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    FIXED_TERM = "fixed_term"
    WAGE_SUBSIDISED = "wage_subsidised"
    APPRENTICESHIP = "apprenticeship"
    WORK_TRIAL = "work_trial"
    INTERMEDIATE_LABOUR_MARKET = "intermediate_labour_market"
    SELF_EMPLOYMENT = "self_employment"


LANGUAGE_CODES = frozenset(
    {"fi", "sv", "en", "ru", "et", "ar", "so", "fa", "uk", "de", "fr", "es", "zh", "vi", "th"}
)
"""ISO 639-1 codes a lead may require and a client may speak; the common ones in Finland."""

DRIVING_LICENCE = "driving_licence"
"""A lead requiring a driving licence lists it among its required skills."""
