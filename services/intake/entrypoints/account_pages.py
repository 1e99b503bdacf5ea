"""A signed-in user's own account page: changing one's password.

Entrypoint layer. The form is read here and handed to ``change_password``; a refusal's
code is shown at its field with status 422. Passwords are never put back into the form.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.passwords import MIN_PASSWORD_LENGTH
from services.intake.entrypoints.page_parts import checked_form, flash, translated
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.accounts import AccountError, change_password
from shared.web.auth import COOKIE
from shared.web.forms import FormReader
from shared.web.pages import redirect
from shared.web.principal import SignedIn

PAGE = "/account/password"

router = APIRouter(include_in_schema=False)


def field_of(code: str) -> str:
    """Where the change form shows a refusal: the current password, or the new one."""
    if code in ("wrong_password", "required"):
        return "current_password"
    return "new_password_again" if code == "passwords_differ" else "new_password"


def _password_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    errors: Mapping[str, str] | None = None,
) -> Response:
    return state.pages.render(
        request,
        "intake/password.html",
        {
            "errors": translated(state.pages, request, errors or {}),
            "flash": flash(state.pages, request),
            "min_length": MIN_PASSWORD_LENGTH,
        },
        signed_in=signed_in,
        status_code=422 if errors else 200,
    )


@router.get(PAGE, response_class=HTMLResponse)
def password_form(request: Request, state: State) -> Response:
    signed_in = state.auth.maybe_signed_in(request)
    if signed_in is None:
        return state.pages.login_redirect(request)
    return _password_page(state, request, signed_in)


@router.post(PAGE, response_class=HTMLResponse)
async def password_change(request: Request, state: State) -> Response:
    signed_in = state.auth.maybe_signed_in(request)
    if signed_in is None:
        return state.pages.login_redirect(request)
    form = await checked_form(state, request, signed_in)
    if isinstance(form, Response):
        return form
    refused = _refusal(state, request, signed_in, form)
    if refused is not None:
        return _password_page(state, request, signed_in, {field_of(refused): refused})
    return redirect(f"{PAGE}?saved=password_changed")


def _refusal(
    state: IntakeState, request: Request, signed_in: SignedIn, form: FormReader
) -> str | None:
    """Change the password as the form asks; the code of the refusal, if any.

    Passwords are taken as typed, spaces and all: they are never stripped.
    """
    current = form.values.get("current_password", "")
    new = form.values.get("new_password", "")
    if not current:
        return "required"
    if new and new != form.values.get("new_password_again", ""):
        return "passwords_differ"
    try:
        change_password(
            state.auth.store,
            signed_in.user.id,
            current=current,
            new=new,
            keep_session=request.cookies.get(COOKIE),
            hasher=state.auth.hasher,
        )
    except AccountError as error:
        return error.code
    return None
