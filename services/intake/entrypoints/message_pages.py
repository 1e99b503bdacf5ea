"""Messages to clients on the pages: the project's outbox, a client's recent messages and
the project manager's templates and reminder hours (entrypoint layer).

The lists show what was sent, when and how it ended; never the text or the address. The
template form builds the ``SaveTemplate`` command and hands it to the bus, where the rule
of who may edit lives (the project's manager or an admin); the page itself is shown to
them alone as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.messages import (
    CHANNELS,
    DEFAULT_REMINDER_HOURS,
    KINDS,
    LANGUAGES,
    PLACEHOLDERS,
    SaveTemplate,
    SendLink,
    SetReminderHours,
)
from services.intake.entrypoints import labels
from services.intake.entrypoints.page_parts import (
    guarded_form,
    on_the_page,
    status_of,
    translated,
    viewer_who,
    writer_form,
)
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.messages import MessageReads
from shared.web.commands import run_form
from shared.web.error_pages import error_page
from shared.web.forms import FormReader
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.pages import redirect
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)

MANAGER = "project_manager"

KIND_LABELS: Mapping[str, str] = {
    "invitation": N_("Invitation to a session"),
    "reminder": N_("Reminder of a session"),
    "group_invitation": N_("Invitation to a group meeting"),
    "group_reminder": N_("Reminder of a group meeting"),
    "no_show": N_("After a missed appointment"),
    "link": N_("Form link"),
}
CHANNEL_LABELS: Mapping[str, str] = {"email": N_("E-mail"), "sms": N_("Text message")}
STATE_LABELS: Mapping[str, str] = {
    "queued": N_("Waiting"),
    "sending": N_("Being sent"),
    "sent": N_("Sent"),
    "failed": N_("Failed"),
    "cancelled": N_("Cancelled"),
    "skipped_no_consent": N_("Not sent: no consent"),
    "skipped_no_address": N_("Not sent: no address"),
    "withheld_restricted": N_("Not sent: record restricted"),
    "withheld_erased": N_("Not sent: person erased"),
}
LANGUAGE_LABELS: Mapping[str, str] = dict(labels.LANGUAGES)
FLASHES: Mapping[str, str] = {
    "template": N_("The template was saved as a new version."),
    "hours": N_("The reminder times were saved."),
}
TEMPLATE_FIELDS = ("subject", "body")
HOURS_FIELDS = ("hours",)


def _labels() -> dict[str, Any]:
    return {
        "kind_labels": KIND_LABELS,
        "channel_labels": CHANNEL_LABELS,
        "state_labels": STATE_LABELS,
        "language_labels": LANGUAGE_LABELS,
    }


def _reads(state: IntakeState) -> MessageReads:
    if state.messages is None:  # pragma: no cover - bootstrap always sets it
        raise RuntimeError("messages are not set up")
    return state.messages


def message_parts(state: IntakeState, project_id: str, client_id: str) -> dict[str, Any]:
    """What the client's page shows of their recent messages: kind, channel, time and how
    it ended, which name nothing about the person (so an auditor sees them too)."""
    if state.messages is None:
        return {}
    return {"client_messages": state.messages.of_client(project_id, client_id, 20), **_labels()}


@router.get("/p/{project_id}/messages", response_class=HTMLResponse)
def outbox_page(request: Request, project_id: str, state: State) -> Response:
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    reads = _reads(state)
    rows = reads.of_project(project_id)
    return state.pages.render(
        request,
        "intake/messages.html",
        {
            "project_id": project_id,
            "counts": reads.counts(project_id),
            "rows": rows,
            "may_edit": _is_manager(found, project_id),
            **_labels(),
        },
        signed_in=found,
    )


def _is_manager(signed_in: SignedIn, project_id: str) -> bool:
    return signed_in.user.is_admin or MANAGER in signed_in.user.roles_in(project_id)


def _manager(state: IntakeState, request: Request, project_id: str) -> SignedIn | Response:
    return viewer_who(state, request, project_id, _is_manager)


def _choice(
    request: Request, values: Mapping[str, str], name: str, options: tuple[str, ...]
) -> str:
    chosen = values.get(name) or request.query_params.get(name) or options[0]
    return chosen if chosen in options else options[0]


def _templates_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    project_id: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    values = dict(values or {})
    kind = _choice(request, values, "kind", KINDS)
    channel = _choice(request, values, "channel", CHANNELS)
    language = _choice(request, values, "language", LANGUAGES)
    reads = _reads(state)
    current = reads.template(project_id, kind, channel, language)
    form_values = {
        "subject": values.get("subject", current.text.subject),
        "body": values.get("body", current.text.body),
        "hours": values.get("hours", ", ".join(str(h) for h in reads.reminder_hours(project_id))),
    }
    tr = state.pages.gettext(request)
    saved = request.query_params.get("saved", "")
    flash = tr(FLASHES[saved]) if saved in FLASHES else None
    return state.pages.render(
        request,
        "intake/message_templates.html",
        {
            "project_id": project_id,
            "kind": kind,
            "channel": channel,
            "template_language": language,
            "kinds": KINDS,
            "channels": CHANNELS,
            "template_languages": LANGUAGES,
            "current": current,
            "placeholders": sorted(PLACEHOLDERS[kind]),
            "default_hours": ", ".join(str(h) for h in DEFAULT_REMINDER_HOURS),
            "values": form_values,
            "errors": translated(state.pages, request, errors or {}),
            "flash": flash,
            **_labels(),
        },
        signed_in=signed_in,
        status_code=status_code,
    )


@router.get("/p/{project_id}/messages/templates", response_class=HTMLResponse)
def templates_page(request: Request, project_id: str, state: State) -> Response:
    found = _manager(state, request, project_id)
    if isinstance(found, Response):
        return found
    return _templates_page(state, request, found, project_id)


async def _saved(
    state: IntakeState,
    request: Request,
    posted: tuple[SignedIn, FormReader],
    project_id: str,
    command: SaveTemplate | SetReminderHours,
    *,
    fields: tuple[str, ...],
    main_field: str,
    done: str,
) -> Response:
    """Hand a form of the templates page to the bus: accepted, on to ``done``; refused,
    the page again with what was sent and the codes at ``fields`` (those about the form as
    a whole at ``main_field``)."""
    found, form = posted
    outcome = await run_form(state.bus, command, context_of(request, found, project_id))
    if not isinstance(outcome, dict):
        return redirect(done)
    errors = on_the_page(outcome, fields, main_field)
    return _templates_page(
        state, request, found, project_id, form.values, errors, status_of(errors)
    )


@router.post("/p/{project_id}/messages/templates", response_class=HTMLResponse)
async def template_save(request: Request, project_id: str, state: State) -> Response:
    posted = await guarded_form(state, request, _manager(state, request, project_id))
    if isinstance(posted, Response):
        return posted
    _found, form = posted
    command = SaveTemplate(
        kind=form.text("kind"), channel=form.text("channel"), language=form.text("language"),
        subject=form.values.get("subject", ""), body=form.values.get("body", ""),
    )  # fmt: skip
    query = f"kind={command.kind}&channel={command.channel}&language={command.language}"
    return await _saved(
        state, request, posted, project_id, command, fields=TEMPLATE_FIELDS,
        main_field="body", done=f"/p/{project_id}/messages/templates?{query}&saved=template",
    )  # fmt: skip


@router.post("/p/{project_id}/messages/reminders", response_class=HTMLResponse)
async def reminders_save(request: Request, project_id: str, state: State) -> Response:
    posted = await guarded_form(state, request, _manager(state, request, project_id))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    raw = form.values.get("hours", "")
    parts = [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        errors = {"hours": "invalid_reminder_hours"}
        return _templates_page(state, request, found, project_id, form.values, errors, 422)
    command = SetReminderHours(hours=tuple(int(p) for p in parts))
    return await _saved(
        state, request, posted, project_id, command, fields=HOURS_FIELDS,
        main_field="hours", done=f"/p/{project_id}/messages/templates?saved=hours",
    )  # fmt: skip


@router.post("/p/{project_id}/clients/{client_id}/messages/link", response_class=HTMLResponse)
async def link_send(request: Request, project_id: str, client_id: str, state: State) -> Response:
    """The "send by e-mail / text message" buttons beside a link just created."""
    posted = await writer_form(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    signed_in, form = posted
    command = SendLink(
        client_id=client_id, url=form.values.get("url", "").strip(),
        purpose=form.values.get("purpose", "") or "link", channels=(form.text("channel"),),
    )  # fmt: skip
    outcome = await run_form(state.bus, command, context_of(request, signed_in, project_id))
    if isinstance(outcome, dict):
        code = next(iter(outcome.values()), "")
        if code == "client_not_found":
            return state.pages.not_found(request, signed_in)
        return error_page(request, 422, "bad_request", signed_in)
    return redirect(f"/p/{project_id}/clients/{client_id}#h-messages")
