"""The job-lead aggregate: a lead is found at a company, opens, and ends filled, closed or
expired. One stream per lead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from functools import reduce

from services.matching.domain.commands import LeadCommand, RecordLead
from services.matching.domain.errors import DomainError
from services.matching.domain.events import JobLeadFound, JobLeadStatusChanged, LeadEvent
from services.matching.domain.occupations import check_isco, label_of
from services.matching.domain.skills import languages, tags
from services.matching.domain.vocabulary import DRIVING_LICENCE, LeadStatus
from shared.shapes import like

NEXT_STATUSES: dict[LeadStatus, frozenset[LeadStatus]] = {
    LeadStatus.FOUND: frozenset(
        {LeadStatus.OPEN, LeadStatus.CLOSED, LeadStatus.EXPIRED, LeadStatus.FILLED}
    ),
    LeadStatus.OPEN: frozenset({LeadStatus.FILLED, LeadStatus.CLOSED, LeadStatus.EXPIRED}),
    LeadStatus.FILLED: frozenset(),
    LeadStatus.CLOSED: frozenset(),
    LeadStatus.EXPIRED: frozenset(),
}
"""The lifecycle: filled, closed and expired are final."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Lead:
    lead_id: str
    company_id: str
    project_id: str
    found_on: date
    status: LeadStatus = LeadStatus.FOUND


def decide(
    state: Lead | None, command: LeadCommand, *, company_known: bool = True
) -> list[LeadEvent]:
    """``company_known``: the service layer found the company in the lead's project."""
    if isinstance(command, RecordLead):
        if state is not None:
            raise DomainError("lead_already_recorded")
        if not company_known:
            raise DomainError("company_not_found")
        return [_found(command)]
    if state is None:
        raise DomainError("lead_not_found")
    if command.status is state.status:
        return []
    if command.status not in NEXT_STATUSES[state.status]:
        raise DomainError("invalid_status_change", f"{state.status} -> {command.status}")
    if command.changed_on < state.found_on:
        raise DomainError("status_change_before_found")
    return [like(JobLeadStatusChanged, command, lead_id=state.lead_id, project_id=state.project_id)]


def _found(command: RecordLead) -> JobLeadFound:
    code = check_isco(command.occupation_code)
    if not command.municipality.strip():
        raise DomainError("municipality_required")
    if command.starts_on is not None and command.starts_on < command.found_on:
        raise DomainError("start_before_found")
    return like(
        JobLeadFound,
        command,
        occupation_code=code,
        occupation_label=command.occupation_label.strip() or label_of(code),
        esco_code=(command.esco_code or "").strip() or None,
        municipality=command.municipality.strip(),
        required_skills=tags(
            (*command.required_skills, DRIVING_LICENCE)
            if command.driving_licence_required
            else command.required_skills
        ),
        required_languages=languages(command.required_languages),
    )


def evolve(state: Lead | None, event: LeadEvent) -> Lead | None:
    match event:
        case JobLeadFound():
            return like(Lead, event)
        case JobLeadStatusChanged():
            return dataclasses.replace(state, status=event.status) if state else None


def rebuild(events: Iterable[LeadEvent]) -> Lead | None:
    return reduce(evolve, events, None)
