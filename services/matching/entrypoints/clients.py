"""JSON API of a client's job profile and the leads ranked for the client (entrypoint layer).

Routes under ``/api/matching/projects/{project_id}/clients/{client_id}``. The client must
be one intake enrolled in the project; the profile is the coach's input, replaced whole.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

import dataclasses
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import JSONResponse

from services.matching.domain.vocabulary import WorkingTimePreference
from services.matching.entrypoints.errors import ERRORS, attempt
from services.matching.entrypoints.leads import RankingOut
from services.matching.entrypoints.schemas import ProfileIn
from services.matching.service_layer import handlers
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.ranking import leads_for_client
from services.matching.service_layer.views import ClientStanding, ProfileView
from shared.web.auth import WebAuth
from shared.web.principal import WRITERS, User

CLIENT = frozenset({"client_not_found"})


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProfileOut:
    client_id: str
    target_occupations: list[str]
    skills: list[str]
    languages: list[str]
    municipalities: list[str]
    working_time: WorkingTimePreference
    driving_licence: bool
    matching_consent: bool
    updated_on: date

    @classmethod
    def of(cls, view: ProfileView) -> "ProfileOut":
        p = view.profile
        return cls(
            client_id=p.client_id,
            target_occupations=sorted(p.target_occupations),
            skills=sorted(p.skills),
            languages=sorted(p.languages),
            municipalities=list(view.municipalities_as_typed),
            working_time=p.working_time,
            driving_licence=p.driving_licence,
            matching_consent=view.matching_consent,
            updated_on=view.updated_on,
        )


def clients_router(auth: WebAuth, m: Matching) -> APIRouter:
    api = APIRouter(
        prefix="/api/matching/projects/{project_id}/clients", tags=["matching: clients"]
    )
    writer = Depends(auth.require_project_member(*WRITERS))
    reader = Depends(auth.require_project_member())

    @api.get("", summary="The project's clients as matching follows them from intake")
    def list_clients(project_id: str, _user: Annotated[User, reader]) -> list[ClientStanding]:
        return m.read.clients(project_id)

    @api.put(
        "/{client_id}/profile",
        summary="Set the client's job profile",
        response_model=ProfileOut,
        dependencies=[Depends(auth.verify_csrf)],
        responses=ERRORS,
    )
    def put_profile(
        project_id: str, client_id: str, body: ProfileIn, user: Annotated[User, writer]
    ) -> ProfileOut | JSONResponse:
        done = attempt(
            lambda: handlers.update_job_profile(
                m,
                project_id=project_id,
                client_id=client_id,
                target_occupations=body.target_occupations,
                skills=body.skills,
                languages=body.languages,
                municipalities=body.municipalities,
                working_time=body.working_time,
                driving_licence=body.driving_licence,
                matching_consent=body.matching_consent,
                actor=user.id,
            ),
            path_ids=CLIENT,
        )
        if isinstance(done, JSONResponse):
            return done
        return _profile(project_id, client_id)

    @api.get(
        "/{client_id}/profile",
        summary="The client's job profile",
        response_model=ProfileOut,
        responses=ERRORS,
    )
    def get_profile(
        project_id: str, client_id: str, _user: Annotated[User, reader]
    ) -> ProfileOut | JSONResponse:
        return _profile(project_id, client_id)

    def _profile(project_id: str, client_id: str) -> ProfileOut | JSONResponse:
        view = m.read.profile(project_id, client_id)
        if view is None:
            return JSONResponse({"detail": "not_found"}, status.HTTP_404_NOT_FOUND)
        return ProfileOut.of(view)

    @api.get(
        "/{client_id}/matches",
        summary="Available leads ranked for the client, explained",
        response_model=RankingOut,
        responses=ERRORS,
    )
    def matches(
        project_id: str,
        client_id: str,
        _user: Annotated[User, reader],
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
    ) -> RankingOut | JSONResponse:
        ranking = attempt(lambda: leads_for_client(m.read, project_id, client_id, limit))
        if isinstance(ranking, JSONResponse):
            return ranking
        return RankingOut(considered=ranking.considered, matches=ranking.matches)

    return api
