"""Ranked, explained matches for a lead or a client, from the read model (service layer).

The candidate sets are the read model's rows as the subscriptions left them: the active
clients of the lead's project who consented to being proposed, or the project's leads
still found or open. Both directions use the same scorer, so a pair scores the same
whichever side the coach starts from.
"""

from __future__ import annotations

import dataclasses

from services.matching.domain.errors import DomainError
from services.matching.domain.scoring import (
    Candidate,
    LeadNeeds,
    Match,
    compile_profile,
    lead_needs,
    rank_clients,
    rank_leads,
)
from services.matching.service_layer.ports import ReadModel
from services.matching.service_layer.views import LeadView

DEFAULT_LIMIT = 20
THRESHOLD = 50
"""The score (of 100) a candidate needs to be shown before the coach asks for everyone: a
lower score means at least two of occupation, skills and commute do not fit."""


def needs_of(lead: LeadView) -> LeadNeeds:
    return lead_needs(
        lead.lead_id,
        lead.occupation_code,
        lead.municipality,
        lead.working_time,
        lead.required_skills,
        lead.required_languages,
    )


class CandidatePool:
    """The compiled candidate sets of each project, rebuilt only when the read model moved.

    Compiling ten thousand profiles from the tables takes far longer than ranking them, so
    the compiled sets are kept per project under the read model's version and reused
    until a subscription applies another event.
    """

    def __init__(self, read: ReadModel) -> None:
        self._read = read
        self._compiled: dict[str, tuple[tuple[int, ...], list[Candidate]]] = {}

    def candidates(self, project_id: str) -> list[Candidate]:
        version = self._read.version()
        cached = self._compiled.get(project_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        compiled = [compile_profile(p) for p in self._read.candidates(project_id)]
        self._compiled[project_id] = (version, compiled)
        return compiled


@dataclasses.dataclass(frozen=True, slots=True)
class Ranking:
    """The matches, and how many candidates they were chosen from."""

    matches: list[Match]
    considered: int


def clients_for_lead(
    read: ReadModel,
    project_id: str,
    lead_id: str,
    limit: int | None = DEFAULT_LIMIT,
    pool: CandidatePool | None = None,
) -> Ranking:
    lead = read.lead(project_id, lead_id)
    if lead is None:
        raise DomainError("lead_not_found")
    candidates = (pool or CandidatePool(read)).candidates(project_id)
    return Ranking(rank_clients(needs_of(lead), candidates, limit), len(candidates))


def worth_showing(matches: list[Match], threshold: int = THRESHOLD) -> list[Match]:
    """The matches scoring at least ``threshold``, best first."""
    return [match for match in matches if match.score >= threshold]


def leads_for_client(
    read: ReadModel, project_id: str, client_id: str, limit: int = DEFAULT_LIMIT
) -> Ranking:
    profile = read.profile(project_id, client_id)
    if profile is None:
        raise DomainError("profile_not_found")
    leads = [needs_of(lead) for lead in read.leads(project_id, available_only=True)]
    return Ranking(rank_leads(compile_profile(profile.profile), leads, limit), len(leads))
