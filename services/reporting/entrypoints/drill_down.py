"""What a figure's page lists (entrypoint layer): the clients behind it by name with their
coach, or the companies.

Names come from intake while the page is drawn (``People``) and are never kept. For the
leavers still without an end status four weeks after leaving, the list is a manager's
to-do list: oldest first, with the day the four weeks ended and, for those who may
write, a link to intake's page for recording the status upon leaving of each client; the
leavers whose six-month follow-up is due and not recorded likewise link to the page of
the follow-up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from typing import Final

from fastapi import Request

from services.reporting.domain import rules
from services.reporting.domain.facts import Participant
from services.reporting.domain.figures import Figure, Period
from services.reporting.service_layer.ports import Person, Reader
from shared.business_dates import six_months_after
from shared.web.auth import COOKIE


@dataclasses.dataclass(frozen=True, slots=True)
class ToDo:
    """A figure whose members each wait for someone to record something in intake."""

    page: str
    """The client's page in intake where it is recorded: ``/p/…/clients/{id}/{page}``."""
    waiting_since: Callable[[date], date]
    """From the day the client left, the day the thing fell due."""


TO_DO: Final = {
    "quality.missing_end_status": ToDo("leaving", rules.upon_leaving_ends),
    "followups.missing": ToDo("follow-up", six_months_after),
}
"""Figures whose members each wait for someone to record something: the status upon
leaving (intake's page for a client who has left), or the six-month follow-up."""


@dataclasses.dataclass(frozen=True, slots=True)
class Member:
    """One client behind a figure, as the page lists her."""

    client_id: str
    name: str
    """Empty when intake did not answer for her: the page shows the pseudonymous id."""
    coach: str
    left_on: date | None = None
    four_weeks_ended: date | None = None
    """On a to-do list, the day the thing fell due (``ToDo.waiting_since``): the end of
    the four weeks upon leaving, or the six-month follow-up's due day."""


def members(figure: Figure, period: Period, people: Mapping[str, Person]) -> list[Member]:
    """The figure's clients with their names and coaches, by name; leavers with the day
    they left, and on a to-do list the longest waiting first."""
    left = {
        row.client_id: leaving.exited_on
        for row in figure.basis
        if isinstance(row, Participant) and (leaving := row.leaving_by(period.end)) is not None
    }
    to_do = TO_DO.get(figure.key)
    due = rules.upon_leaving_ends if to_do is None else to_do.waiting_since
    listed = [
        Member(
            client_id,
            people[client_id].name if client_id in people else "",
            people[client_id].coach if client_id in people else "",
            left.get(client_id),
            None if client_id not in left else due(left[client_id]),
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
