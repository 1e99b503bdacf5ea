"""What coaching knows about a client from intake: enough to decide who may be booked.

Intake owns clients; coaching keeps a projection of their project, coach and whether they
are active, and hands the domain a ``ClientStanding`` so the rule lives here, not in I/O.
"""

from __future__ import annotations

import dataclasses

from services.coaching.domain.errors import DomainError


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientStanding:
    client_id: str
    project_id: str
    coach_id: str
    active: bool


def require_active(
    standing: ClientStanding | None, project_id: str, field: str = "client_id"
) -> ClientStanding:
    """Only enrolled, active clients of the same project take part in new coaching."""
    known = require_known(standing, project_id, field)
    if not known.active:
        raise DomainError("client_not_active", field)
    return known


def require_known(
    standing: ClientStanding | None, project_id: str, field: str = "client_id"
) -> ClientStanding:
    """Another project's client is as unknown as one never enrolled."""
    if standing is None or standing.project_id != project_id:
        raise DomainError("client_not_found", field)
    return standing
