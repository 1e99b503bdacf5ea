"""What coaching's routes find on ``app.state.coaching``, and the dependencies that read it
(entrypoint layer).

``bootstrap`` builds one ``CoachingState``; the module-level routers get it with
``Depends(coaching_state)`` and sign the user in through the ``member``/``writer``/``csrf``
dependencies below, which ask the state's ``WebAuth``.
"""

# No ``from __future__ import annotations``: FastAPI reads these signatures at run time.

import dataclasses
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from services.coaching.service_layer.dependencies import Coaching
from services.coaching.service_layer.ports import ClientNames
from services.coaching.service_layer.read_models import Companies, Views
from shared.links import RateLimiter
from shared.messagebus import MessageBus
from shared.web.auth import WebAuth
from shared.web.guards import PageGuards
from shared.web.pages import Pages
from shared.web.principal import WRITERS, User
from shared.web.service import ClientFinder, StaffNames, state_of

HERE = Path(__file__).parent


def coaching_pages() -> Pages:
    return Pages(HERE / "templates", HERE / "locale")


@dataclasses.dataclass(frozen=True, slots=True)
class CoachingState:
    bus: MessageBus
    coaching: Coaching
    """The handlers' dependencies, for the queries that fold one aggregate."""
    views: Views
    companies: Companies
    auth: WebAuth
    pages: Pages
    client_names: ClientNames | None = None
    """Intake's names of clients for the pages; without it, clients show as short codes."""
    staff_names: StaffNames | None = None
    """Intake's display names of the project's users; without it, a colleague shows as a
    short code."""
    client_finder: ClientFinder | None = None
    """Intake's search of the project's clients by name, identity code or phone, for the
    client picker; without it, the picker searches the names it is given."""
    link_limiter: RateLimiter = dataclasses.field(default_factory=RateLimiter)
    """How often one address may ask the pages opened by link (``employer_pages``)."""

    @property
    def guards(self) -> PageGuards:
        return PageGuards(self.auth, self.pages)


coaching_state = state_of("coaching")
State = Annotated[CoachingState, Depends(coaching_state)]


async def member(request: Request, project_id: str, state: State) -> User:
    """Any member of the project (an admin too); another project's answers 404."""
    return await state.auth.project_member(request, project_id)


async def writer(request: Request, project_id: str, state: State) -> User:
    """A coach or a project manager of the project: auditors get 403."""
    return await state.auth.project_member(request, project_id, *WRITERS)


async def csrf(request: Request, state: State) -> None:
    await state.auth.verify_csrf(request)


Member = Annotated[User, Depends(member)]
Writer = Annotated[User, Depends(writer)]
CSRF: list[Any] = [Depends(csrf)]
