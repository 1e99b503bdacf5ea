"""Showing a client's full identity code on the client's page, for a reason the user gives.

Entrypoint layer. The page shows the birth-date part alone; the small form under it posts
the reason (with the session's CSRF token) as a ``RevealIdentityCode`` command, which the
handler records. The answer is the client's page itself with the whole code, once: it is
never put in an address or a redirect, and the next visit shows the masked code again.
Every member of the project may ask (an auditor too), and no one sees it without a reason.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.commands import RevealIdentityCode
from services.intake.entrypoints.client_pages import client_page
from services.intake.entrypoints.page_parts import guarded_form, not_found, status_of
from services.intake.entrypoints.state import State
from shared.events.privacy import PersonalDataInEvent
from shared.web.commands import run_form
from shared.web.guards import context_of

router = APIRouter(include_in_schema=False)


@router.post("/p/{project_id}/clients/{client_id}/identity-code", response_class=HTMLResponse)
async def reveal(request: Request, project_id: str, client_id: str, state: State) -> Response:
    posted = await guarded_form(state, request, state.guards.viewer(request, project_id))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    command = RevealIdentityCode(client_id=client_id, reason=form.text("reveal_reason"))
    outcome = await run_form(state.bus, command, context_of(request, found, project_id))
    ids = (project_id, client_id)
    if isinstance(outcome, dict):
        if not_found(outcome):
            return state.pages.not_found(request, found)
        # A reason holding an identity code or an address is not sent back either.
        echo = PersonalDataInEvent.CODE not in outcome.values()
        values = {"reveal_reason": form.text("reveal_reason")} if echo else {}
        return client_page(state, request, found, ids, values=values, errors=outcome,
                           status_code=status_of(outcome))  # fmt: skip
    return client_page(state, request, found, ids, identity_code_shown=True)
