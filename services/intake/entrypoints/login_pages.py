"""Signing in and out on the pages, and the home page that leads to one's project.

Entrypoint layer. The sign-in form carries its own CSRF token in a cookie (no session
exists yet); a refusal shows the form again with the translated reason, 401 or 429.
"""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.entrypoints.auth import (
    clear_session_cookie,
    client_address,
    set_private_cookie,
    set_session_cookie,
)
from services.intake.entrypoints.page_parts import message
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.accounts import AccountError, end_session, start_session
from shared.web.auth import COOKIE
from shared.web.error_pages import error_page
from shared.web.forms import FormReader, read_form
from shared.web.pages import redirect, safe_next
from shared.web.principal import COACH, User, csrf_matches

LOGIN_CSRF_COOKIE = "duuni_login_csrf"

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, state: State, next: str | None = None) -> Response:
    return _login_form(state, request, safe_next(next), {})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, state: State) -> Response:
    form = await read_form(request)
    next_page = safe_next(form.values.get("next"))
    found = _authenticated(state, request, form)
    if isinstance(found, str):
        values = {"username": form.values.get("username", "")}
        status_code = 429 if found == "login_throttled" else 401
        return _login_form(state, request, next_page, values, found, status_code)
    old = request.cookies.get(COOKIE)
    if old:
        end_session(state.auth.store, old)
    new = start_session(state.auth.store, found, policy=state.auth.sessions)
    response = redirect(next_page)
    set_session_cookie(request, response, new.token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


def _authenticated(state: IntakeState, request: Request, form: FormReader) -> User | str:
    """The user signing in, or the code of the refusal."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    submitted = form.values.get("login_csrf", "")
    if not expected or not secrets.compare_digest(expected, submitted):
        return "csrf_failed"
    try:
        return state.auth.authenticate(
            form.values.get("username", "").strip(),
            form.values.get("password", ""),
            client_address(request),
        )
    except AccountError as error:
        return error.code


def _login_form(
    state: IntakeState,
    request: Request,
    next_page: str | None,
    values: dict[str, str],
    code: str | None = None,
    status_code: int = 200,
) -> Response:
    token = secrets.token_urlsafe(24)
    context = {"login_csrf": token, "next": next_page, "values": values}
    if code is not None:
        context["login_error"] = message(state.pages, request, code)
    response = state.pages.render(request, "intake/login.html", context, status_code=status_code)
    set_private_cookie(
        request, response, LOGIN_CSRF_COOKIE, token, samesite="strict", path="/login"
    )
    return response


@router.post("/logout")
async def logout(request: Request, state: State) -> Response:
    signed_in = state.auth.maybe_signed_in(request)
    response = redirect("/login")
    if signed_in is not None:
        form = await read_form(request)
        if not csrf_matches(signed_in, form.values.get("csrf_token")):
            return error_page(request, 403, "csrf_failed", signed_in)
        token = request.cookies.get(COOKIE)
        if token:
            end_session(state.auth.store, token)
    clear_session_cookie(request, response)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, state: State) -> Response:
    signed_in = state.auth.maybe_signed_in(request)
    if signed_in is None:
        return state.pages.login_redirect(request)
    user = signed_in.user
    visible = state.directory.projects(None if user.is_admin else sorted(user.projects()))
    if len(visible) == 1 and not user.is_admin:
        project_id = visible[0].project_id
        # A coach's day starts on coaching's Today; the others land on the client list.
        landing = "coaching/today" if COACH in user.roles_in(project_id) else "clients"
        return redirect(f"/p/{project_id}/{landing}")
    return state.pages.render(
        request, "intake/home.html", {"visible_projects": visible}, signed_in=signed_in
    )
