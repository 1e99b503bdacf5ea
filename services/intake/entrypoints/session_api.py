"""The JSON sign-in API: ``POST /api/intake/session`` signs in, ``DELETE`` signs out.

``POST /api/intake/sessions/check`` answers for many sessions at once: a service running
in its own process keeps the sessions its users are working in fresh with one call a
second, off its requests' path (``shared.web.auth.RemoteSessions``).

Refusals are problems with a stable code: 401 ``login_failed`` (unknown user, wrong
password, inactive account alike) and 429 ``login_throttled`` with ``Retry-After``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field, StringConstraints

from services.intake.entrypoints.access import CSRF, signed_in
from services.intake.entrypoints.auth import (
    COOKIE,
    Credentials,
    SessionOut,
    clear_session_cookie,
    client_address,
    set_session_cookie,
)
from services.intake.entrypoints.state import State
from services.intake.service_layer.accounts import (
    AccountError,
    SignedIn,
    end_session,
    resolve_sessions,
    start_session,
)
from shared.web.auth import SESSIONS_PER_CHECK

router = APIRouter(prefix="/api/intake", tags=["intake: session"])

_LOGIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "`login_failed`: unknown user, wrong password or inactive account"},
    429: {"description": "`login_throttled`: too many failures; try again later"},
}


@router.post("/session", summary="Sign in", responses=_LOGIN_ERRORS)
def sign_in(
    credentials: Credentials, request: Request, response: Response, state: State
) -> SessionOut:
    auth = state.auth
    try:
        user = auth.authenticate(
            credentials.username, credentials.password, client_address(request)
        )
    except AccountError as error:
        if error.code == "login_throttled":
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                error.code,
                headers={"Retry-After": error.detail or "60"},
            ) from error
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, error.code) from error
    old = request.cookies.get(COOKIE)
    if old:
        end_session(auth.store, old)
    new = start_session(auth.store, user, policy=auth.sessions)
    set_session_cookie(request, response, new.token)
    return SessionOut.of(new.signed_in)


@router.get("/session", summary="Who is signed in")
def who(session: Annotated[SignedIn, Depends(signed_in)]) -> SessionOut:
    return SessionOut.of(session)


@router.delete(
    "/session", summary="Sign out", status_code=status.HTTP_204_NO_CONTENT, dependencies=CSRF
)
def sign_out(request: Request, response: Response, state: State) -> None:
    token = request.cookies.get(COOKIE)
    if token:
        end_session(state.auth.store, token)
    clear_session_cookie(request, response)


Tokens = Annotated[
    list[Annotated[str, StringConstraints(min_length=1, max_length=200)]],
    Field(max_length=SESSIONS_PER_CHECK),
]


class SessionsCheckIn(BaseModel):
    tokens: Tokens
    """Session cookie values used since their last check: checking one extends its
    session, as a request with it would."""
    unused: Tokens = []
    """Session cookie values not used since their last check: checked, not extended."""


class SessionsCheckOut(BaseModel):
    sessions: list[SessionOut | None]
    """The live session behind each of ``tokens``, in order; ``null`` for one that is over."""
    unused: list[SessionOut | None] = []
    """The same for each of ``unused``."""


@router.post("/sessions/check", summary="Which of these sessions are live")
def check_sessions(body: SessionsCheckIn, state: State) -> SessionsCheckOut:
    """Knowing a token is what makes one its user, so the answer tells nothing new; all
    the tokens' sessions are read in three queries, however many there are."""
    asked = [*body.tokens, *body.unused]
    found = [
        SessionOut.of(live) if live else None
        for live in resolve_sessions(
            state.auth.store, asked, unused=body.unused, policy=state.auth.sessions
        )
    ]
    return SessionsCheckOut(sessions=found[: len(body.tokens)], unused=found[len(body.tokens) :])
