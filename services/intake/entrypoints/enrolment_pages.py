"""The enrolment form: a new client, or a former one's return, in the coach's project.

Entrypoint layer. The form builds the ``EnrolPerson`` command the JSON API builds and
hands it to the same bus: the coach, the target group and who may override it are the
handler's rules. Success answers 303 to the client's page (a reload never enrols twice);
a refusal answers 422 with the form, the values kept and the message at the field.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.errors import DomainError
from services.intake.entrypoints import labels
from services.intake.entrypoints.form_readers import enrol_person
from services.intake.entrypoints.page_parts import (
    common,
    not_found,
    on_the_page,
    status_of,
    translated,
    writer_form,
)
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.enrolment import EnrolmentAccepted
from shared.business_dates import helsinki_today
from shared.web.commands import run_form
from shared.web.guards import context_of
from shared.web.pages import redirect
from shared.web.principal import COACH, PROJECT_MANAGER, SignedIn

router = APIRouter(include_in_schema=False)

FIELDS = (
    *("identity_code", "birth_date", "first_name", "last_name", "phone", "email", "language"),
    *("consent", "entry_date", "entry_route", "coach_id", "gender", "municipality"),
    *("education", "labour_market_status", "unemployed_since"),
    *(f"sensitive_{name}" for name, _label in labels.SENSITIVE_QUESTIONS),
)
"""The enrolment form's fields, by the ids the error summary links to."""
TARGET_GROUP_CODES = frozenset(
    {"outside_target_group", "override_reason_required", "override_not_allowed"}
)
TARGET_GROUP = "target_group"
"""The page's note on the target group, where a coach learns who may enrol the person: a
coach has no field for an exception's reason, so the summary links here instead."""
RENAMED = {"consent_version": "consent"}
"""A rule's field that the form names otherwise."""


def _placed(errors: Mapping[str, str], can_override: bool) -> dict[str, str]:
    """The refusal's codes at the form's fields; a target-group refusal of a coach at the
    note that a project manager must enrol (``manager_must_enrol``)."""
    renamed = {RENAMED.get(field, field): code for field, code in errors.items()}
    if can_override:
        return on_the_page(renamed, (*FIELDS, "override_reason"), "identity_code")
    for field, code in list(renamed.items()):
        if code in TARGET_GROUP_CODES:
            del renamed[field]
            renamed[TARGET_GROUP] = "manager_must_enrol"
    return on_the_page(renamed, (*FIELDS, TARGET_GROUP), "identity_code")


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
    can_override = user.is_admin or PROJECT_MANAGER in user.roles_in(project_id)
    placed = _placed(errors or {}, can_override)
    return state.pages.render(
        request,
        "intake/enrol.html",
        {
            **common(state.pages, request),
            "values": values,
            "errors": translated(state.pages, request, placed),
            "plan": project.plan,
            "coaches": state.auth.store.members_of(project_id, COACH),
            "can_override": can_override,
            "outside_target_group": bool(set(placed.values()) & TARGET_GROUP_CODES)
            or TARGET_GROUP in placed,
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
        "entry_date": helsinki_today().isoformat(),
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
        errors = dict(outcome)
        # The identity code is never sent back in the answer: it is typed again.
        values = {k: v for k, v in form.values.items() if k != "identity_code"}
        if form.text("identity_code") and "identity_code" not in errors:
            errors["identity_code"] = "identity_code_again"
        return _enrolment_page(state, request, found, project_id, values, errors, status_of(errors))
    saved = (
        "re_entered" if isinstance(outcome, EnrolmentAccepted) and outcome.re_entry else "enrolled"
    )
    return redirect(f"/p/{project_id}/clients/{outcome.id}?saved={saved}")
