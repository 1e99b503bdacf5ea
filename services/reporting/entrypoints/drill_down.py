"""What a figure's page lists (entrypoint layer): the clients behind it by name with their
coach, or the companies.

Names come from intake while the page is drawn (``People``) and are never kept. For the
leavers still without an end status four weeks after leaving, the list is a manager's
to-do list: oldest first, with the day the four weeks ended and, for those who may
write, a link to intake's end-notice page of each client.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Final

from fastapi import Request

from services.reporting.domain import rules
from services.reporting.domain.facts import Participant
from services.reporting.domain.figures import Figure, Period
from services.reporting.service_layer.ports import Person, Reader
from shared.web.auth import COOKIE

TO_DO: Final = frozenset({"quality.missing_end_status"})
"""Figures whose members each wait for someone to record something."""


@dataclasses.dataclass(frozen=True, slots=True)
class Member:
    """One client behind a figure, as the page lists her."""

    client_id: str
    name: str
    """Empty when intake did not answer for her: the page shows the pseudonymous id."""
    coach: str
    left_on: date | None = None
    four_weeks_ended: date | None = None


def members(figure: Figure, period: Period, people: Mapping[str, Person]) -> list[Member]:
    """The figure's clients with their names and coaches, by name; leavers with the day
    they left, and on a to-do list the longest waiting first."""
    left = {
        row.client_id: leaving.exited_on
        for row in figure.basis
        if isinstance(row, Participant) and (leaving := row.leaving_by(period.end)) is not None
    }
    listed = [
        Member(
            client_id,
            people[client_id].name if client_id in people else "",
            people[client_id].coach if client_id in people else "",
            left.get(client_id),
            None if client_id not in left else rules.upon_leaving_ends(left[client_id]),
        )
        for client_id in figure.members
    ]
    if figure.key in TO_DO:
        listed.sort(key=lambda m: (m.left_on or date.max, m.name, m.client_id))
    else:
        listed.sort(key=lambda m: (m.name == "", m.name.casefold(), m.client_id))
    return listed


def reader_of(request: Request) -> Reader:
    """The signed-in reader's session, and the address this process serves the site at
    (the listening socket's, never the Host header a browser could set)."""
    server = request.scope.get("server")
    if server and server[1]:
        host = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
        origin = f"http://{host}:{server[1]}"
    else:
        origin = str(request.base_url)
    return Reader(request.cookies.get(COOKIE, ""), origin)
