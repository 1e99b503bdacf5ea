"""JSON API of referrals and placements (entrypoint layer): the events reporting counts.

Routes under ``/api/matching/projects/{project_id}/referrals`` and ``/placements``.
"""

from __future__ import annotations

from fastapi import APIRouter

from services.matching.domain.commands import AnswerReferral, ReferClient, StartPlacement
from services.matching.entrypoints.deps import CREATED, Reader, State, Writer, accept, accept_new
from services.matching.entrypoints.schemas import AnswerIn, PlacementIn, ReferralIn
from services.matching.service_layer.views import PlacementView, ReferralView
from shared.shapes import like
from shared.web.commands import AcceptedOut

router = APIRouter(prefix="/api/matching/projects/{project_id}", tags=["matching: referrals"])
REFERRAL = frozenset({"referral_not_found"})
"""The referral of the path is missing: 404."""


@router.post("/referrals", summary="Propose a client for a lead", **CREATED)
async def refer(project_id: str, body: ReferralIn, user: Writer, state: State) -> AcceptedOut:
    return await accept_new(state, user, project_id, body, "referral", ReferClient)


@router.get("/referrals", summary="Referrals, of a lead or a client when named")
def list_referrals(
    project_id: str,
    _user: Reader,
    state: State,
    lead_id: str | None = None,
    client_id: str | None = None,
) -> list[ReferralView]:
    return state.read.referrals(project_id, lead_id=lead_id, client_id=client_id)


@router.post("/referrals/{referral_id}/answer", summary="Record the company's answer", **CREATED)
async def answer(
    project_id: str, referral_id: str, body: AnswerIn, user: Writer, state: State
) -> AcceptedOut:
    command = like(AnswerReferral, body, referral_id=referral_id)
    return await accept(state, command, user, project_id, not_found=REFERRAL)


@router.post("/placements", summary="Record the start of a placement", **CREATED)
async def start_placement(
    project_id: str, body: PlacementIn, user: Writer, state: State
) -> AcceptedOut:
    return await accept_new(
        state,
        user,
        project_id,
        body,
        "placement",
        StartPlacement,
        lead_id=body.lead_id or None,
        referral_id=body.referral_id or None,
    )


@router.get("/placements", summary="Placements, of a client or a company when named")
def list_placements(
    project_id: str,
    _user: Reader,
    state: State,
    client_id: str | None = None,
    company_id: str | None = None,
) -> list[PlacementView]:
    return state.read.placements(project_id, client_id=client_id, company_id=company_id)
