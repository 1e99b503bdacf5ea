"""A service as the web sees it: its runtime, its routes, and how it resolves sessions.

Routes are module-level ``APIRouter``s; what they need (the bus, the views, the page
guards) is the service's ``state``, which ``mount`` puts on the app as
``app.state.<service name>`` and each service's routes read back with a FastAPI
dependency (``state_of``). Several services share one app (``duuni up``) without sharing
anything else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, Request

from shared.runtime import ServiceRuntime
from shared.web.auth import RemoteSessions, SessionResolver, WebAuth


@dataclasses.dataclass
class WebService:
    runtime: ServiceRuntime
    router: APIRouter
    sessions: SessionResolver | None = None
    """Set by intake, which owns the accounts: how the other services resolve a cookie."""
    client_names: ClientNames | None = None
    """Set by intake: names for pages of services in the same process (never for events)."""
    staff_names: StaffNames | None = None
    """Set by intake: the display names of a project's users, for the same pages."""
    client_finder: ClientFinder | None = None
    """Set by intake: which of a project's clients a search text names, for pickers."""
    state: object | None = None
    """What the service's module-level routes find on ``app.state.<name>``."""

    @property
    def name(self) -> str:
        return self.runtime.name


ClientNames = Callable[[str, Sequence[str]], Mapping[str, str]]
"""(project, client ids) → display names; personal data, so only within one process."""

ClientFinder = Callable[[str, str], Collection[str]]
"""(project, search text) → the ids of the clients whose name holds every word of the
text, or whose identity code or phone number it is: a search over personal data, answered
by intake without the names leaving it."""

StaffNames = Callable[[str], Mapping[str, str]]
"""project → {user id: display name} of its members (coaches and colleagues by name on
the pages; not client data, but still never put into events)."""


def auth_for(sessions: SessionResolver | None, intake_url: str) -> WebAuth:
    """In one process, ask intake's resolver directly; alone, ask intake over HTTP."""
    return WebAuth(sessions if sessions is not None else RemoteSessions(intake_url))


def mount(app: FastAPI, service: WebService) -> None:
    """The service's routes on ``app``, and its state where they look for it."""
    setattr(app.state, service.name, service.state)
    app.include_router(service.router)


def state_of(name: str) -> Callable[[Request], Any]:
    """A FastAPI dependency answering the state ``mount`` set for service ``name``."""

    async def dependency(request: Request) -> Any:  # a coroutine: no worker thread
        return getattr(request.app.state, name)

    dependency.__name__ = f"{name}_state"
    return dependency
