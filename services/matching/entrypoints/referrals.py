"""JSON API of referrals and placements (entrypoint layer): the events reporting counts.

Routes under ``/api/matching/projects/{project_id}/referrals`` and ``/placements``.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from services.matching.entrypoints.errors import creating, record
from services.matching.entrypoints.schemas import AnswerIn, PlacementIn, Recorded, ReferralIn
from services.matching.service_layer import handlers
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.views import PlacementView, ReferralView
from shared.web.auth import WebAuth
from shared.web.principal import WRITERS, User

REFERRAL = frozenset({"referral_not_found"})


def referrals_router(auth: WebAuth, m: Matching) -> APIRouter:
    api = APIRouter(prefix="/api/matching/projects/{project_id}", tags=["matching: referrals"])
    writer = Depends(auth.require_project_member(*WRITERS))
    reader = Depends(auth.require_project_member())
    created = creating(auth)

    @api.post("/referrals", summary="Propose a client for a lead", **created)
    def refer(
        project_id: str, body: ReferralIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.refer_client(
                m,
                project_id=project_id,
                client_id=body.client_id,
                lead_id=body.lead_id,
                referred_on=body.referred_on,
                actor=user.id,
                submission_id=body.submission_id,
            )
        )

    @api.get("/referrals", summary="Referrals, of a lead or a client when named")
    def list_referrals(
        project_id: str,
        _user: Annotated[User, reader],
        lead_id: str | None = None,
        client_id: str | None = None,
    ) -> list[ReferralView]:
        return m.read.referrals(project_id, lead_id=lead_id, client_id=client_id)

    @api.post("/referrals/{referral_id}/answer", summary="Record the company's answer", **created)
    def answer(
        project_id: str, referral_id: str, body: AnswerIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.answer_referral(
                m,
                project_id=project_id,
                referral_id=referral_id,
                answer=body.answer,
                reason=body.reason,
                answered_on=body.answered_on,
                actor=user.id,
            ),
            path_ids=REFERRAL,
        )

    @api.post("/placements", summary="Record the start of a placement", **created)
    def start_placement(
        project_id: str, body: PlacementIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.start_placement(
                m,
                project_id=project_id,
                client_id=body.client_id,
                company_id=body.company_id,
                placement_type=body.placement_type,
                starts_on=body.starts_on,
                ends_on=body.ends_on,
                lead_id=body.lead_id,
                referral_id=body.referral_id,
                actor=user.id,
                submission_id=body.submission_id,
            )
        )

    @api.get("/placements", summary="Placements, of a client or a company when named")
    def list_placements(
        project_id: str,
        _user: Annotated[User, reader],
        client_id: str | None = None,
        company_id: str | None = None,
    ) -> list[PlacementView]:
        return m.read.placements(project_id, client_id=client_id, company_id=company_id)

    return api
