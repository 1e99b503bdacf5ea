"""JSON API of job leads and their ranked, explained candidates (entrypoint layer).

Routes under ``/api/matching/projects/{project_id}/leads``; ``/{lead_id}/matches`` ranks
the project's active, consenting clients for the lead, every score with its parts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query

from services.matching.domain.commands import ChangeLeadStatus, RecordLead
from services.matching.domain.errors import DomainError
from services.matching.domain.occupations import ISCO_08
from services.matching.domain.scoring import Match
from services.matching.entrypoints.deps import (
    CREATED,
    Reader,
    SignedInUser,
    State,
    Writer,
    accept,
    accept_new,
    found,
    not_found,
)
from services.matching.entrypoints.schemas import LeadIn, LeadStatusIn
from services.matching.service_layer.ranking import Ranking, clients_for_lead
from services.matching.service_layer.views import LeadView
from shared.web.commands import AcceptedOut
from shared.web.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/matching", tags=["matching: leads"])
LEADS = "/projects/{project_id}/leads"
LEAD = frozenset({"lead_not_found"})
"""The lead of the path is missing: 404."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class RankingOut:
    """Best first; ``considered`` is how many candidates were scored."""

    considered: int
    matches: list[Match]

    @classmethod
    def of(cls, ranking: Ranking) -> RankingOut:
        return cls(considered=ranking.considered, matches=ranking.matches)


def ranked(rank: Callable[[], Ranking]) -> RankingOut:
    """What ``rank`` ranks; the lead or client it ranks for missing: 404."""
    try:
        return RankingOut.of(rank())
    except DomainError as error:
        raise not_found() from error


@dataclasses.dataclass(frozen=True, kw_only=True)
class Occupation:
    code: str
    label_en: str
    label_fi: str
    label_sv: str


@router.get("/occupations", summary="The ISCO-08 unit groups offered in the pick-lists")
def occupations(_user: SignedInUser) -> list[Occupation]:
    return [
        Occupation(code=code, label_en=names.en, label_fi=names.fi, label_sv=names.sv)
        for code, names in ISCO_08.items()
    ]


@router.post(LEADS, summary="Record a job lead found at a company", **CREATED)
async def record_lead(project_id: str, body: LeadIn, user: Writer, state: State) -> AcceptedOut:
    return await accept_new(
        state,
        user,
        project_id,
        body,
        "lead",
        RecordLead,
        required_skills=tuple(body.required_skills),
        required_languages=tuple(body.required_languages),
    )


@router.get(LEADS, summary="The project's leads; `available` keeps the found and open ones")
def list_leads(
    project_id: str, _user: Reader, state: State, available: bool = False
) -> list[LeadView]:
    return state.read.leads(project_id, available_only=available)


@router.get(LEADS + "/{lead_id}", summary="One lead", responses=PROBLEM_RESPONSES)
def get_lead(project_id: str, lead_id: str, _user: Reader, state: State) -> LeadView:
    return found(state.read.lead(project_id, lead_id))


@router.post(LEADS + "/{lead_id}/status", summary="Open, fill, close or expire a lead", **CREATED)
async def change_status(
    project_id: str, lead_id: str, body: LeadStatusIn, user: Writer, state: State
) -> AcceptedOut:
    command = ChangeLeadStatus(lead_id=lead_id, status=body.status, changed_on=body.changed_on)
    return await accept(state, command, user, project_id, not_found=LEAD)


@router.get(
    LEADS + "/{lead_id}/matches",
    summary="Clients ranked for the lead, explained",
    responses=PROBLEM_RESPONSES,
)
def matches(
    project_id: str,
    lead_id: str,
    _user: Reader,
    state: State,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> RankingOut:
    return ranked(lambda: clients_for_lead(state.read, project_id, lead_id, limit, state.pool))
