"""JSON API of job leads and their ranked, explained candidates (entrypoint layer).

Routes under ``/api/matching/projects/{project_id}/leads``; ``/{lead_id}/matches`` ranks
the project's active, consenting clients for the lead, every score with its parts.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import JSONResponse

from services.matching.domain.occupations import ISCO_08
from services.matching.domain.scoring import Match
from services.matching.entrypoints.errors import ERRORS, attempt, creating, record
from services.matching.entrypoints.schemas import LeadIn, LeadStatusIn, Recorded
from services.matching.service_layer import handlers
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.ranking import clients_for_lead
from services.matching.service_layer.views import LeadView
from shared.web.auth import WebAuth
from shared.web.principal import WRITERS, User

LEAD = frozenset({"lead_not_found"})


@dataclasses.dataclass(frozen=True, kw_only=True)
class RankingOut:
    """Best first; ``considered`` is how many candidates were scored."""

    considered: int
    matches: list[Match]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Occupation:
    code: str
    label_en: str
    label_fi: str


def leads_router(auth: WebAuth, m: Matching) -> APIRouter:
    api = APIRouter(prefix="/api/matching", tags=["matching: leads"])
    writer = Depends(auth.require_project_member(*WRITERS))
    reader = Depends(auth.require_project_member())
    created = creating(auth)
    leads = "/projects/{project_id}/leads"

    @api.get("/occupations", summary="The ISCO-08 unit groups offered in the pick-lists")
    def occupations(_user: Annotated[User, Depends(auth.current_user)]) -> list[Occupation]:
        return [Occupation(code=c, label_en=en, label_fi=fi) for c, (en, fi) in ISCO_08.items()]

    @api.post(leads, summary="Record a job lead found at a company", **created)
    def record_lead(
        project_id: str, body: LeadIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.record_lead(
                m,
                project_id=project_id,
                company_id=body.company_id,
                kind=body.kind,
                occupation_code=body.occupation_code,
                occupation_label=body.occupation_label,
                esco_code=body.esco_code,
                municipality=body.municipality,
                working_time=body.working_time,
                found_on=body.found_on,
                starts_on=body.starts_on,
                wage_subsidy_eligible=body.wage_subsidy_eligible,
                required_skills=body.required_skills,
                required_languages=body.required_languages,
                driving_licence_required=body.driving_licence_required,
                actor=user.id,
                submission_id=body.submission_id,
            )
        )

    @api.get(leads, summary="The project's leads; `available` keeps the found and open ones")
    def list_leads(
        project_id: str, _user: Annotated[User, reader], available: bool = False
    ) -> list[LeadView]:
        return m.read.leads(project_id, available_only=available)

    @api.get(leads + "/{lead_id}", summary="One lead", response_model=LeadView, responses=ERRORS)
    def get_lead(
        project_id: str, lead_id: str, _user: Annotated[User, reader]
    ) -> LeadView | JSONResponse:
        lead = m.read.lead(project_id, lead_id)
        if lead is None:
            return JSONResponse({"detail": "not_found"}, status.HTTP_404_NOT_FOUND)
        return lead

    @api.post(leads + "/{lead_id}/status", summary="Open, fill, close or expire a lead", **created)
    def change_status(
        project_id: str, lead_id: str, body: LeadStatusIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.change_lead_status(
                m,
                project_id=project_id,
                lead_id=lead_id,
                status=body.status,
                changed_on=body.changed_on,
                actor=user.id,
            ),
            path_ids=LEAD,
        )

    @api.get(
        leads + "/{lead_id}/matches",
        summary="Clients ranked for the lead, explained",
        response_model=RankingOut,
        responses=ERRORS,
    )
    def matches(
        project_id: str,
        lead_id: str,
        _user: Annotated[User, reader],
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
    ) -> RankingOut | JSONResponse:
        ranking = attempt(
            lambda: clients_for_lead(m.read, project_id, lead_id, limit, m.pool), path_ids=LEAD
        )
        if isinstance(ranking, JSONResponse):
            return ranking
        return RankingOut(considered=ranking.considered, matches=ranking.matches)

    return api
