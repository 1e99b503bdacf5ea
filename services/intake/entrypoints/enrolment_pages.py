"""The enrolment form: a new client, or a former one's return, in the coach's project.

Entrypoint layer. The form builds the ``EnrolPerson`` command the JSON API builds and
hands it to the same bus: the coach, the target group and who may override it are the
handler's rules. Success answers 303 to the client's page (a reload never enrols twice);
a refusal answers 422 with the form, the values kept and the message at the field.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.errors import DomainError
from services.intake.entrypoints.form_readers import enrol_person
from services.intake.entrypoints.page_parts import (
    at_fields,
    common,
    not_found,
    status_of,
    translated,
    writer_form,
)
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.enrolment import EnrolmentAccepted
from shared.web.commands import run_form
from shared.web.guards import context_of
from shared.web.pages import redirect
from shared.web.principal import COACH, PROJECT_MANAGER, SignedIn

router = APIRouter(include_in_schema=False)


def _enrolment_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    project_id: str,
    values: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    try:
        project = state.views.registered_project(project_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    user = signed_in.user
    return state.pages.render(
        request,
        "intake/enrol.html",
        {
            **common(state.pages, request),
            "values": values,
            "errors": translated(state.pages, request, errors or {}),
            "plan": project.plan,
            "coaches": state.auth.store.members_of(project_id, COACH),
            "can_override": user.is_admin or PROJECT_MANAGER in user.roles_in(project_id),
            "outside_target_group": (errors or {}).get("override_reason") == "outside_target_group",
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


@router.get("/p/{project_id}/clients/new", response_class=HTMLResponse)
def new_client(request: Request, project_id: str, state: State) -> Response:
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    defaults = {
        "submission_id": secrets.token_urlsafe(16),
        "entry_date": date.today().isoformat(),
        "language": "fi",
        "coach_id": found.user.id,
    }
    return _enrolment_page(state, request, found, project_id, defaults)


@router.post("/p/{project_id}/clients/new", response_class=HTMLResponse)
async def enrol_client(request: Request, project_id: str, state: State) -> Response:
    posted = await writer_form(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    found, form = posted
    if state.views.project(project_id) is None:
        return state.pages.not_found(request, found)
    context = context_of(request, found, project_id, form.text("submission_id"))
    outcome = await run_form(state.bus, lambda: enrol_person(form, found.user.id), context)
    if isinstance(outcome, dict):
        if not_found(outcome):
            return state.pages.not_found(request, found)
        errors = at_fields(outcome, "identity_code")
        # The identity code is never sent back in the answer: it is typed again.
        values = {k: v for k, v in form.values.items() if k != "identity_code"}
        if form.text("identity_code") and "identity_code" not in errors:
            errors["identity_code"] = "identity_code_again"
        return _enrolment_page(state, request, found, project_id, values, errors, status_of(errors))
    saved = (
        "re_entered" if isinstance(outcome, EnrolmentAccepted) and outcome.re_entry else "enrolled"
    )
    return redirect(f"/p/{project_id}/clients/{outcome.id}?saved={saved}")
