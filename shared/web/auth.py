"""Signed-in users as FastAPI dependencies, for every service's routes (entrypoint layer).

Intake owns the accounts and resolves a session cookie against its own tables; the other
services resolve the same cookie either in the same process (``duuni up``) or by asking
intake (``RemoteSessions``, when each service runs alone). Routes then declare what they
need::

    reader = Depends(auth.require_project_member())
    writer = Depends(auth.require_project_member(*WRITERS))

    @api.post("/api/coaching/projects/{project_id}/sessions",
              dependencies=[Depends(auth.verify_csrf)])
    def hold(project_id: str, user: Annotated[User, writer]) -> ...

Another project's resources answer 404, as if they did not exist; an auditor writing
gets 403. A module defining such routes inside a function must not use
``from __future__ import annotations``: FastAPI would look the local ``auth`` up in the
module's globals and silently take the parameter for a query.
"""

import asyncio
import contextlib
import dataclasses
import functools
import importlib.util
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import parse_qs

import httpx
from fastapi import HTTPException, Request, status
from starlette.concurrency import run_in_threadpool

from shared.web.principal import Membership, SignedIn, User, csrf_matches
from shared.web.timing import span

COOKIE = "duuni_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

log = logging.getLogger(__name__)


class SessionResolver(Protocol):
    def __call__(self, token: str) -> SignedIn | None:
        """The live session behind a cookie value, or ``None``."""
        ...


class WebAuth:
    """Route dependencies over a session resolver; one instance per service router."""

    def __init__(self, resolve: SessionResolver) -> None:
        self.resolver = resolve
        self._peek: Callable[[str], SignedIn | None] | None = getattr(resolve, "peek", None)

    def resolve(self, token: str) -> SignedIn | None:
        """The live session behind a cookie value, or ``None``."""
        return self.resolver(token)

    def held(self, request: Request) -> SignedIn | None:
        """The request's session when known without asking anyone: already resolved for
        this request, or an answer the resolver holds in memory (its ``peek``, as
        ``FreshSessions`` has)."""
        found: SignedIn | None = getattr(request.state, "duuni_signed_in", None)
        if found is None and self._peek is not None:
            token = request.cookies.get(COOKIE)
            found = self._peek(token) if token else None
            if found is not None:
                request.state.duuni_signed_in = found
        return found

    async def session(self, request: Request) -> SignedIn:
        """``signed_in`` for async dependencies: from memory when held, else looked up in
        a worker thread, so that the event loop never waits on a database or on intake.

        Most requests find their session held, and a dependency that is a plain function
        costs a trip to a worker thread and back: under load, waits of milliseconds."""
        found = self.held(request)
        if found is not None:
            return found
        with span("session"):
            return await run_in_threadpool(self.signed_in, request)

    async def user_with_role(self, request: Request, *roles: str) -> User:
        """``require_role(*roles)`` for async dependencies."""
        user = (await self.session(request)).user
        _check_role(user, frozenset(roles))
        return user

    async def project_member(self, request: Request, project_id: str, *roles: str) -> User:
        """``require_project_member(*roles)`` for async dependencies."""
        user = (await self.session(request)).user
        _check_member(user, project_id, frozenset(roles))
        return user

    def signed_in(self, request: Request) -> SignedIn:
        """The request's session; 401 ``not_signed_in`` without a live one.

        Kept on ``request.state`` so that several dependencies of one request resolve
        (and extend) the session once.
        """
        cached: SignedIn | None = getattr(request.state, "duuni_signed_in", None)
        if cached is not None:
            return cached
        token = request.cookies.get(COOKIE)
        found = self.resolve(token) if token else None
        if found is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not_signed_in")
        request.state.duuni_signed_in = found
        return found

    def maybe_signed_in(self, request: Request) -> SignedIn | None:
        try:
            return self.signed_in(request)
        except HTTPException:
            return None

    def require_role(self, *roles: str) -> Callable[[Request], Awaitable[User]]:
        """A dependency: the user holds one of ``roles`` (in any project, or globally)."""

        async def dependency(request: Request) -> User:
            return await self.user_with_role(request, *roles)

        return dependency

    def require_project_member(self, *roles: str) -> Callable[[Request, str], Awaitable[User]]:
        """A dependency on the path parameter ``project_id``: the user belongs to it.

        With ``roles``, the user must also hold one of them there (admins always pass).
        """

        async def dependency(request: Request, project_id: str) -> User:
            return await self.project_member(request, project_id, *roles)

        return dependency

    async def verify_csrf(self, request: Request) -> None:
        """For every state-changing request: the session's token, from header or form field.

        The first dependency of a write: the session look-up (a database query, or a call
        to intake) runs in a worker thread, never blocking every other request's loop."""
        signed_in = await self.session(request)
        submitted = request.headers.get(CSRF_HEADER) or await form_field(request, CSRF_FIELD)
        if not csrf_matches(signed_in, submitted):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "csrf_failed")


def _check_role(user: User, wanted: frozenset[str]) -> None:
    """403 unless the user holds one of ``wanted`` (in any project, or globally)."""
    if not user.roles & wanted:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "forbidden")


def _check_member(user: User, project_id: str, wanted: frozenset[str]) -> None:
    """404 outside the project, as if it did not exist; 403 without one of ``wanted``
    there (when given; admins always pass)."""
    if not user.can_see_project(project_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not_found")
    if wanted and not user.is_admin and not user.roles_in(project_id) & wanted:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "forbidden")


async def form_field(request: Request, name: str) -> str | None:
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


@dataclasses.dataclass(slots=True)
class _Answer:
    checked_at: float
    """When the question was sent (monotonic): the answer is at least this fresh."""
    found: SignedIn | None
    used_at: float
    """The last request that relied on it."""
    changes: int
    """The owner's change counter when the question was sent."""


Check = Callable[[list[str], list[str]], list["SignedIn | None"]]
"""Asks about many sessions at once: the answers to ``used`` (extending those sessions)
then to ``unused`` (only checked), in order."""


class FreshSessions:
    """Answers about sessions, each trusted for ``ttl_seconds`` and kept fresh off the
    request path: how every service tells who is signed in.

    Intake asks its own tables (``ask`` and ``check`` read them); a service running in its
    own process asks intake over HTTP (``RemoteSessions``). Either way a request rarely
    waits for the question: every ``refresh_every`` seconds (``refresh``) one call asks
    about every live session used in the last ``keep_fresh`` seconds and checked over
    ``refresh_after`` seconds ago. Those used since their last check are extended, as
    their requests would have extended them; the others are only checked, so the idle
    time-out still counts from the last real use. Only a session's first request, or one
    after a long pause, asks itself. Under load, a request that asked spent most of its
    slowest answers waiting for the answer.

    A sign-out therefore takes effect everywhere within ``ttl_seconds``. Where the owner
    of the sessions shares the process, ``changes`` (a counter that every sign-out,
    deactivation or new password moves) voids every answer held at once.
    """

    name = "session-refresh"
    """Its name as a worker of a service's runtime (``run``)."""

    def __init__(
        self,
        ask: Callable[[str], SignedIn | None],
        check: Check,
        *,
        changes: Callable[[], int] = lambda: 0,
        ttl_seconds: float = 5.0,
        refresh_after: float = 2.0,
        refresh_every: float = 1.0,
        own_thread: bool = True,
        keep_fresh: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``own_thread`` ``False``: the owner runs ``refresh`` (or ``run``, as one of
        its workers) instead of a thread of this object's."""
        self._ask = ask
        self._check = check
        self._changes = changes
        self._ttl = ttl_seconds
        self._refresh_after = refresh_after
        self._refresh_every = refresh_every
        self._own_thread = own_thread
        self._keep_fresh = keep_fresh
        self._clock = clock
        self._cache: dict[str, _Answer] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._refresher: threading.Thread | None = None

    def peek(self, token: str) -> SignedIn | None:
        hit = self._held(token)
        return None if hit is None else hit.found

    def __call__(self, token: str) -> SignedIn | None:
        hit = self._held(token)
        if hit is not None:
            return hit.found
        changes, asked_at = self._changes(), self._clock()
        found = self._ask(token)
        with self._lock:
            if len(self._cache) > _MOST_ANSWERS:
                self._cache.clear()
            self._cache[token] = _Answer(asked_at, found, asked_at, changes)
            if self._refresher is None and self._own_thread and not self._stopped.is_set():
                self._refresher = threading.Thread(
                    target=self._refresh_regularly, name="session-refresh", daemon=True
                )
                self._refresher.start()
        return found

    def _held(self, token: str) -> _Answer | None:
        """The answer held for ``token`` if it may still be used (marked used)."""
        now = self._clock()
        with self._lock:
            hit = self._cache.get(token)
            if hit is None or now - hit.checked_at >= self._ttl or hit.changes != self._changes():
                return None
            if hit.found is not None and hit.found.expires_at <= datetime.now(UTC):
                return None
            hit.used_at = now
            return hit

    def refresh(self) -> int:
        """Ask about the sessions due, in one call; how many were asked about."""
        now, changes = self._clock(), self._changes()
        with self._lock:
            due = [
                (token, answer.used_at > answer.checked_at)
                for token, answer in self._cache.items()
                if answer.found is not None
                and now - answer.checked_at >= self._refresh_after
                and now - answer.used_at < self._keep_fresh
            ][:SESSIONS_PER_CHECK]
        if not due:
            return 0
        used = [token for token, was_used in due if was_used]
        unused = [token for token, was_used in due if not was_used]
        answers = zip([*used, *unused], self._check(used, unused), strict=True)
        with self._lock:
            for token, live in answers:
                held = self._cache.get(token)
                if held is None or held.checked_at <= now:  # a request's own may be newer
                    self._cache[token] = _Answer(now, live, held.used_at if held else now, changes)
        return len(due)

    def _refresh_regularly(self) -> None:
        while not self._stopped.wait(self._refresh_every):
            self._refresh_quietly()

    def _refresh_quietly(self) -> None:
        """``refresh``; on failure, requests ask themselves once their answers are too old."""
        try:
            self.refresh()
        except Exception as error:  # intake or the database away: nothing to do but wait
            log.debug("refreshing sessions failed: %r", error)

    async def run(self, stop: asyncio.Event) -> None:
        """Refresh every ``refresh_every`` seconds until ``stop``: for an owner that runs
        the refresh as one of its workers rather than on a thread of this object's."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._refresh_every)
            if not stop.is_set():
                await asyncio.to_thread(self._refresh_quietly)

    def close(self) -> None:
        self._stopped.set()
        if self._refresher is not None:
            self._refresher.join(timeout=5)


class RemoteSessions(FreshSessions):
    """``FreshSessions`` asking intake over HTTP: for a service running in its own process.

    A session's own question is ``GET /api/intake/session`` with its cookie; the refresh
    is ``POST /api/intake/sessions/check``, which reads all its sessions in a few queries.
    """

    def __init__(self, intake_url: str, *, timeout: float = 3.0, **options: Any) -> None:
        """``options``: ``FreshSessions``'s settings (``own_thread`` ``False``: no
        background thread; the caller runs ``refresh``)."""
        self._client = httpx.Client(base_url=intake_url.rstrip("/"), timeout=timeout)
        super().__init__(self._ask_intake, self._check_with_intake, **options)

    def _ask_intake(self, token: str) -> SignedIn | None:
        response = self._client.get("/api/intake/session", cookies={COOKIE: token})
        return _signed_in_from(response.json()) if response.status_code == 200 else None

    def _check_with_intake(self, used: list[str], unused: list[str]) -> list[SignedIn | None]:
        response = self._client.post(
            "/api/intake/sessions/check", json={"tokens": used, "unused": unused}
        )
        response.raise_for_status()
        body = response.json()
        return [_signed_in_from(found) if found else None
                for found in [*body["sessions"], *body["unused"]]]  # fmt: skip

    def close(self) -> None:
        super().close()
        self._client.close()


_MOST_ANSWERS = 10_000
"""Answers held at most: beyond, the cache starts again (cookies nobody holds any more)."""

SESSIONS_PER_CHECK = 500
"""The most tokens intake answers for in one check."""


def _signed_in_from(body: dict[str, Any]) -> SignedIn:
    memberships = tuple(
        Membership(project_id=str(m["project_id"]), role=str(m["role"]))
        for m in body.get("memberships", [])
    )
    return SignedIn(
        user=User(
            id=str(body["user_id"]),
            username=str(body["username"]),
            display_name=str(body["display_name"]),
            roles=frozenset(body["roles"]),
            memberships=memberships,
        ),
        csrf_token=str(body["csrf_token"]),
        expires_at=datetime.fromisoformat(str(body["expires_at"])),
    )
