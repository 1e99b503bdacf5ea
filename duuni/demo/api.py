"""The services' JSON APIs over HTTP, each request sent as the user who would do the work.

Signing in is what the UI does: ``POST /api/intake/session`` answers with the session
cookie and a CSRF token, and every later write carries both. Sessions are kept per user,
so a coach signs in once however many requests the demo sends in their name.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from duuni.demo.accounts import PASSWORD
from duuni.demo.errors import DemoError

REQUEST_SECONDS = 120.0
"""Generous: other work may share the machine, and a slow answer is not a failed one."""


class DemoApi:
    """Requests over ``http`` (pointed at the live app) as signed-in users; it counts them."""

    def __init__(self, http: httpx.Client, user_ids: dict[str, str]) -> None:
        self.http = http
        self.ids = user_ids
        """User ids by username: coaches are assigned by id."""
        self.requests = 0
        self._sessions: dict[str, tuple[str, str]] = {}

    def _signed_in(self, username: str) -> tuple[str, str]:
        from shared.web.auth import COOKIE

        if username not in self._sessions:
            self.http.cookies.clear()
            answer = self.http.post(
                "/api/intake/session", json={"username": username, "password": PASSWORD}
            )
            self.requests += 1
            if answer.status_code != 200:
                raise DemoError(f"{username} could not sign in: {answer.status_code}")
            cookie = answer.cookies.get(COOKIE)
            if cookie is None:
                raise DemoError(f"no session cookie for {username}")
            self._sessions[username] = (cookie, answer.json()["csrf_token"])
        return self._sessions[username]

    def send(self, as_user: str, method: str, path: str, body: object = None) -> Any:
        """The answer's JSON; a refusal stops the demo with what was refused and why."""
        from shared.web.auth import COOKIE, CSRF_HEADER

        cookie, csrf = self._signed_in(as_user)
        self.http.cookies.clear()  # only the session of ``as_user``, never one left over
        headers = {"Cookie": f"{COOKIE}={cookie}", CSRF_HEADER: csrf}
        answer = self.http.request(method, path, json=body, headers=headers)
        self.requests += 1
        if answer.status_code >= 400:
            raise DemoError(f"{method} {path} as {as_user}: {answer.status_code} {answer.text}")
        return answer.json() if answer.content else None

    def post(self, as_user: str, path: str, body: object) -> Any:
        """``send`` of a ``POST``, the demo's most common request."""
        return self.send(as_user, "POST", path, body)

    def wait_for_consumers(self, timeout: float = 120.0) -> None:
        """Until coaching and matching have applied every event they follow (intake's
        clients, matching's companies for in-work coaching)."""
        deadline = time.monotonic() + timeout
        while True:
            lags = [
                sub.get("lag", 0)
                for service in ("coaching", "matching")
                for sub in self.http.get(f"/api/{service}/health").json()["subscriptions"].values()
            ]
            if all(lag == 0 for lag in lags):
                return
            if time.monotonic() > deadline:
                raise DemoError(f"coaching and matching still lag behind intake: {lags}")
            time.sleep(0.05)
