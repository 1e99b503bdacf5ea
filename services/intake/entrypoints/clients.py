"""JSON API of a project's clients: enrol, search, show, correct, assign, exit, timeline.

Routes under ``/api/intake/projects/{project_id}/clients``. Coaches and project managers
of the project write, every member (auditors too) reads; another project's client
answers 404. Each write builds the command the HTML form builds and hands it to the same
bus: a refusal answers a 422 problem with its ``code`` and ``field`` and stores nothing.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from services.intake.domain.commands import AssignCoach, CorrectStartData, ExitClient
from services.intake.domain.errors import NOT_FOUND_CODES, DomainError
from services.intake.entrypoints.access import CSRF, Member, Writer
from services.intake.entrypoints.client_schemas import (
    ClientOut,
    ClientPage,
    ClientSummary,
    CoachIn,
    CorrectionIn,
    EnrolledOut,
    EnrolmentIn,
    ExitIn,
    TimelineOut,
)
from services.intake.entrypoints.state import State
from services.intake.service_layer.accounts import User
from services.intake.service_layer.enrolment import EnrolmentAccepted
from services.intake.service_layer.views import ClientView
from shared.events.correlation import current_correlation_id
from shared.messagebus import CommandContext
from shared.web.commands import AcceptedOut, refusal_problem, run_json
from shared.web.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/intake/projects/{project_id}/clients", tags=["intake: clients"])


def _context(user: User, project_id: str, submission_id: str | None = None) -> CommandContext:
    return CommandContext.of(
        user, project_id, submission_id=submission_id, correlation_id=current_correlation_id()
    )


@router.post(
    "",
    summary="Enrol a client, or re-enter a former one",
    status_code=status.HTTP_201_CREATED,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def enrol_client(
    project_id: str, body: EnrolmentIn, user: Writer, state: State
) -> EnrolledOut:
    context = _context(user, project_id, body.submission_id)
    accepted = await run_json(state.bus, body.command(user), context, not_found=NOT_FOUND_CODES)
    re_entry = isinstance(accepted, EnrolmentAccepted) and accepted.re_entry
    return EnrolledOut(**AcceptedOut.of(accepted).model_dump(), re_entry=re_entry)


@router.get("", summary="Find the project's clients")
def search_clients(
    project_id: str,
    _user: Member,
    state: State,
    q: Annotated[str, Query(max_length=200, description="Words of the name")] = "",
    status_: Annotated[Literal["active", "exited"] | None, Query(alias="status")] = None,
    coach_id: Annotated[str | None, Query(max_length=36)] = None,
    municipality: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ClientPage:
    rows, total = state.directory.search(
        project_id,
        text=q,
        status=status_,
        coach_id=coach_id,
        municipality=municipality,
        limit=limit,
        offset=offset,
    )
    return ClientPage(
        total=total, clients=[ClientSummary(**dataclasses.asdict(row)) for row in rows]
    )


def _client(state: State, project_id: str, client_id: str) -> ClientView:
    try:
        return state.views.client(project_id, client_id)
    except DomainError as error:
        raise refusal_problem(error, NOT_FOUND_CODES) from error


@router.get("/{client_id}", summary="One client", responses=PROBLEM_RESPONSES)
def get_client(project_id: str, client_id: str, _user: Member, state: State) -> ClientOut:
    return ClientOut.of(_client(state, project_id, client_id))


@router.get(
    "/{client_id}/timeline",
    summary="Every service's events about the client, oldest first",
    responses=PROBLEM_RESPONSES,
)
def timeline(project_id: str, client_id: str, _user: Member, state: State) -> list[TimelineOut]:
    _client(state, project_id, client_id)
    return [
        TimelineOut(**dataclasses.asdict(entry))
        for entry in state.directory.timeline(project_id, client_id)
    ]


async def _write(state: State, user: User, project_id: str, command: object) -> AcceptedOut:
    context = _context(user, project_id)
    return AcceptedOut.of(await run_json(state.bus, command, context, not_found=NOT_FOUND_CODES))


@router.post(
    "/{client_id}/corrections",
    summary="Correct the start data, with a reason (recorded as an event, never an edit)",
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def correct(
    project_id: str, client_id: str, body: CorrectionIn, user: Writer, state: State
) -> AcceptedOut:
    command = CorrectStartData(
        client_id=client_id, start_data=body.start_data(), reason=body.reason
    )
    return await _write(state, user, project_id, command)


@router.post(
    "/{client_id}/coach",
    summary="Assign the client to another of the project's coaches",
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def assign(
    project_id: str, client_id: str, body: CoachIn, user: Writer, state: State
) -> AcceptedOut:
    command = AssignCoach(client_id=client_id, coach_id=body.coach_id)
    return await _write(state, user, project_id, command)


@router.post(
    "/{client_id}/exit",
    summary="End the client's participation (the end notice)",
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def exit_participation(
    project_id: str, client_id: str, body: ExitIn, user: Writer, state: State
) -> AcceptedOut:
    command = ExitClient(
        client_id=client_id,
        exit_date=body.exit_date,
        exit_status=body.exit_status,
        employment_type=body.employment_type,
    )
    return await _write(state, user, project_id, command)
