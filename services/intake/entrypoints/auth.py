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

import dataclasses
import functools
import importlib.util
from collections.abc import Callable
from typing import Annotated, Any, Self
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from services.intake.service_layer.accounts import (
    AccountError,
    AccountStore,
    SessionPolicy,
    SignedIn,
    ThrottlePolicy,
    User,
    authenticate,
    csrf_matches,
    end_session,
    resolve_session,
    start_session,
)

COOKIE = "duuni_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class Credentials(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class SessionOut(BaseModel):
    user_id: str
    username: str
    display_name: str
    roles: list[str]
    projects: list[str]
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


@dataclasses.dataclass(frozen=True)
class Auth:
    """The account store and policies, offered as FastAPI dependencies.

    The resolved session is kept on ``request.state`` so that several dependencies of
    one request resolve (and extend) it once.
    """

    store: AccountStore
    sessions: SessionPolicy = dataclasses.field(default_factory=SessionPolicy)
    throttle: ThrottlePolicy = dataclasses.field(default_factory=ThrottlePolicy)

    def signed_in(self, request: Request) -> SignedIn:
        """The request's session; 401 ``not_signed_in`` without a live one."""
        cached: SignedIn | None = getattr(request.state, "duuni_signed_in", None)
        if cached is not None:
            return cached
        token = request.cookies.get(COOKIE)
        found = resolve_session(self.store, token, policy=self.sessions) if token else None
        if found is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not_signed_in")
        request.state.duuni_signed_in = found
        return found

    def current_user(self, request: Request) -> User:
        return self.signed_in(request).user

    def require_role(self, *roles: str) -> Callable[[Request], User]:
        """A dependency: the user holds one of ``roles`` (in any project, or globally)."""
        wanted = frozenset(roles)

        def dependency(request: Request) -> User:
            user = self.current_user(request)
            if not user.roles & wanted:
                raise HTTPException(status.HTTP_403_FORBIDDEN, "forbidden")
            return user

        return dependency

    def require_project_member(self, *roles: str) -> Callable[[Request, str], User]:
        """A dependency on the path parameter ``project_id``: the user belongs to it.

        Another project's resources answer 404, as if they did not exist. With ``roles``,
        the user must also hold one of them in that project (admins always pass).
        """
        wanted = frozenset(roles)

        def dependency(request: Request, project_id: str) -> User:
            user = self.current_user(request)
            if not user.can_see_project(project_id):
                raise HTTPException(status.HTTP_404_NOT_FOUND, "not_found")
            if wanted and not user.is_admin and not user.roles_in(project_id) & wanted:
                raise HTTPException(status.HTTP_403_FORBIDDEN, "forbidden")
            return user

        return dependency

    async def verify_csrf(self, request: Request) -> None:
        """For every state-changing request: the session's token, from header or form field."""
        signed_in = self.signed_in(request)
        submitted = request.headers.get(CSRF_HEADER) or await _form_field(request, CSRF_FIELD)
        if not csrf_matches(signed_in, submitted):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "csrf_failed")


async def _form_field(request: Request, name: str) -> str | None:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    if _can_parse_forms():
        # Cached by Starlette: also works after FastAPI has parsed the form for a route.
        value = (await request.form()).get(name)
        return value if isinstance(value, str) else None
    if content_type == "application/x-www-form-urlencoded":
        values = parse_qs((await request.body()).decode("utf-8", "replace")).get(name)
        return values[0] if values else None
    return None


@functools.cache
def _can_parse_forms() -> bool:
    """Starlette parses forms with python-multipart; without it, only url-encoded ones here."""
    return importlib.util.find_spec("python_multipart") is not None


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
