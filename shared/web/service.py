"""A service as the web sees it: its runtime, its routes, and how it resolves sessions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from fastapi import APIRouter

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


ClientNames = Callable[[str, Sequence[str]], Mapping[str, str]]
"""(project, client ids) → display names; personal data, so only within one process."""


def auth_for(sessions: SessionResolver | None, intake_url: str) -> WebAuth:
    """In one process, ask intake's resolver directly; alone, ask intake over HTTP."""
    return WebAuth(sessions if sessions is not None else RemoteSessions(intake_url))
