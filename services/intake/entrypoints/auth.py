"""Signing in over HTTP: the session cookie and the account store as route dependencies.

``Auth`` turns the account handlers into FastAPI dependencies (a ``WebAuth`` resolving
sessions against intake's own tables); ``bootstrap`` builds it and puts it in the state,
where the JSON sign-in routes (``session_api``) and the pages find it. Refusals are error
codes (``login_failed`` …) for the UI to translate.

``duuni up`` may call ``needs_first_admin(store)`` to tell how to create the first admin.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from argon2 import PasswordHasher
from fastapi import Request, Response
from pydantic import BaseModel, Field

from services.intake.service_layer.accounts import (
    AccountStore,
    SessionPolicy,
    SignedIn,
    ThrottlePolicy,
    User,
    authenticate,
    resolve_session,
    resolve_sessions,
)
from shared.web.auth import COOKIE, CSRF_FIELD, CSRF_HEADER, FreshSessions, WebAuth

__all__ = ["COOKIE", "CSRF_FIELD", "CSRF_HEADER", "Auth"]


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


def set_private_cookie(
    request: Request,
    response: Response,
    name: str,
    value: str,
    *,
    samesite: Literal["lax", "strict"],
    path: str,
) -> None:
    """HttpOnly, and Secure whenever the request came over HTTPS."""
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite=samesite,
        secure=request.url.scheme == "https",
        path=path,
    )


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """SameSite=Lax, for the whole site."""
    set_private_cookie(request, response, COOKIE, token, samesite="lax", path="/")


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def own_sessions(store: AccountStore, policy: SessionPolicy, **options: Any) -> FreshSessions:
    """Intake's answers about its own sessions, kept fresh as the other services keep
    theirs (``FreshSessions``; ``options`` are its settings).

    Every request to intake asks who is signed in, and the three queries of an answer
    were about a seventh of what a search or a client page cost it. An answer is used
    again only while the store's ``changes`` has not moved: a sign-out, a deactivation or
    a new password made in this process takes effect at its next request; made by another
    process (the command line), within the answer's time to live, as in the other
    services. No thread of its own: intake runs its refresh as one of its workers.
    """

    def ask(token: str) -> SignedIn | None:
        return resolve_session(store, token, policy=policy)

    def check(used: list[str], unused: list[str]) -> list[SignedIn | None]:
        return resolve_sessions(store, [*used, *unused], unused=unused, policy=policy)

    return FreshSessions(
        ask, check, changes=lambda: store.changes, **({"own_thread": False} | options)
    )


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
        *,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.sessions = sessions or SessionPolicy()
        self.kept = own_sessions(store, self.sessions)
        """Run as one of intake's workers (``bootstrap``), which keeps them fresh."""
        super().__init__(self.kept)
        self.store = store
        self.hasher = hasher
        """``None``: the default (costly) argon2id parameters; tests pass cheap ones."""
        self.throttle = throttle or ThrottlePolicy()

    def authenticate(self, username: str, password: str, address: str) -> User:
        """The user behind the credentials, or ``AccountError`` (``login_failed`` …)."""
        return authenticate(
            self.store,
            username=username,
            password=password,
            address=address,
            throttle=self.throttle,
            hasher=self.hasher,
        )
