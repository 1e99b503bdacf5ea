"""What reporting's routes find on ``app.state.reporting``, and the dependencies that read
it (entrypoint layer).

``bootstrap`` builds one ``ReportingState``: the bus the targets go through, the views
the figures are read from, whom to ask for the names behind a figure, and the web parts
(sessions, pages, page guards). The module-level routers get it with
``Depends(state_of("reporting"))``; they never reach the event log.
"""

# No ``from __future__ import annotations``: FastAPI reads these signatures at run time.

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from services.reporting.domain.errors import DomainError
from services.reporting.domain.figures import Period
from services.reporting.service_layer.ports import People
from services.reporting.service_layer.views import ReportViews
from shared.messagebus import MessageBus
from shared.web.auth import WebAuth
from shared.web.commands import refusal_problem
from shared.web.guards import PageGuards
from shared.web.i18n import translations
from shared.web.pages import SHARED_LOCALE, Pages
from shared.web.principal import User
from shared.web.service import state_of

HERE = Path(__file__).parent
SERVICE = "reporting"


def reporting_pages() -> Pages:
    return Pages(HERE / "templates", HERE / "locale")


def gettext_for(language: str) -> Callable[[str], str]:
    """Reporting's messages in ``language``, for what is not a page (the exports)."""
    return translations(language, [SHARED_LOCALE, HERE / "locale"]).gettext


@dataclasses.dataclass(frozen=True, slots=True)
class ReportingState:
    bus: MessageBus
    views: ReportViews
    auth: WebAuth
    pages: Pages
    people: People
    """Who the clients behind a figure are: asked of intake while a page is drawn."""

    @property
    def guards(self) -> PageGuards:
        return PageGuards(self.auth, self.pages)


State = Annotated[ReportingState, Depends(state_of(SERVICE))]


async def member(request: Request, project_id: str, state: State) -> User:
    """Any member of the project (an admin too); another project's answers 404."""
    return await state.auth.project_member(request, project_id)


async def csrf(request: Request, state: State) -> None:
    await state.auth.verify_csrf(request)


Member = Annotated[User, Depends(member)]
CSRF: list[Any] = [Depends(csrf)]


@dataclasses.dataclass(frozen=True, slots=True)
class Asked:
    """The period and the as-of day a report was asked for."""

    period: Period
    as_of: date | None


Start = Annotated[date | None, Query(description="First day of the period.")]
End = Annotated[date | None, Query(description="Last day of the period (default today).")]
AsOf = Annotated[
    date | None, Query(description="Reproduce the figures from events recorded by that day.")
]


def asked(state: State, start: Start = None, end: End = None, as_of: AsOf = None) -> Asked:
    """The query's period (422 ``start_after_end`` when it is upside down)."""
    try:
        return Asked(state.views.period(start, end, as_of), as_of)
    except DomainError as error:
        raise refusal_problem(error) from error


AskedFor = Annotated[Asked, Depends(asked)]
