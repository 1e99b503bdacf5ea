"""JSON API of a client's job profile and the leads ranked for the client (entrypoint layer).

Routes under ``/api/matching/projects/{project_id}/clients/{client_id}``. The client must
be one intake enrolled in the project; the profile is the coach's input, replaced whole.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from services.matching.domain.commands import UpdateJobProfile
from services.matching.domain.vocabulary import WorkingTimePreference
from services.matching.entrypoints.deps import WRITE, Reader, State, Writer, accept, found
from services.matching.entrypoints.leads import RankingOut, ranked
from services.matching.entrypoints.schemas import ProfileIn
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.ranking import leads_for_client
from services.matching.service_layer.views import ClientStanding, ProfileView
from shared.shapes import like
from shared.web.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/matching/projects/{project_id}/clients", tags=["matching: clients"])
CLIENT = frozenset({"client_not_found"})
"""The client of the path is not one of the project's: 404."""


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
    def of(cls, view: ProfileView) -> ProfileOut:
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


def _profile(state: MatchingState, project_id: str, client_id: str) -> ProfileOut:
    return ProfileOut.of(found(state.read.profile(project_id, client_id)))


@router.get("", summary="The project's clients as matching follows them from intake")
def list_clients(project_id: str, _user: Reader, state: State) -> list[ClientStanding]:
    return state.read.clients(project_id)


@router.put("/{client_id}/profile", summary="Set the client's job profile", **WRITE)
async def put_profile(
    project_id: str, client_id: str, body: ProfileIn, user: Writer, state: State
) -> ProfileOut:
    command = like(
        UpdateJobProfile,
        body,
        client_id=client_id,
        project_id=project_id,
        target_occupations=tuple(body.target_occupations),
        skills=tuple(body.skills),
        languages=tuple(body.languages),
        municipalities=tuple(body.municipalities),
        updated_on=state.today(),
        coach_id=user.id,
    )
    await accept(state, command, user, project_id, not_found=CLIENT)
    return _profile(state, project_id, client_id)


@router.get("/{client_id}/profile", summary="The client's job profile", responses=PROBLEM_RESPONSES)
def get_profile(project_id: str, client_id: str, _user: Reader, state: State) -> ProfileOut:
    return _profile(state, project_id, client_id)


@router.get(
    "/{client_id}/matches",
    summary="Available leads ranked for the client, explained",
    responses=PROBLEM_RESPONSES,
)
def matches(
    project_id: str,
    client_id: str,
    _user: Reader,
    state: State,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> RankingOut:
    return ranked(lambda: leads_for_client(state.read, project_id, client_id, limit))
