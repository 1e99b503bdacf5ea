"""A client's consents per purpose: what the person was shown, and what they decided.

Entrypoint layer. Every member of the project sees the page (its reading is logged like
the client page); coaches and project managers record a decision, which the form hands
to the bus as ``RecordConsent``. The texts are versioned here: a version, once used, is
never changed; a new wording gets a new version.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.consent import CHANNELS, PURPOSES, RecordConsent
from services.intake.entrypoints.consent_texts import (
    CHANNEL_LABELS,
    CONSENT_TEXTS,
    PURPOSE_LABELS,
    VERSION,
)
from services.intake.entrypoints.page_parts import (
    on_the_page,
    status_of,
    submit_client_form,
    translated,
)
from services.intake.entrypoints.restricted import opened_record
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.consent import consents_of
from shared.business_dates import helsinki_today
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)

FIELDS = ("purpose", "given", "channel", "on", "version")


def _page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    ids: tuple[str, str],
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    project_id, client_id = ids
    view = opened_record(state, request, signed_in, ids)
    if isinstance(view, Response):
        return view
    tr = state.pages.gettext(request)
    placed = on_the_page(errors or {}, FIELDS, "purpose")
    return state.pages.render(
        request,
        "intake/consents.html",
        {
            "person": view.person,
            "client": view.client,
            "consents": consents_of(state.views.streams, client_id),
            "purposes": [(p, tr(PURPOSE_LABELS[p]), tr(CONSENT_TEXTS[p])) for p in PURPOSES],
            "purpose_choices": [(p, tr(PURPOSE_LABELS[p])) for p in PURPOSES],
            "channels": [(c, tr(CHANNEL_LABELS[c])) for c in CHANNELS],
            "channel_labels": {c: tr(label) for c, label in CHANNEL_LABELS.items()},
            "version": VERSION,
            "can_write": signed_in.user.can_write_in(project_id),
            "values": values or {"on": helsinki_today().isoformat()},
            "errors": translated(state.pages, request, placed),
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


@router.get("/p/{project_id}/clients/{client_id}/consents", response_class=HTMLResponse)
def consents(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return _page(state, request, found, (project_id, client_id))


def _command(form: FormReader, client_id: str) -> RecordConsent:
    purpose = form.text("purpose", required=True)
    given = form.text("given", required=True)
    channel = form.text("channel", required=True)
    on = form.required_day("on")
    form.check()
    return RecordConsent(
        client_id=client_id,
        purpose=purpose,
        version=form.text("version") or VERSION,
        given=given == "yes",
        channel=channel,
        on=on,
    )


@router.post("/p/{project_id}/clients/{client_id}/consents", response_class=HTMLResponse)
async def record(request: Request, project_id: str, client_id: str, state: State) -> Response:
    ids = (project_id, client_id)
    return await submit_client_form(
        state, request, ids, _command,
        done=f"/p/{project_id}/clients/{client_id}/consents",
        page=lambda found, values, errors: _page(
            state, request, found, ids, values, errors, status_of(errors)
        ),
    )  # fmt: skip
