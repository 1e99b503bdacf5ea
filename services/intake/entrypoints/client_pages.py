"""A project's clients on the pages: the list, a client's page, correcting, reassigning, exit.

Entrypoint layer. Each form builds the command the JSON API builds and hands it to the
same bus; success answers 303 to the client's page with a flash, a refusal the same form
with the values kept and the message at the field (422, or 409 for a concurrent change).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.commands import AssignCoach, CorrectStartData, ExitClient
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import EmploymentType, ExitStatus
from services.intake.entrypoints import labels
from services.intake.entrypoints.clients import MAX_OFFSET
from services.intake.entrypoints.form_readers import chosen, required, start_data, start_values
from services.intake.entrypoints.page_parts import (
    at_fields,
    common,
    flash,
    not_found,
    status_of,
    translated,
    writer_form,
)
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.directory import ClientSearch
from shared.web.commands import run_form
from shared.web.forms import FormReader
from shared.web.guards import context_of
from shared.web.pages import redirect
from shared.web.principal import COACH, SignedIn

PAGE_SIZE = 50
CLIENT = "intake/client.html"
CORRECT = "intake/correct.html"
EXIT = "intake/exit.html"

router = APIRouter(include_in_schema=False)


@router.get("/p/{project_id}/clients", response_class=HTMLResponse)
def client_list(
    request: Request,
    project_id: str,
    state: State,
    q: str = "",
    status: str = "",
    coach: str = "",
    municipality: str = "",
    page: int = 1,
) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    page = min(max(page, 1), MAX_OFFSET // PAGE_SIZE)  # a page past the end shows none
    query = ClientSearch(
        text=q[:200],
        status=status if status in ("active", "exited") else None,
        coach_id=coach or None,
        municipality=municipality or None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    rows, total = state.directory.search(project_id, query)
    filters = {"q": q, "status": status, "coach": coach, "municipality": municipality}
    return state.pages.render(
        request,
        "intake/clients.html",
        {
            **common(state.pages, request),
            "rows": rows,
            "total": total,
            "filters": filters,
            "page": page,
            "pages_total": max(1, -(-total // PAGE_SIZE)),
            "page_link": lambda n: "?" + urlencode({**filters, "page": n}),
            "coaches": state.auth.store.members_of(project_id, COACH),
            "coach_names": dict(state.auth.store.members_of(project_id)),
            "municipalities": state.directory.municipalities(project_id),
            "can_write": found.user.can_write_in(project_id),
            "flash": flash(state.pages, request),
        },
        signed_in=found,
        project_id=project_id,
    )


def _client_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    project_id: str,
    client_id: str,
    template: str = CLIENT,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    try:
        view = state.views.client(project_id, client_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    pages = state.pages
    client = view.client
    return pages.render(
        request,
        template,
        {
            **common(pages, request),
            "person": view.person,
            "client": client,
            "start": client.start_data,
            "long_term_unemployed": client.start_data.is_long_term_unemployed(client.entered_on),
            "timeline": state.directory.timeline(project_id, client_id),
            "coaches": state.auth.store.members_of(project_id, COACH),
            "coach_names": dict(state.auth.store.members_of(project_id)),
            "can_write": signed_in.user.can_write_in(project_id),
            "values": values or {},
            "errors": translated(pages, request, errors or {}),
            "flash": flash(pages, request),
            "event_label": lambda t: (
                pages.gettext(request)(labels.EVENTS[t]) if t in labels.EVENTS else t
            ),
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


@router.get("/p/{project_id}/clients/{client_id}", response_class=HTMLResponse)
def show_client(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return _client_page(state, request, found, project_id, client_id)


@router.get("/p/{project_id}/clients/{client_id}/correct", response_class=HTMLResponse)
def correction_form(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    try:
        start = state.views.client(project_id, client_id).client.start_data
    except DomainError:
        return state.pages.not_found(request, found)
    values = start_values(start)
    return _client_page(state, request, found, project_id, client_id, CORRECT, values)


@router.get("/p/{project_id}/clients/{client_id}/exit", response_class=HTMLResponse)
def exit_form(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    values = {"exit_date": date.today().isoformat()}
    return _client_page(state, request, found, project_id, client_id, EXIT, values)


def _correction(form: FormReader, client_id: str) -> CorrectStartData:
    reason = required(form, "reason", "correction_reason_required")
    return CorrectStartData(client_id=client_id, start_data=start_data(form), reason=reason)


def _coach(form: FormReader, client_id: str) -> AssignCoach:
    coach_id = form.text("coach_id", required=True)
    form.check()
    return AssignCoach(client_id=client_id, coach_id=coach_id)


def _exit(form: FormReader, client_id: str) -> ExitClient:
    exit_date = form.required_day("exit_date")
    status = chosen(form, "exit_status", ExitStatus)
    employment = form.choice("employment_type", EmploymentType, required=False)
    form.check()
    return ExitClient(
        client_id=client_id, exit_date=exit_date, exit_status=status, employment_type=employment
    )


@router.post("/p/{project_id}/clients/{client_id}/correct", response_class=HTMLResponse)
async def correct(request: Request, project_id: str, client_id: str, state: State) -> Response:
    return await _submit(state, request, project_id, client_id, _correction, CORRECT, "corrected")


@router.post("/p/{project_id}/clients/{client_id}/coach", response_class=HTMLResponse)
async def reassign(request: Request, project_id: str, client_id: str, state: State) -> Response:
    return await _submit(state, request, project_id, client_id, _coach, CLIENT, "coach_assigned")


@router.post("/p/{project_id}/clients/{client_id}/exit", response_class=HTMLResponse)
async def exit_participation(
    request: Request, project_id: str, client_id: str, state: State
) -> Response:
    return await _submit(state, request, project_id, client_id, _exit, EXIT, "exited")


async def _submit(
    state: IntakeState,
    request: Request,
    project_id: str,
    client_id: str,
    build: Callable[[FormReader, str], object],
    template: str,
    saved: str,
) -> Response:
    """A form posted about a client: build its command, hand it to the bus, and answer
    the client's page (303) or the form again with the refusal at its field."""
    posted = await writer_form(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    found, form = posted
    context = context_of(request, found, project_id)
    outcome = await run_form(state.bus, lambda: build(form, client_id), context)
    if not isinstance(outcome, dict):
        return redirect(f"/p/{project_id}/clients/{client_id}?saved={saved}")
    if not_found(outcome):
        return state.pages.not_found(request, found)
    errors = at_fields(outcome, "reason")
    return _client_page(
        state, request, found, project_id, client_id, template, form.values, errors,
        status_of(errors),
    )  # fmt: skip
