"""Showing a restricted record to the data-protection role only (entrypoint layer).

While a person's data is restricted (``service_layer.restriction``), every read of it at
the edges (the client page and its timeline, a list or search naming them, the API)
answers anyone but the data-protection role with a notice saying until when the record
is restricted, and logs the attempt (``restricted``) instead of the read. Events are not
touched, so the figures stay as they were.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from fastapi import Request
from fastapi.responses import Response

from services.intake.domain.errors import DomainError
from services.intake.entrypoints.privacy_reads import log_view
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.access_log import RESTRICTED, here
from services.intake.service_layer.directory import ClientRow
from services.intake.service_layer.restriction import restriction_of
from services.intake.service_layer.views import ClientView
from shared.web.i18n import N_
from shared.web.principal import AUDITOR, SignedIn, User
from shared.web.problems import ProblemError

RESTRICTED_ROW_NAME = N_("Restricted record")
"""What a list shows instead of a restricted person's name."""


def sees_restricted(user: User, project_id: str) -> bool:
    """The data-protection role: the project's auditor or an administrator."""
    return user.is_admin or AUDITOR in user.roles_in(project_id)


def hidden_until(state: IntakeState, user: User, project_id: str, client_id: str) -> date | None:
    """The retention end when the client's record is restricted and ``user`` may not
    see it (the attempt is then logged); None when the record may be shown."""
    if sees_restricted(user, project_id) or restriction_of(state.views.streams, client_id) is None:
        return None
    state.access.record([here(project_id, client_id, user.id, RESTRICTED)])
    return state.privacy.kept_until(project_id) or date.max


def restricted_page(
    state: IntakeState, request: Request, signed_in: SignedIn, project_id: str, client_id: str
) -> Response | None:
    """The notice page instead of the client's record, or None to show the record."""
    until = hidden_until(state, signed_in.user, project_id, client_id)
    if until is None:
        return None
    return state.pages.render(
        request,
        "intake/restricted.html",
        {"kept_until": until},
        signed_in=signed_in,
        project_id=project_id,
        status_code=403,
    )


def opened_record(
    state: IntakeState, request: Request, signed_in: SignedIn, ids: tuple[str, str]
) -> ClientView | Response:
    """The client's record for a page about them, its showing logged; or the page to answer
    instead: not found, or the notice of a restriction (the attempt logged instead)."""
    project_id, client_id = ids
    try:
        view = state.views.client(project_id, client_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    if (notice := restricted_page(state, request, signed_in, project_id, client_id)) is not None:
        return notice
    log_view(state, signed_in.user.id, project_id, client_id)  # every showing is logged
    return view


def refuse_restricted(state: IntakeState, user: User, project_id: str, client_id: str) -> None:
    """An API read of a restricted record: a 403 problem naming the retention end."""
    until = hidden_until(state, user, project_id, client_id)
    if until is not None:
        raise ProblemError(
            403, "record_restricted", detail=f"this record is restricted until {until}"
        )


def masked_rows(
    state: IntakeState, user: User, project_id: str, rows: Sequence[ClientRow], label: str
) -> tuple[list[ClientRow], list[str]]:
    """The rows with restricted persons' names and municipality replaced by ``label``
    (for anyone but the data-protection role), and the ids of the rows left readable;
    each masked row is logged as an attempt. The project's restricted clients are read
    once for the whole list, not per row."""
    if sees_restricted(user, project_id):
        return list(rows), [row.client_id for row in rows]
    restricted = state.directory.restricted(project_id) if rows else set()
    shown: list[ClientRow] = []
    readable: list[str] = []
    for row in rows:
        if row.client_id not in restricted:
            shown.append(row)
            readable.append(row.client_id)
        else:
            shown.append(dataclasses.replace(row, first_name="", last_name=label, municipality=""))
    masked = [row.client_id for row in rows if row.client_id in restricted]
    if masked:
        state.access.record([here(project_id, client, user.id, RESTRICTED) for client in masked])
    return shown, readable
