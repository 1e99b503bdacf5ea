"""Logging reads of personal data at the web edge (entrypoint layer).

Writes reach the access log through the bus; reads never pass it, so each route that
shows a client's personal data logs it here: the client page (``view``), a list or an
API page that names clients (``search``, one entry a client), an API read (``view``).
``remember_origin`` runs for every intake request and notes its address and channel, so
that the entries of a request, its writes too, say where it came from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from fastapi import Request

from services.intake.entrypoints.consent_texts import PURPOSE_LABELS
from services.intake.entrypoints.members import project_members
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.access_log import (
    OPENING,
    SEARCH,
    VIEW,
    AccessQuery,
    here,
    origin,
)
from services.intake.service_layer.consent import consents_of
from shared.web.i18n import N_
from shared.web.principal import AUDITOR, SignedIn

ACTION_LABELS: dict[str, str] = {
    "view": N_("Opened the record"),
    "search": N_("Saw in a list"),
    "export": N_("Exported a copy"),
    "write": N_("Changed the data"),
    "reveal": N_("Saw the full identity code"),
    "erase": N_("Erased the personal data"),
    "audit": N_("Read the access log"),
    "download": N_("Downloaded a document"),
    "restricted": N_("Was shown that the record is restricted"),
}
"""What each kind of entry says on the pages."""
CHANNEL_LABELS: dict[str, str] = {
    "page": N_("the site"),
    "api": N_("the API"),
    "cli": N_("the command line"),
}
"""Through what the access came, as the pages say it."""
SHOWN_ON_CLIENT_PAGE = 10
"""How many of the latest openings a client's page lists."""


async def remember_origin(request: Request) -> None:
    """Note the request's address and channel for the access log (a router dependency)."""
    address = request.client.host if request.client else ""
    channel = "api" if request.url.path.startswith("/api/") else "page"
    origin.set((address, channel))


def log_view(state: IntakeState, user_id: str, project_id: str, client_id: str) -> None:
    state.access.record([here(project_id, client_id, user_id, VIEW)])


def log_listed(
    state: IntakeState, user_id: str, project_id: str, client_ids: Iterable[str]
) -> None:
    """One ``search`` entry for each client a list or search named."""
    state.access.record([here(project_id, c, user_id, SEARCH) for c in client_ids])


@dataclasses.dataclass(frozen=True, slots=True)
class Opening:
    """One line of "who has opened this record"."""

    at: datetime
    who: str
    action: str
    purpose: str | None


def opened_by(
    state: IntakeState, project_id: str, client_id: str, names: Mapping[str, str]
) -> list[Opening]:
    """The latest openings of the client's record (not the lists that named them)."""
    latest = state.access.latest(
        AccessQuery(project_id=project_id, client_id=client_id, actions=OPENING,
                    limit=SHOWN_ON_CLIENT_PAGE)
    )  # fmt: skip
    return [Opening(e.at, names.get(e.user_id, e.user_id), e.action, e.purpose) for e in latest]


def privacy_parts(
    state: IntakeState, request: Request, signed_in: SignedIn, project_id: str, client_id: str
) -> dict[str, Any]:
    """What the client page's "who has opened this record" needs."""
    user = signed_in.user
    names = project_members(state, request, project_id).names
    tr = state.pages.gettext(request)
    return {
        "opened": opened_by(state, project_id, client_id, names),
        "action_labels": {action: tr(label) for action, label in ACTION_LABELS.items()},
        "may_protect": user.is_admin or AUDITOR in user.roles_in(project_id),
        "consents": consents_of(state.views.streams, client_id),
        "purpose_labels": {code: tr(label) for code, label in PURPOSE_LABELS.items()},
    }
