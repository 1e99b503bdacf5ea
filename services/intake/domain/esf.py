"""ESF start and exit data as value types (research/esf-indicators.md §1, §6.1, §6.3).

The start data describe the participant on entering the operation and feed the output
indicators; the exit status feeds the immediate results. Age is carried as an integer
at entry, never as a birth date or identity code.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Protocol, TypedDict

from services.intake.domain.dates import full_years_between
from services.intake.domain.errors import DomainError

LONG_TERM_UNEMPLOYMENT_YEARS = 1
"""Finnish register definition: continuously unemployed for at least 12 months (§1.6)."""


class Gender(Enum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    """Non-binary or other."""
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class EducationLevel(Enum):
    """Highest education completed before entry, as an ISCED band (CO09–11, EECO09–11)."""

    ISCED_0_2 = "isced_0_2"
    ISCED_3_4 = "isced_3_4"
    ISCED_5_8 = "isced_5_8"


class LabourMarketStatus(Enum):
    """Status at entry; every value falls in exactly one of employed, unemployed, inactive."""

    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    UNEMPLOYED = "unemployed"
    INACTIVE = "inactive"
    """Inactive and not in education or training (CO04)."""
    IN_EDUCATION = "in_education"
    """Inactive because in education or training."""

    @property
    def is_employed(self) -> bool:
        return self in (LabourMarketStatus.EMPLOYED, LabourMarketStatus.SELF_EMPLOYED)

    @property
    def is_inactive(self) -> bool:
        return self in (LabourMarketStatus.INACTIVE, LabourMarketStatus.IN_EDUCATION)


class SensitiveAnswer(Enum):
    YES = "yes"
    NO = "no"
    DECLINED = "declined"
    NOT_ASKED = "not_asked"


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SensitiveAnswers:
    """Answers that may be declined or, in ESF+ Finland, not asked at all (§2.4)."""

    disability: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    foreign_background: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    third_country_national: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    minority: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    homeless_or_housing_exclusion: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    other_disadvantaged: SensitiveAnswer = SensitiveAnswer.NOT_ASKED


class EntryRoute(Enum):
    GUIDANCE_POINT = "guidance_point"
    EMPLOYMENT_OFFICE_REFERRAL = "employment_office_referral"
    MUNICIPALITY = "municipality"
    SELF_REFERRAL = "self_referral"
    NOT_RECORDED = "not_recorded"
    """Imported from a project's earlier records that did not say (never on a form)."""


class AgeBand(Enum):
    """The 2014–2020 completeness bands (<25, 25–54, >54), age at entry."""

    UNDER_25 = "under_25"
    AGED_25_TO_54 = "25_to_54"
    AGED_55_AND_OVER = "55_and_over"


def age_band(age: int) -> AgeBand:
    if age < 25:
        return AgeBand.UNDER_25
    if age <= 54:
        return AgeBand.AGED_25_TO_54
    return AgeBand.AGED_55_AND_OVER


class EsfPlusAgeBand(Enum):
    """The ESF+ 2021–2027 bands (<18, 18–29, 30–54, ≥55), age at entry."""

    UNDER_18 = "under_18"
    AGED_18_TO_29 = "18_to_29"
    AGED_30_TO_54 = "30_to_54"
    AGED_55_AND_OVER = "55_and_over"


def esf_plus_age_band(age: int) -> EsfPlusAgeBand:
    if age < 18:
        return EsfPlusAgeBand.UNDER_18
    if age <= 29:
        return EsfPlusAgeBand.AGED_18_TO_29
    if age <= 54:
        return EsfPlusAgeBand.AGED_30_TO_54
    return EsfPlusAgeBand.AGED_55_AND_OVER


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EsfStartData:
    """The participant's situation on entering, as reported to ESF."""

    age_at_entry: int
    gender: Gender
    education: EducationLevel
    labour_market_status: LabourMarketStatus
    unemployed_since: date | None = None
    sensitive: SensitiveAnswers = dataclasses.field(default_factory=SensitiveAnswers)
    municipality: str = ""
    """Municipality of residence at entry (a classification, as ESF reports it by area)."""

    @property
    def age_band(self) -> AgeBand:
        return age_band(self.age_at_entry)

    def is_long_term_unemployed(self, entry_date: date) -> bool:
        """Unemployed at entry, continuously for at least 12 months (Finnish definition)."""
        if self.labour_market_status is not LabourMarketStatus.UNEMPLOYED:
            return False
        if self.unemployed_since is None or self.unemployed_since > entry_date:
            return False
        years = full_years_between(self.unemployed_since, entry_date)
        return years >= LONG_TERM_UNEMPLOYMENT_YEARS

    def check(self, entry_date: date) -> None:
        """Refuse start data that contradict themselves or the entry date."""
        if not 0 <= self.age_at_entry <= 130:
            raise DomainError("invalid_age_at_entry")
        if not self.municipality.strip():
            raise DomainError("municipality_required")
        unemployed = self.labour_market_status is LabourMarketStatus.UNEMPLOYED
        if unemployed and self.unemployed_since is None:
            raise DomainError("unemployed_since_required")
        if not unemployed and self.unemployed_since is not None:
            raise DomainError("unemployed_since_only_when_unemployed")
        if self.unemployed_since is not None and self.unemployed_since > entry_date:
            raise DomainError("unemployed_since_after_entry")

    def changed_fields(self, other: EsfStartData) -> tuple[str, ...]:
        """Names of the fields that differ from ``other``; sensitive ones as ``sensitive.x``."""
        changed = [
            f.name
            for f in dataclasses.fields(self)
            if f.name != "sensitive" and getattr(self, f.name) != getattr(other, f.name)
        ]
        changed += [
            f"sensitive.{f.name}"
            for f in dataclasses.fields(SensitiveAnswers)
            if getattr(self.sensitive, f.name) != getattr(other.sensitive, f.name)
        ]
        return tuple(changed)


class ExitStatus(Enum):
    """Primary destination upon leaving (status within 28 days after exit, §6.3)."""

    EMPLOYED = "employed"
    EDUCATION_OR_TRAINING = "education_or_training"
    ENTREPRENEURSHIP = "entrepreneurship"
    JOB_SEARCHING = "job_searching"
    REFERRED_TO_OTHER_SERVICES = "referred_to_other_services"
    UNEMPLOYED = "unemployed"
    INACTIVE = "inactive"
    UNKNOWN = "unknown"
    WORK_TRIAL = "work_trial"
    """A work trial (työkokeilu): not ESF employment; the person stays an unemployed
    jobseeker in a service (research/esf-indicators.md §5)."""
    INTERMEDIATE_LABOUR_MARKET = "intermediate_labour_market"
    """Rehabilitative work or a social enterprise (``IntermediateKind``): not ESF
    employment either; the person counts as unemployed."""

    @property
    def counts_as_employment(self) -> bool:
        """In employment, including self-employment, upon leaving (CR04, EECR04)."""
        return self in (ExitStatus.EMPLOYED, ExitStatus.ENTREPRENEURSHIP)


class EmploymentType(Enum):
    """National subtype of an ``employed`` exit; mapped to EU categories in reporting."""

    OPEN_MARKET_FULL_TIME = "open_market_full_time"
    OPEN_MARKET_PART_TIME = "open_market_part_time"
    FIXED_TERM = "fixed_term"
    WAGE_SUBSIDISED = "wage_subsidised"
    APPRENTICESHIP = "apprenticeship"


class ReferralKind(Enum):
    """The service a ``referred_to_other_services`` exit went on to (the seeds' list)."""

    PENSION = "pension"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_ABUSE = "substance_abuse"
    DEBT_COUNSELLING = "debt_counselling"
    SOCIAL_SERVICES = "social_services"
    HEALTH_CARE = "health_care"
    OTHER = "other"


class IntermediateKind(Enum):
    """The kind of an ``intermediate_labour_market`` exit."""

    REHABILITATIVE_WORK = "rehabilitative_work"
    """Kuntouttava työtoiminta: a social service, not employment."""
    SOCIAL_ENTERPRISE = "social_enterprise"


class FollowUpSource(Enum):
    """Where a later status came from (§6.4 #34: the method is reported with the figure)."""

    CLIENT = "client"
    REGISTER = "register"
    EMPLOYER = "employer"
    COACH_ESTIMATE = "coach_estimate"


class Improvement(Enum):
    """An improved labour-market situation six months after leaving (CR07, EECR06): only
    for those employed at entry; a pay rise alone is not one (§1.4)."""

    NONE = "none"
    PRECARIOUS_TO_STABLE = "precarious_to_stable"
    UNDEREMPLOYED_TO_FULL = "underemployed_to_full"
    HIGHER_COMPETENCES = "higher_competences"
    PROMOTED = "promoted"


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Destination:
    """A status upon leaving, or later, with the detail its kind needs: what an exit, a
    status recorded after it and a follow-up each name (their commands build on it)."""

    exit_status: ExitStatus
    employment_type: EmploymentType | None = None
    """Required for ``employed``: which kind of employment."""
    referral_kind: ReferralKind | None = None
    """Required for ``referred_to_other_services``: which service."""
    intermediate_kind: IntermediateKind | None = None
    """Required for ``intermediate_labour_market``: rehabilitative work or social enterprise."""

    @staticmethod
    def of(source: Destined) -> Destination:
        """Only the status and details a command, an event or a follow-up names: a value
        to compare whatever else each of them carries."""
        return Destination(exit_status=source.exit_status, **details_of(source))

    def check(self, *, complete: bool = True) -> None:
        """Each detail belongs to its status, and a status with a detail needs it; unless
        not ``complete`` (records imported from elsewhere), where a missing detail stays
        missing but one of another status is still refused."""
        status = self.exit_status
        _needs(status is ExitStatus.EMPLOYED, self.employment_type, "employment_type",
               "employment_type_only_when_employed", complete)  # fmt: skip
        _needs(status is ExitStatus.REFERRED_TO_OTHER_SERVICES, self.referral_kind,
               "referral_kind", "referral_kind_only_when_referred", complete)  # fmt: skip
        _needs(status is ExitStatus.INTERMEDIATE_LABOUR_MARKET, self.intermediate_kind,
               "intermediate_kind", "intermediate_kind_only_for_intermediate",
               complete)  # fmt: skip


def _needs(applies: bool, detail: object, name: str, misplaced: str, required: bool) -> None:
    if required and applies and detail is None:
        raise DomainError(f"{name}_required")
    if not applies and detail is not None:
        raise DomainError(misplaced)


class DestinationDetails(TypedDict):
    """The details of a status, under the names commands, events and states give them."""

    employment_type: EmploymentType | None
    referral_kind: ReferralKind | None
    intermediate_kind: IntermediateKind | None


class Detailed(Protocol):
    """Anything that carries a status's details: a command, an event, a client's state."""

    @property
    def employment_type(self) -> EmploymentType | None: ...
    @property
    def referral_kind(self) -> ReferralKind | None: ...
    @property
    def intermediate_kind(self) -> IntermediateKind | None: ...


class Destined(Detailed, Protocol):
    """A command or event that names a status upon leaving with its details."""

    @property
    def exit_status(self) -> ExitStatus: ...


def details_of(source: Detailed) -> DestinationDetails:
    """The details as they pass on from a command to its event, or an event to the state:
    the three travel together, so they are copied together."""
    return DestinationDetails(
        employment_type=source.employment_type,
        referral_kind=source.referral_kind,
        intermediate_kind=source.intermediate_kind,
    )
