"""JSON API of a project's clients: enrol, list, show and exit (entrypoint layer).

Routes under ``/api/intake/projects/{project_id}/clients``. Coaches and project managers
of the project write, every member (auditors too) reads; another project's client
answers 404. Domain errors answer 422 ``{"code": ..., "field": ...}``.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

import dataclasses
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, status
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
)
from services.intake.entrypoints.auth import Auth
from services.intake.service_layer.accounts import COACH, PROJECT_MANAGER, User
from services.intake.service_layer.enrolment import (
    ClientView,
    Enrolment,
    PersonalData,
    client_view,
    clients_in,
    enrol,
    exit_client,
)
from shared.eventlog.port import EventLog, WrongExpectedVersion


class EnrolmentIn(BaseModel):
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
    gender: Gender
    education: EducationLevel
    labour_market_status: LabourMarketStatus
    unemployed_since: date | None = None
    coach_id: str | None = Field(default=None, max_length=36)
    """The responsible coach; the signed-in user when left out."""
    submission_id: str | None = Field(default=None, max_length=64)
    """The form's id: submitting the same form twice enrols one client."""


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
    active: bool
    exited_on: date | None
    exit_status: str | None

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
            active=client.is_active,
            exited_on=client.exited_on,
            exit_status=client.exit_status.value if client.exit_status else None,
        )


_FIELDS = {
    "identity_code_or_birth_date_required": "identity_code",
    "date_before_birth": "birth_date",
    "invalid_language": "language",
    "name_required": "first_name",
    "consent_required": "consent_version",
    "coach_required": "coach_id",
    "invalid_age_at_entry": "birth_date",
    "unemployed_since_required": "unemployed_since",
    "unemployed_since_only_when_unemployed": "unemployed_since",
    "unemployed_since_after_entry": "unemployed_since",
    "re_entry_before_exit": "entry_date",
    "client_still_active": "identity_code",
    "exit_before_entry": "exit_date",
    "employment_type_required": "employment_type",
    "employment_type_only_when_employed": "employment_type",
}


def field_of(code: str) -> str | None:
    if code.startswith("invalid_identity_code"):
        return "identity_code"
    return _FIELDS.get(code)


def refusal(error: DomainError) -> JSONResponse:
    if error.code in ("client_not_found", "client_not_enrolled"):
        return JSONResponse({"detail": "not_found"}, status.HTTP_404_NOT_FOUND)
    body = {"code": error.code, "field": field_of(error.code)}
    return JSONResponse(body, status.HTTP_422_UNPROCESSABLE_CONTENT)


def clients_router(auth: Auth, log: EventLog, people: PersonalData) -> APIRouter:
    api = APIRouter(prefix="/api/intake/projects/{project_id}/clients", tags=["intake: clients"])
    writer = Depends(auth.require_project_member(COACH, PROJECT_MANAGER))
    reader = Depends(auth.require_project_member())

    @api.post(
        "",
        summary="Enrol a client, or re-enter a former one",
        status_code=status.HTTP_201_CREATED,
        response_model=EnrolledOut,
        dependencies=[Depends(auth.verify_csrf)],
        responses=_ERRORS,
    )
    def enrol_client(
        project_id: str, body: EnrolmentIn, user: Annotated[User, writer]
    ) -> EnrolledOut | JSONResponse:
        form = Enrolment(
            project_id=project_id,
            coach_id=body.coach_id or user.id,
            identity_code=body.identity_code,
            birth_date=body.birth_date,
            first_name=body.first_name,
            last_name=body.last_name,
            phone=body.phone,
            email=body.email,
            language=body.language,
            consent_version=body.consent_version,
            consented_at=body.consented_at,
            entry_date=body.entry_date,
            entry_route=body.entry_route,
            start_data=EsfStartData(
                age_at_entry=0,
                gender=body.gender,
                education=body.education,
                labour_market_status=body.labour_market_status,
                unemployed_since=body.unemployed_since,
            ),
            submission_id=body.submission_id,
        )
        try:
            done = enrol(log, people, form, actor=user.id)
        except DomainError as error:
            return refusal(error)
        except WrongExpectedVersion as error:
            raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error
        return EnrolledOut(**dataclasses.asdict(done))

    @api.get("", summary="The project's clients")
    def list_clients(project_id: str, _user: Annotated[User, reader]) -> list[ClientOut]:
        return [ClientOut.of(view) for view in clients_in(log, people, project_id)]

    @api.get("/{client_id}", summary="One client", response_model=ClientOut, responses=_ERRORS)
    def get_client(
        project_id: str, client_id: str, _user: Annotated[User, reader]
    ) -> ClientOut | JSONResponse:
        try:
            return ClientOut.of(client_view(log, people, project_id, client_id))
        except DomainError as error:
            return refusal(error)

    @api.post(
        "/{client_id}/exit",
        summary="End the client's participation",
        response_model=ClientOut,
        dependencies=[Depends(auth.verify_csrf)],
        responses=_ERRORS,
    )
    def exit_participation(
        project_id: str, client_id: str, body: ExitIn, user: Annotated[User, writer]
    ) -> ClientOut | JSONResponse:
        try:
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
        except DomainError as error:
            return refusal(error)
        except WrongExpectedVersion as error:
            raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error

    return api


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "`not_found`: no such client in this project"},
    409: {"description": "`conflict`: the client changed meanwhile; reload and retry"},
    422: {"description": '`{"code": ..., "field": ...}`: a domain rule refused the request'},
}
