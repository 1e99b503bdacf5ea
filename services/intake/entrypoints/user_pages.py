"""The administrator's page of users: the list, and a small form per action on one user.

Entrypoint layer. Each action (deactivate or activate, end every session, set a new
password) posts its own form with the session's CSRF token, calls the account handler
and redirects back to the list with a notice naming the user; a refused new password
shows the list again (422) with the message at that user's password field.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import URL

from services.intake.domain.passwords import MIN_PASSWORD_LENGTH
from services.intake.entrypoints import labels
from services.intake.entrypoints.page_parts import guarded_form, signed_in_admin, translated
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.accounts import (
    AccountError,
    User,
    list_users,
    reset_password,
    revoke_sessions,
    set_user_active,
)
from shared.web.error_pages import error_page
from shared.web.forms import FormReader
from shared.web.i18n import N_
from shared.web.pages import redirect
from shared.web.principal import SignedIn

PAGE = "/admin/users"

NOTICES = {
    "user_deactivated": N_("%(name)s can no longer sign in: the account is not in use."),
    "user_activated": N_("%(name)s can sign in again."),
    "sessions_ended": N_("%(name)s was signed out everywhere."),
    "password_set": N_("%(name)s has a new password and was signed out everywhere."),
}
"""The notice after an action, by the ``saved`` query parameter; ``user`` names whom."""

router = APIRouter(include_in_schema=False)


def _notice(state: IntakeState, request: Request, users: list[User]) -> str | None:
    """The notice of the redirect, only about a user on the list (no text from the URL)."""
    saved = request.query_params.get("saved", "")
    username = request.query_params.get("user")
    whom = next((u for u in users if u.username == username), None)
    if saved not in NOTICES or whom is None:
        return None
    name = whom.username
    if whom.display_name != whom.username:
        name = f"{whom.display_name} ({whom.username})"
    return state.pages.gettext(request)(NOTICES[saved]) % {"name": name}


def _users_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    refused: tuple[str, Mapping[str, str]] | None = None,
) -> Response:
    """The list; ``refused``: whose new password was refused, and the codes by field."""
    users = list_users(state.auth.store)
    username, codes = refused or ("", {})
    return state.pages.render(
        request,
        "intake/users.html",
        {
            "users": users,
            "refused_user": username,
            "errors": translated(state.pages, request, codes),
            "flash": _notice(state, request, users),
            "min_length": MIN_PASSWORD_LENGTH,
            "roles": labels.ROLES,
        },
        signed_in=signed_in,
        status_code=422 if refused else 200,
    )


def _back(saved: str, username: str) -> Response:
    return redirect(str(URL(PAGE).include_query_params(saved=saved, user=username)))


async def _admin_form(
    state: IntakeState, request: Request
) -> tuple[SignedIn, FormReader] | Response:
    """The administrator and the form they posted, or the page to answer instead."""
    return await guarded_form(state, request, signed_in_admin(state, request))


@router.get(PAGE, response_class=HTMLResponse)
def user_list(request: Request, state: State) -> Response:
    found = signed_in_admin(state, request)
    return found if isinstance(found, Response) else _users_page(state, request, found)


@router.post(PAGE + "/{username}/active", response_class=HTMLResponse)
async def user_active(username: str, request: Request, state: State) -> Response:
    posted = await _admin_form(state, request)
    if isinstance(posted, Response):
        return posted
    signed_in, form = posted
    wanted = form.values.get("active")
    if wanted not in ("yes", "no"):
        return error_page(request, 400, "invalid_choice", signed_in)
    try:
        user = set_user_active(state.auth.store, username, wanted == "yes")
    except AccountError:
        return state.pages.not_found(request, signed_in)
    return _back("user_activated" if user.active else "user_deactivated", user.username)


@router.post(PAGE + "/{username}/sessions", response_class=HTMLResponse)
async def user_sessions(username: str, request: Request, state: State) -> Response:
    posted = await _admin_form(state, request)
    if isinstance(posted, Response):
        return posted
    signed_in, _form = posted
    username = username.strip().lower()
    try:
        revoke_sessions(state.auth.store, username)
    except AccountError:
        return state.pages.not_found(request, signed_in)
    return _back("sessions_ended", username)


@router.post(PAGE + "/{username}/password", response_class=HTMLResponse)
async def user_password(username: str, request: Request, state: State) -> Response:
    posted = await _admin_form(state, request)
    if isinstance(posted, Response):
        return posted
    signed_in, form = posted
    username = username.strip().lower()
    codes = _password_refused(state, username, form)
    if codes is None:
        return _back("password_set", username)
    if "user_not_found" in codes.values():
        return state.pages.not_found(request, signed_in)
    return _users_page(state, request, signed_in, (username, codes))


def _password_refused(state: IntakeState, username: str, form: FormReader) -> dict[str, str] | None:
    """Set the user's new password as the form asks; the refusal's code by field, if any.

    Passwords are taken as typed, spaces and all: they are never stripped.
    """
    new = form.values.get("password", "")
    if new and new != form.values.get("password_again", ""):
        return {"password_again": "passwords_differ"}
    try:
        reset_password(state.auth.store, username, new, hasher=state.auth.hasher)
    except AccountError as error:
        return {"password": error.code}
    return None
