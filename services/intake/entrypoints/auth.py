"""Signing in over HTTP: the session cookie, CSRF checks and role checks (entrypoint layer).

``Auth`` turns the account handlers into FastAPI dependencies; ``auth_router`` serves the
JSON sign-in API (``POST /api/intake/session``) and sign-out (``DELETE …``). Refusals
are error codes (``{"detail": "login_failed"}``) for the UI to translate.

Wiring, in ``services/intake/bootstrap.py``::

    store = SqlAccountStore(runtime.log.db).create()
    auth = Auth(store)
    api.include_router(auth_router(auth))

and in a route built inside a function (``auth`` a local there)::

    @api.get("/api/intake/projects/{project_id}/clients")
    def clients(user: Annotated[User, Depends(auth.require_project_member())]) -> ...

    @api.post("/intake/clients", dependencies=[Depends(auth.verify_csrf)])
    def enrol(user: Annotated[User, Depends(auth.require_role(COACH))]) -> ...

A module defining such routes must not use ``from __future__ import annotations`` (as
this one does not): FastAPI evaluates postponed annotations in the module's globals,
where the local ``auth`` is unknown, and silently takes the parameter for a query.

``duuni up`` may call ``needs_first_admin(store)`` to tell how to create the first admin.
"""

from typing import Annotated, Any, Self

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from services.intake.service_layer.accounts import (
    AccountError,
    AccountStore,
    SessionPolicy,
    SignedIn,
    ThrottlePolicy,
    authenticate,
    end_session,
    resolve_session,
    start_session,
)
from shared.web.auth import COOKIE, CSRF_FIELD, CSRF_HEADER, WebAuth

__all__ = ["COOKIE", "CSRF_FIELD", "CSRF_HEADER", "Auth", "auth_router"]


class Credentials(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class SessionOut(BaseModel):
    user_id: str
    username: str
    display_name: str
    roles: list[str]
    projects: list[str]
    memberships: list[dict[str, str]]
    csrf_token: str
    expires_at: str

    @classmethod
    def of(cls, signed_in: SignedIn) -> Self:
        user = signed_in.user
        return cls(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            roles=sorted(user.roles),
            projects=sorted(user.projects()),
            memberships=[{"project_id": m.project_id, "role": m.role} for m in user.memberships],
            csrf_token=signed_in.csrf_token,
            expires_at=signed_in.expires_at.isoformat(),
        )


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """HttpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS."""
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class Auth(WebAuth):
    """The account store and policies, offered as FastAPI dependencies.

    Intake resolves session cookies against its own tables; the other services use a
    ``WebAuth`` that asks this one (in the same process, or over HTTP).
    """

    def __init__(
        self,
        store: AccountStore,
        sessions: SessionPolicy | None = None,
        throttle: ThrottlePolicy | None = None,
    ) -> None:
        super().__init__(self._own_session)
        self.store = store
        self.sessions = sessions or SessionPolicy()
        self.throttle = throttle or ThrottlePolicy()

    def _own_session(self, token: str) -> SignedIn | None:
        return resolve_session(self.store, token, policy=self.sessions)


def auth_router(auth: Auth) -> APIRouter:
    """``POST /api/intake/session`` signs in; ``DELETE`` signs out (with the CSRF header)."""
    api = APIRouter(prefix="/api/intake", tags=["intake: session"])

    @api.post("/session", summary="Sign in", responses=_LOGIN_ERRORS)
    def sign_in(credentials: Credentials, request: Request, response: Response) -> SessionOut:
        try:
            user = authenticate(
                auth.store,
                username=credentials.username,
                password=credentials.password,
                address=client_address(request),
                throttle=auth.throttle,
            )
        except AccountError as error:
            if error.code == "login_throttled":
                raise HTTPException(
                    status.HTTP_429_TOO_MANY_REQUESTS,
                    error.code,
                    headers={"Retry-After": str(int(auth.throttle.window.total_seconds()))},
                ) from error
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, error.code) from error
        old = request.cookies.get(COOKIE)
        if old:
            end_session(auth.store, old)
        new = start_session(auth.store, user, policy=auth.sessions)
        set_session_cookie(request, response, new.token)
        return SessionOut.of(new.signed_in)

    @api.get("/session", summary="Who is signed in")
    def who(signed_in: Annotated[SignedIn, Depends(auth.signed_in)]) -> SessionOut:
        return SessionOut.of(signed_in)

    @api.delete(
        "/session",
        summary="Sign out",
        status_code=status.HTTP_204_NO_CONTENT,
        dependencies=[Depends(auth.verify_csrf)],
    )
    def sign_out(request: Request, response: Response) -> None:
        token = request.cookies.get(COOKIE)
        if token:
            end_session(auth.store, token)
        clear_session_cookie(request, response)

    return api


_LOGIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "`login_failed`: unknown user, wrong password or inactive account"},
    429: {"description": "`login_throttled`: too many failures; try again later"},
}
