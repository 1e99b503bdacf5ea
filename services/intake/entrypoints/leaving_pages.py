"""After the exit, on the pages: the status upon leaving found out later, and follow-ups.

Entrypoint layer. Reporting's to-do list of leavers without an end status links to the
first page; the client's page links to both once the client has left. Each form builds
the command the JSON API builds and hands it to the same bus (``client_pages._submit``).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.commands import RecordFollowUp, RecordStatusUponLeaving
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    ExitStatus,
    FollowUpSource,
    Improvement,
)
from services.intake.entrypoints.client_pages import FOLLOW_UP, LEAVING, _submit, client_page
from services.intake.entrypoints.form_readers import chosen, destination_details
from services.intake.entrypoints.state import State
from shared.business_dates import helsinki_today
from shared.web.forms import FormReader
from shared.web.pages import redirect

router = APIRouter(include_in_schema=False)

REACHED = {"yes": True, "no": False}


def _page(
    request: Request, project_id: str, client_id: str, state: State, template: str
) -> Response:
    """The form of a client who has left; for a client still taking part, the exit form."""
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    try:
        client = state.views.client(project_id, client_id).client
    except DomainError:
        return state.pages.not_found(request, found)
    if client.is_active:
        return redirect(f"/p/{project_id}/clients/{client_id}/exit")
    values: dict[str, str] = {}
    if template == LEAVING and client.exit_status is not ExitStatus.UNKNOWN:
        values = {
            "exit_status": client.exit_status.value if client.exit_status else "",
            "employment_type": client.employment_type.value if client.employment_type else "",
            "referral_kind": client.referral_kind.value if client.referral_kind else "",
            "intermediate_kind": (
                client.intermediate_kind.value if client.intermediate_kind else ""
            ),
        }
    if template == FOLLOW_UP:
        values = {"checked_on": helsinki_today().isoformat()}
    return client_page(state, request, found, (project_id, client_id), template, values)


@router.get("/p/{project_id}/clients/{client_id}/leaving", response_class=HTMLResponse)
def status_form(request: Request, project_id: str, client_id: str, state: State) -> Response:
    return _page(request, project_id, client_id, state, LEAVING)


@router.get("/p/{project_id}/clients/{client_id}/follow-up", response_class=HTMLResponse)
def follow_up_form(request: Request, project_id: str, client_id: str, state: State) -> Response:
    return _page(request, project_id, client_id, state, FOLLOW_UP)


def _status(form: FormReader, client_id: str) -> RecordStatusUponLeaving:
    status = chosen(form, "exit_status", ExitStatus)
    source = chosen(form, "source", FollowUpSource)
    details = destination_details(form)
    form.check()
    return RecordStatusUponLeaving(
        client_id=client_id, exit_status=status, **details, source=source
    )


def _follow_up(form: FormReader, client_id: str) -> RecordFollowUp:
    checked_on = form.required_day("checked_on")
    reached = REACHED.get(form.text("reached"))
    if reached is None:
        form.errors.setdefault("reached", "choose_one")
    source = chosen(form, "source", FollowUpSource)
    status = chosen(form, "exit_status", ExitStatus)
    details = destination_details(form)
    improvement = form.choice("improvement", Improvement, required=False)
    form.check()
    return RecordFollowUp(
        client_id=client_id,
        checked_on=checked_on,
        reached=bool(reached),
        source=source,
        exit_status=status,
        **details,
        improvement=improvement,
    )


@router.post("/p/{project_id}/clients/{client_id}/leaving", response_class=HTMLResponse)
async def record_status(
    request: Request, project_id: str, client_id: str, state: State
) -> Response:
    return await _submit(state, request, project_id, client_id, _status, LEAVING, "status_recorded")


@router.post("/p/{project_id}/clients/{client_id}/follow-up", response_class=HTMLResponse)
async def record_follow_up(
    request: Request, project_id: str, client_id: str, state: State
) -> Response:
    return await _submit(
        state, request, project_id, client_id, _follow_up, FOLLOW_UP, "follow_up_recorded"
    )
