"""The shapes of the clients' JSON API: what a request carries, what an answer holds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from services.intake.domain.commands import (
    AssignCoach,
    CorrectStartData,
    ExitClient,
    RecordFollowUp,
    RecordStatusUponLeaving,
)
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    FollowUpSource,
    Gender,
    Improvement,
    IntermediateKind,
    LabourMarketStatus,
    ReferralKind,
    SensitiveAnswers,
    details_of,
)
from services.intake.service_layer.directory import ClientRow, TimelineEntry
from services.intake.service_layer.views import ClientView
from shared.web.commands import AcceptedOut
from shared.web.principal import User


class StartDataIn(BaseModel):
    gender: Gender
    education: EducationLevel
    labour_market_status: LabourMarketStatus
    unemployed_since: date | None = None
    municipality: str = Field(max_length=100)
    sensitive: SensitiveAnswers = Field(
        default_factory=SensitiveAnswers,
        description="Each answer yes, no, declined or not asked (the default).",
    )

    def start_data(self) -> EsfStartData:
        return EsfStartData(
            age_at_entry=0,
            gender=self.gender,
            education=self.education,
            labour_market_status=self.labour_market_status,
            unemployed_since=self.unemployed_since,
            municipality=self.municipality.strip(),
            sensitive=self.sensitive,
        )


class EnrolmentIn(StartDataIn):
    identity_code: str | None = Field(default=None, max_length=11)
    birth_date: date | None = None
    first_name: str = Field(max_length=200)
    last_name: str = Field(max_length=200)
    phone: str = Field(default="", max_length=50)
    email: str = Field(default="", max_length=254)
    language: Literal["fi", "sv", "en"] = "fi"
    consent_version: str = Field(max_length=64)
    consented_at: datetime
    entry_date: date
    entry_route: EntryRoute
    coach_id: str | None = Field(default=None, max_length=36)
    """The responsible coach; the signed-in user when left out."""
    submission_id: str | None = Field(default=None, max_length=64)
    """The form's id: submitting the same form twice enrols one client."""
    override_reason: str | None = Field(default=None, max_length=1000)
    """A project manager's reason to enrol someone outside the project's target group."""

    def command(self, user: User) -> EnrolPerson:
        return EnrolPerson(
            coach_id=self.coach_id or user.id,
            identity_code=self.identity_code,
            birth_date=self.birth_date,
            first_name=self.first_name,
            last_name=self.last_name,
            phone=self.phone,
            email=self.email,
            language=self.language,
            consent_version=self.consent_version,
            consented_at=self.consented_at,
            entry_date=self.entry_date,
            entry_route=self.entry_route,
            start_data=self.start_data(),
            override_reason=self.override_reason,
        )


class CorrectionIn(StartDataIn):
    reason: str = Field(default="", max_length=1000)
    """The words (required for the code ``other``), kept apart from the event."""
    reason_code: str = Field(default="other", max_length=32)

    def command(self, client_id: str) -> CorrectStartData:
        return CorrectStartData(
            client_id=client_id,
            start_data=self.start_data(),
            reason=self.reason,
            reason_code=self.reason_code,
        )


class CoachIn(BaseModel):
    coach_id: str = Field(max_length=36)

    def command(self, client_id: str) -> AssignCoach:
        return AssignCoach(client_id=client_id, coach_id=self.coach_id)


class DestinationIn(BaseModel):
    """A status upon leaving, or later, with the detail its kind needs, as the domain's
    ``Destination`` declares it: an exit, a status recorded after it and a follow-up."""

    exit_status: ExitStatus
    employment_type: EmploymentType | None = None
    referral_kind: ReferralKind | None = None
    intermediate_kind: IntermediateKind | None = None


class ExitIn(DestinationIn):
    exit_date: date

    def command(self, client_id: str) -> ExitClient:
        return ExitClient(
            client_id=client_id,
            exit_date=self.exit_date,
            exit_status=self.exit_status,
            **details_of(self),
        )


class StatusUponLeavingIn(DestinationIn):
    """The situation within four weeks of the exit, found out (or corrected) later."""

    source: FollowUpSource

    def command(self, client_id: str) -> RecordStatusUponLeaving:
        return RecordStatusUponLeaving(
            client_id=client_id,
            exit_status=self.exit_status,
            **details_of(self),
            source=self.source,
        )


class FollowUpIn(DestinationIn):
    """A later status of a leaver; from six months after the exit, the six-month one."""

    checked_on: date
    reached: bool
    source: FollowUpSource
    improvement: Improvement | None = None

    def command(self, client_id: str) -> RecordFollowUp:
        return RecordFollowUp(
            client_id=client_id,
            checked_on=self.checked_on,
            reached=self.reached,
            source=self.source,
            exit_status=self.exit_status,
            **details_of(self),
            improvement=self.improvement,
        )


class EnrolledOut(AcceptedOut):
    """An accepted enrolment: ``id`` is the client's; ``re_entry`` when they had been one."""

    re_entry: bool


class ClientOut(BaseModel):
    client_id: str
    project_id: str
    first_name: str
    last_name: str
    language: str
    coach_id: str
    entered_on: date
    participation_started_on: date
    participations: int
    age_at_entry: int
    municipality: str
    long_term_unemployed: bool
    active: bool
    exited_on: date | None
    exit_status: str | None
    employment_type: str | None

    @classmethod
    def of(cls, view: ClientView) -> ClientOut:
        person, client = view.person, view.client
        return cls(
            client_id=client.client_id,
            project_id=client.project_id,
            first_name=person.first_name,
            last_name=person.last_name,
            language=person.language,
            coach_id=client.coach_id,
            entered_on=client.entered_on,
            participation_started_on=client.participation_started_on,
            participations=client.participations,
            age_at_entry=client.start_data.age_at_entry,
            municipality=client.start_data.municipality,
            long_term_unemployed=client.start_data.is_long_term_unemployed(client.entered_on),
            active=client.is_active,
            exited_on=client.exited_on,
            exit_status=client.exit_status.value if client.exit_status else None,
            employment_type=client.employment_type.value if client.employment_type else None,
        )


class ClientPage(BaseModel):
    """One page of the search: the directory's rows as they are, and how many match."""

    total: int
    clients: list[ClientRow]


class TimelineEntryOut(BaseModel):
    """One event about a client, with the day (and wall-clock time) the thing happened."""

    event_id: str
    source: str
    event_type: str
    occurred_at: datetime = Field(description="When the event was recorded (UTC).")
    actor: str
    payload: dict[str, Any]
    happened_on: date = Field(description="When it happened: the session's day, the exit…")
    happened_at: str | None = Field(
        default=None,
        pattern=r"^[0-2][0-9]:[0-5][0-9]$",
        description="The time of day in Helsinki (HH:MM), where the event has one.",
    )

    @classmethod
    def of(cls, entry: TimelineEntry) -> TimelineEntryOut:
        at = entry.happened_at
        return cls(
            event_id=entry.event_id,
            source=entry.source,
            event_type=entry.event_type,
            occurred_at=entry.occurred_at,
            actor=entry.actor,
            payload=entry.payload,
            happened_on=entry.happened_on,
            happened_at=at.strftime("%H:%M") if at is not None else None,
        )
