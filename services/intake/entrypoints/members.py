"""The project's members as intake's pages show them: read once a request.

The client page names members in four places (the coach picker, the coach's name, the
timeline's actors and who has opened the record) and the client list in two; each used to
ask the account store again. ``project_members`` asks once and keeps the answer on the
request, so a page costs one query for its members however many parts name them.
"""

from __future__ import annotations

import dataclasses

from fastapi import Request

from services.intake.entrypoints.state import IntakeState
from shared.web.principal import COACH


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectMembers:
    """The active members of one project, by display name."""

    names: dict[str, str]
    """Display name by user id of every member, whatever their roles."""
    coaches: list[tuple[str, str]]
    """(user id, display name) of the members with the coach's role."""


def project_members(state: IntakeState, request: Request, project_id: str) -> ProjectMembers:
    """The members of ``project_id``, read on the request's first call only."""
    kept: tuple[str, ProjectMembers] | None = getattr(request.state, "duuni_members", None)
    if kept is not None and kept[0] == project_id:
        return kept[1]
    names: dict[str, str] = {}
    coaches: list[tuple[str, str]] = []
    for user_id, name, role in state.auth.store.roster(project_id):
        names.setdefault(user_id, name)
        if role == COACH:
            coaches.append((user_id, name))
    members = ProjectMembers(names=names, coaches=coaches)
    request.state.duuni_members = (project_id, members)
    return members
