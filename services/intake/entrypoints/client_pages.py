"""A client on the pages: the client's page and timeline, correcting, reassigning, exit.

Entrypoint layer. Each form builds the command the JSON API builds and hands it to the
same bus; success answers 303 to the client's page with a flash, a refusal the same form
with the values kept and the message at the field (422, or 409 for a concurrent change).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.commands import AssignCoach, CorrectStartData, ExitClient
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    ExitStatus,
)
from services.intake.domain.identity import masked
from services.intake.entrypoints import labels
from services.intake.entrypoints.document_view import document_parts, may_handle_documents
from services.intake.entrypoints.form_readers import (
    chosen,
    destination_details,
    start_data,
    start_values,
)
from services.intake.entrypoints.link_admin_pages import link_parts
from services.intake.entrypoints.members import project_members
from services.intake.entrypoints.message_pages import message_parts
from services.intake.entrypoints.page_parts import (
    common,
    flash,
    on_the_page,
    status_of,
    submit_client_form,
    translated,
    viewer_who,
)
from services.intake.entrypoints.privacy_reads import privacy_parts
from services.intake.entrypoints.restricted import opened_record
from services.intake.entrypoints.state import IntakeState, State
from services.intake.entrypoints.timeline import Reader, TimelineItem, timeline_items
from services.intake.service_layer.enrolment import Person
from shared.business_dates import helsinki_today
from shared.web.client_tabs import DETAILS, client_tabs
from shared.web.client_tabs import DOCUMENTS as DOCUMENTS_TAB
from shared.web.forms import FormReader
from shared.web.pages import language_of
from shared.web.principal import SignedIn

CLIENT = "intake/client.html"
DOCUMENTS = "intake/client_documents.html"
"""The client's Documents tab: the documents section on a page of its own."""
CORRECT = "intake/correct.html"
EXIT = "intake/exit.html"
LEAVING = "intake/status_upon_leaving.html"
FOLLOW_UP = "intake/follow_up.html"
DESTINATION_FIELDS = ("exit_status", "employment_type", "referral_kind", "intermediate_kind")
SENSITIVE = tuple(f"sensitive_{name}" for name, _label in labels.SENSITIVE_QUESTIONS)
FIELDS: dict[str, tuple[str, ...]] = {
    CORRECT: (
        *("gender", "municipality", "education", "labour_market_status", "unemployed_since"),
        *SENSITIVE,
        "reason_code",
        "reason",
    ),
    EXIT: ("exit_date", *DESTINATION_FIELDS),
    LEAVING: (*DESTINATION_FIELDS, "source"),
    FOLLOW_UP: ("checked_on", "reached", "source", *DESTINATION_FIELDS, "improvement"),
    DOCUMENTS: ("kind", "file"),
}
"""The fields of each form page, by the ids the error summary links to."""
MAIN_FIELD = {
    CORRECT: "reason",
    EXIT: "exit_date",
    CLIENT: "coach_id",
    LEAVING: "exit_status",
    FOLLOW_UP: "checked_on",
    DOCUMENTS: "file",
}
"""Where a form's refusal about the form as a whole is shown."""
CLIENT_FORMS = ("phone", "email", "address", "language", "kind", "file")
"""The client page's forms for a writer: contact details, a document to add."""

router = APIRouter(include_in_schema=False)


def client_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    ids: tuple[str, str],
    template: str = CLIENT,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
    *,
    identity_code_shown: bool = False,
) -> Response:
    """The client's page (or one of its forms, ``template``), with ``errors`` at the
    fields the page has; the full identity code only when ``identity_code_shown``."""
    project_id, client_id = ids
    view = opened_record(state, request, signed_in, ids)
    if isinstance(view, Response):
        return view
    pages, client, person = state.pages, view.client, view.person
    can_write = signed_in.user.can_write_in(project_id)
    fields = FIELDS.get(template) or (
        *_client_fields(can_write and client.is_active, person),
        *(CLIENT_FORMS if can_write else ()),
    )
    placed = on_the_page(errors or {}, fields, MAIN_FIELD.get(template))
    return pages.render(
        request,
        template,
        {
            **common(pages, request),
            "person": person,
            "masked_identity_code": masked(person.identity_code) if person.identity_code else "",
            "identity_code_shown": identity_code_shown,
            "client": client,
            "start": client.start_data,
            "long_term_unemployed": client.start_data.is_long_term_unemployed(client.entered_on),
            "timeline": _timeline(state, request, project_id, client_id),
            "coaches": project_members(state, request, project_id).coaches,
            "coach_names": project_members(state, request, project_id).names,
            "can_write": can_write,
            "values": values or {},
            "errors": translated(pages, request, placed),
            "flash": flash(pages, request),
            **privacy_parts(state, request, signed_in, project_id, client_id),
            **message_parts(state, project_id, client_id),
            **document_parts(state, request, signed_in, (project_id, client_id)),
            **link_parts(state, project_id, client_id),
            "client_tabs": client_tabs(
                signed_in.user,
                project_id,
                client_id,
                DOCUMENTS_TAB if template == DOCUMENTS else DETAILS,
            ),
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


def _client_fields(coach_form: bool, person: Person) -> tuple[str, ...]:
    """The client page's own forms: the coach (for a writer, while the client is active)
    and the reason to show the identity code (when the person has one)."""
    return (
        *(("coach_id",) if coach_form else ()),
        *(("reveal_reason",) if person.identity_code else ()),
    )


def _timeline(
    state: IntakeState, request: Request, project_id: str, client_id: str
) -> list[TimelineItem]:
    """The client's timeline for the page's reader, naming the users the events name."""
    entries = state.directory.timeline(project_id, client_id)
    wanted = {e.actor for e in entries} | {
        str(e.payload[key])
        for e in entries
        for key in ("coach_id", "previous_coach_id", "approved_by")
        if e.payload.get(key)
    }
    names = dict(project_members(state, request, project_id).names)  # adds former members
    for user_id in wanted - names.keys():
        stored = state.auth.store.user_by_id(user_id)
        if stored is not None:
            names[user_id] = stored.user.display_name
    reason_ids = [str(e.payload["reason_id"]) for e in entries if e.payload.get("reason_id")]
    reader = Reader(
        language=language_of(request),
        gettext=state.pages.gettext(request),
        ngettext=state.pages.ngettext(request),
        project_id=project_id,
        names=names,
        reasons=state.reasons.texts(project_id, reason_ids) if state.reasons else {},
    )
    return timeline_items(entries, reader)


@router.get("/p/{project_id}/clients/{client_id}", response_class=HTMLResponse)
def show_client(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return client_page(state, request, found, (project_id, client_id))


@router.get("/p/{project_id}/clients/{client_id}/documents", response_class=HTMLResponse)
def client_documents(request: Request, project_id: str, client_id: str, state: State) -> Response:
    """The client's Documents tab; not for an auditor, whose bar does not show it."""
    found = viewer_who(state, request, project_id, may_handle_documents)
    if isinstance(found, Response):
        return found
    return client_page(state, request, found, (project_id, client_id), DOCUMENTS)


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
    return client_page(state, request, found, (project_id, client_id), CORRECT, values)


@router.get("/p/{project_id}/clients/{client_id}/exit", response_class=HTMLResponse)
def exit_form(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    values = {"exit_date": helsinki_today().isoformat()}
    return client_page(state, request, found, (project_id, client_id), EXIT, values)


def _correction(form: FormReader, client_id: str) -> CorrectStartData:
    """The reason's code and its optional words (required for "other" by the domain)."""
    return CorrectStartData(
        client_id=client_id,
        start_data=start_data(form),
        reason=form.text("reason"),
        reason_code=form.text("reason_code"),
    )


def _coach(form: FormReader, client_id: str) -> AssignCoach:
    coach_id = form.text("coach_id", required=True)
    form.check()
    return AssignCoach(client_id=client_id, coach_id=coach_id)


def _exit(form: FormReader, client_id: str) -> ExitClient:
    exit_date = form.required_day("exit_date")
    status = chosen(form, "exit_status", ExitStatus)
    details = destination_details(form)
    form.check()
    return ExitClient(client_id=client_id, exit_date=exit_date, exit_status=status, **details)


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
    """A form of the client's page: on to the page once saved (303), or the form again
    with the refusal at its field."""
    ids = (project_id, client_id)
    return await submit_client_form(
        state, request, ids, build,
        done=f"/p/{project_id}/clients/{client_id}?saved={saved}",
        page=lambda found, values, errors: client_page(
            state, request, found, ids, template, values, errors, status_of(errors)
        ),
    )  # fmt: skip
