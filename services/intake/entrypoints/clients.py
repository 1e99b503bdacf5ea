"""JSON API of a project's clients: enrol, search, show, correct, assign, exit, timeline.

Routes under ``/api/intake/projects/{project_id}/clients``. Coaches and project managers
of the project write, every member (auditors too) reads; another project's client
answers 404. Each write builds the command the HTML form builds and hands it to the same
bus: a refusal answers a 422 problem with its ``code`` and ``field`` and stores nothing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from services.intake.domain.errors import NOT_FOUND_CODES, DomainError
from services.intake.entrypoints.access import Member, Writer
from services.intake.entrypoints.client_schemas import (
    ClientOut,
    ClientPage,
    CoachIn,
    CorrectionIn,
    EnrolledOut,
    EnrolmentIn,
    ExitIn,
    FollowUpIn,
    StatusUponLeavingIn,
    TimelineEntryOut,
)
from services.intake.entrypoints.json_writes import write, write_route
from services.intake.entrypoints.privacy_reads import log_listed, log_view
from services.intake.entrypoints.restricted import masked_rows, refuse_restricted
from services.intake.entrypoints.state import State
from services.intake.service_layer.directory import ClientSearch
from services.intake.service_layer.enrolment import EnrolmentAccepted
from services.intake.service_layer.views import ClientView
from shared.web.commands import AcceptedOut, refusal_problem
from shared.web.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/intake/projects/{project_id}/clients", tags=["intake: clients"])


@write_route(
    router.post,
    "",
    "Enrol a client, or re-enter a former one",
    status_code=status.HTTP_201_CREATED,
)
async def enrol_client(
    project_id: str, body: EnrolmentIn, user: Writer, state: State
) -> EnrolledOut:
    accepted = await write(state, user, project_id, body.command(user), body.submission_id)
    re_entry = isinstance(accepted, EnrolmentAccepted) and accepted.re_entry
    return EnrolledOut(**AcceptedOut.of(accepted).model_dump(), re_entry=re_entry)


MAX_OFFSET = 10_000_000
"""Far beyond any project's clients, and within every database's integers."""


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
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> ClientPage:
    query = ClientSearch(
        text=q,
        status=status_,
        coach_id=coach_id,
        municipality=municipality,
        limit=limit,
        offset=offset,
    )
    rows, total = state.directory.search(project_id, query)
    shown, readable = masked_rows(state, _user, project_id, rows, "restricted")
    log_listed(state, _user.id, project_id, readable)
    return ClientPage(total=total, clients=shown)


def _client(state: State, project_id: str, client_id: str) -> ClientView:
    try:
        return state.views.client(project_id, client_id)
    except DomainError as error:
        raise refusal_problem(error, NOT_FOUND_CODES) from error


@router.get("/{client_id}", summary="One client", responses=PROBLEM_RESPONSES)
def get_client(project_id: str, client_id: str, _user: Member, state: State) -> ClientOut:
    found = _client(state, project_id, client_id)
    refuse_restricted(state, _user, project_id, client_id)
    log_view(state, _user.id, project_id, client_id)
    return ClientOut.of(found)


@router.get(
    "/{client_id}/timeline",
    summary="Every service's events about the client, oldest first",
    responses=PROBLEM_RESPONSES,
)
def timeline(
    project_id: str, client_id: str, _user: Member, state: State
) -> list[TimelineEntryOut]:
    _client(state, project_id, client_id)
    refuse_restricted(state, _user, project_id, client_id)
    log_view(state, _user.id, project_id, client_id)
    return [TimelineEntryOut.of(e) for e in state.directory.timeline(project_id, client_id)]


@write_route(
    router.post,
    "/{client_id}/corrections",
    "Correct the start data, with a reason (recorded as an event, never an edit)",
)
async def correct(
    project_id: str, client_id: str, body: CorrectionIn, user: Writer, state: State
) -> AcceptedOut:
    return AcceptedOut.of(await write(state, user, project_id, body.command(client_id)))


@write_route(
    router.post, "/{client_id}/coach", "Assign the client to another of the project's coaches"
)
async def assign(
    project_id: str, client_id: str, body: CoachIn, user: Writer, state: State
) -> AcceptedOut:
    return AcceptedOut.of(await write(state, user, project_id, body.command(client_id)))


@write_route(router.post, "/{client_id}/exit", "End the client's participation (the end notice)")
async def exit_participation(
    project_id: str, client_id: str, body: ExitIn, user: Writer, state: State
) -> AcceptedOut:
    return AcceptedOut.of(await write(state, user, project_id, body.command(client_id)))


@write_route(
    router.post,
    "/{client_id}/status-upon-leaving",
    "Record or correct where a client who has left was within four weeks of leaving",
)
async def record_status_upon_leaving(
    project_id: str, client_id: str, body: StatusUponLeavingIn, user: Writer, state: State
) -> AcceptedOut:
    return AcceptedOut.of(await write(state, user, project_id, body.command(client_id)))


@write_route(
    router.post,
    "/{client_id}/follow-ups",
    "Record a later status of a client who has left (the six-month follow-up)",
)
async def record_follow_up(
    project_id: str, client_id: str, body: FollowUpIn, user: Writer, state: State
) -> AcceptedOut:
    return AcceptedOut.of(await write(state, user, project_id, body.command(client_id)))
