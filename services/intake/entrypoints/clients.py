"""JSON API of a project's clients: enrol, search, show, correct, assign, exit, timeline.

Routes under ``/api/intake/projects/{project_id}/clients``. Coaches and project managers
of the project write, every member (auditors too) reads; another project's client
answers 404. Domain errors answer 422 ``{"code": ..., "field": ...}`` and store nothing.
The HTML pages call the very same service-layer handlers.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    Gender,
    LabourMarketStatus,
    SensitiveAnswer,
    SensitiveAnswers,
)
from services.intake.entrypoints.auth import Auth
from services.intake.entrypoints.forms import (
    NOT_FOUND_CODES,
    field_of,
    may_override,
    registered_project,
)
from services.intake.service_layer.accounts import COACH, PROJECT_MANAGER, User
from services.intake.service_layer.directory import Directory
from services.intake.service_layer.enrolment import (
    ClientView,
    Enrolment,
    PersonalData,
    assign_coach,
    client_view,
    correct_start_data,
    enrol,
    exit_client,
)
from shared.eventlog.port import EventLog, WrongExpectedVersion


class SensitiveIn(BaseModel):
    """Each answer yes, no, declined or not asked (the default)."""

    disability: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    foreign_background: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    third_country_national: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    minority: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    homeless_or_housing_exclusion: SensitiveAnswer = SensitiveAnswer.NOT_ASKED
    other_disadvantaged: SensitiveAnswer = SensitiveAnswer.NOT_ASKED


class StartDataIn(BaseModel):
    gender: Gender
    education: EducationLevel
    labour_market_status: LabourMarketStatus
    unemployed_since: date | None = None
    municipality: str = Field(max_length=100)
    sensitive: SensitiveIn = Field(default_factory=SensitiveIn)

    def start_data(self) -> EsfStartData:
        return EsfStartData(
            age_at_entry=0,
            gender=self.gender,
            education=self.education,
            labour_market_status=self.labour_market_status,
            unemployed_since=self.unemployed_since,
            municipality=self.municipality.strip(),
            sensitive=SensitiveAnswers(**dict(self.sensitive)),
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

    def enrolment(self, project_id: str, user: User) -> Enrolment:
        return Enrolment(
            project_id=project_id,
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
            submission_id=self.submission_id,
            override_reason=self.override_reason,
            may_override=may_override(user, project_id),
        )


class CorrectionIn(StartDataIn):
    reason: str = Field(max_length=1000)


class CoachIn(BaseModel):
    coach_id: str = Field(max_length=36)


class ExitIn(BaseModel):
    exit_date: date
    exit_status: ExitStatus
    employment_type: EmploymentType | None = None


class EnrolledOut(BaseModel):
    client_id: str
    re_entry: bool
    duplicate: bool


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
    def of(cls, view: ClientView) -> "ClientOut":
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


class ClientSummary(BaseModel):
    client_id: str
    first_name: str
    last_name: str
    coach_id: str
    municipality: str
    status: Literal["active", "exited"]
    entered_on: date
    exited_on: date | None
    exit_status: str | None
    participations: int


class ClientPage(BaseModel):
    total: int
    clients: list[ClientSummary]


class TimelineOut(BaseModel):
    event_id: str
    source: str
    event_type: str
    occurred_at: datetime
    actor: str
    payload: dict[str, Any]


def refusal(error: DomainError) -> JSONResponse:
    if error.code in NOT_FOUND_CODES:
        return JSONResponse({"detail": "not_found"}, status.HTTP_404_NOT_FOUND)
    body = {"code": error.code, "field": field_of(error.code), "detail": error.detail}
    return JSONResponse(body, status.HTTP_422_UNPROCESSABLE_CONTENT)


def clients_router(
    auth: Auth,
    log: EventLog,
    people: PersonalData,
    directory: Directory,
    refresh: Callable[[], object],
) -> APIRouter:
    api = APIRouter(prefix="/api/intake/projects/{project_id}/clients", tags=["intake: clients"])
    writer = Depends(auth.require_project_member(COACH, PROJECT_MANAGER))
    reader = Depends(auth.require_project_member())
    csrf = [Depends(auth.verify_csrf)]

    def write(action: Callable[[], Any]) -> Any:
        try:
            result = action()
        except DomainError as error:
            return refusal(error)
        except WrongExpectedVersion as error:
            raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error
        refresh()
        return result

    @api.post(
        "",
        summary="Enrol a client, or re-enter a former one",
        status_code=status.HTTP_201_CREATED,
        response_model=EnrolledOut,
        dependencies=csrf,
        responses=_ERRORS,
    )
    def enrol_client(
        project_id: str, body: EnrolmentIn, user: Annotated[User, writer]
    ) -> EnrolledOut | JSONResponse:
        def run() -> EnrolledOut:
            project = registered_project(log, project_id)
            done = enrol(
                log,
                people,
                body.enrolment(project_id, user),
                actor=user.id,
                target_group=project.plan.target_group,
            )
            return EnrolledOut(**dataclasses.asdict(done))

        return write(run)  # type: ignore[no-any-return]

    @api.get("", summary="Find the project's clients", response_model=ClientPage)
    def search_clients(
        project_id: str,
        _user: Annotated[User, reader],
        q: Annotated[str, Query(max_length=200, description="Words of the name")] = "",
        status_: Annotated[Literal["active", "exited"] | None, Query(alias="status")] = None,
        coach_id: Annotated[str | None, Query(max_length=36)] = None,
        municipality: Annotated[str | None, Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> ClientPage:
        rows, total = directory.search(
            project_id,
            text=q,
            status=status_,
            coach_id=coach_id,
            municipality=municipality,
            limit=limit,
            offset=offset,
        )
        return ClientPage(
            total=total,
            clients=[ClientSummary(**dataclasses.asdict(row)) for row in rows],
        )

    @api.get("/{client_id}", summary="One client", response_model=ClientOut, responses=_ERRORS)
    def get_client(
        project_id: str, client_id: str, _user: Annotated[User, reader]
    ) -> ClientOut | JSONResponse:
        try:
            return ClientOut.of(client_view(log, people, project_id, client_id))
        except DomainError as error:
            return refusal(error)

    @api.get(
        "/{client_id}/timeline",
        summary="Every service's events about the client, oldest first",
        response_model=list[TimelineOut],
        responses=_ERRORS,
    )
    def timeline(
        project_id: str, client_id: str, _user: Annotated[User, reader]
    ) -> list[TimelineOut] | JSONResponse:
        try:
            client_view(log, people, project_id, client_id)
        except DomainError as error:
            return refusal(error)
        return [
            TimelineOut(**dataclasses.asdict(entry))
            for entry in directory.timeline(project_id, client_id)
        ]

    @api.post(
        "/{client_id}/corrections",
        summary="Correct the start data, with a reason (recorded as an event, never an edit)",
        response_model=ClientOut,
        dependencies=csrf,
        responses=_ERRORS,
    )
    def correct(
        project_id: str, client_id: str, body: CorrectionIn, user: Annotated[User, writer]
    ) -> ClientOut | JSONResponse:
        def run() -> ClientOut:
            correct_start_data(
                log,
                people,
                project_id=project_id,
                client_id=client_id,
                start_data=body.start_data(),
                reason=body.reason,
                actor=user.id,
            )
            return ClientOut.of(client_view(log, people, project_id, client_id))

        return write(run)  # type: ignore[no-any-return]

    @api.post(
        "/{client_id}/coach",
        summary="Assign the client to a coach",
        response_model=ClientOut,
        dependencies=csrf,
        responses=_ERRORS,
    )
    def assign(
        project_id: str, client_id: str, body: CoachIn, user: Annotated[User, writer]
    ) -> ClientOut | JSONResponse:
        def run() -> ClientOut:
            assign_coach(
                log,
                people,
                project_id=project_id,
                client_id=client_id,
                coach_id=body.coach_id,
                actor=user.id,
            )
            return ClientOut.of(client_view(log, people, project_id, client_id))

        return write(run)  # type: ignore[no-any-return]

    @api.post(
        "/{client_id}/exit",
        summary="End the client's participation (the end notice)",
        response_model=ClientOut,
        dependencies=csrf,
        responses=_ERRORS,
    )
    def exit_participation(
        project_id: str, client_id: str, body: ExitIn, user: Annotated[User, writer]
    ) -> ClientOut | JSONResponse:
        def run() -> ClientOut:
            exit_client(
                log,
                people,
                project_id=project_id,
                client_id=client_id,
                exit_date=body.exit_date,
                exit_status=body.exit_status,
                employment_type=body.employment_type,
                actor=user.id,
            )
            return ClientOut.of(client_view(log, people, project_id, client_id))

        return write(run)  # type: ignore[no-any-return]

    return api


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "`not_found`: no such client (or project) here"},
    409: {"description": "`conflict`: the client changed meanwhile; reload and retry"},
    422: {"description": '`{"code": ..., "field": ...}`: a domain rule refused the request'},
}
