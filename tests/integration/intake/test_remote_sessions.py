"""How a service in its own process knows its users' sessions: by asking intake over HTTP.

Intake runs behind a real uvicorn server on a local port; ``RemoteSessions`` asks it one
session at a time on a request's first sight of a cookie, then keeps the sessions in use
fresh with one call for all of them (``POST /api/intake/sessions/check``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from shared.web.auth import COOKIE, SESSIONS_PER_CHECK, RemoteSessions
from tests.integration.intake.builders import PASSWORD
from tests.integration.intake.conftest import intake_app
from tests.live_server import served


@pytest.fixture
def intake_url(data_dir: Path) -> Iterator[str]:
    with served(intake_app(data_dir), "intake") as url:
        yield url


def _sign_in(url: str, username: str) -> tuple[str, str]:
    """A new session's cookie value and CSRF token."""
    answer = httpx.post(
        f"{url}/api/intake/session", json={"username": username, "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    return answer.cookies[COOKIE], answer.json()["csrf_token"]


def _sign_out(url: str, token: str, csrf: str) -> None:
    answer = httpx.delete(
        f"{url}/api/intake/session", cookies={COOKIE: token}, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 204, answer.text


def test_the_sessions_in_use_are_checked_in_one_call_and_a_sign_out_reaches_them(
    intake_url: str,
) -> None:
    sessions = RemoteSessions(intake_url, ttl_seconds=60, refresh_after=0.0, own_thread=False)
    try:
        coach, coach_csrf = _sign_in(intake_url, "coach-a")
        colleague, _ = _sign_in(intake_url, "coach-a2")
        for token in (coach, colleague):
            assert sessions(token) is not None
        assert sessions.refresh() == 2, "every session used within the last minute"

        _sign_out(intake_url, coach, coach_csrf)
        signed_in = sessions(coach)
        assert signed_in is not None and signed_in.user.username == "coach-a", (
            "until the next check the answer held stands (for at most ttl_seconds)"
        )
        assert sessions.refresh() == 2
        assert sessions(coach) is None, "the check brought the sign-out"
        still = sessions(colleague)
        assert still is not None and still.user.username == "coach-a2"
        assert sessions.refresh() == 1, "a session that is over is not asked about again"
    finally:
        sessions.close()


def test_sessions_nobody_used_for_a_while_are_left_to_age(intake_url: str) -> None:
    sessions = RemoteSessions(
        intake_url, ttl_seconds=60, refresh_after=0.0, own_thread=False, keep_fresh=0.0
    )
    try:
        token, _ = _sign_in(intake_url, "coach-a")
        assert sessions(token) is not None
        assert sessions.refresh() == 0
    finally:
        sessions.close()


def test_an_answer_older_than_its_time_to_live_is_never_used(intake_url: str) -> None:
    sessions = RemoteSessions(intake_url, ttl_seconds=0.2, refresh_after=60)
    try:
        token, csrf = _sign_in(intake_url, "coach-a")
        assert sessions(token) is not None
        _sign_out(intake_url, token, csrf)
        time.sleep(0.25)
        assert sessions(token) is None
    finally:
        sessions.close()


def test_the_check_answers_each_token_in_order_and_refuses_too_many(app: TestClient) -> None:
    answer = app.post("/api/intake/session", json={"username": "coach-a", "password": PASSWORD})
    token = answer.cookies[COOKIE]
    app.cookies.clear()

    checked = app.post(
        "/api/intake/sessions/check", json={"tokens": ["nobody", token], "unused": [token]}
    )

    assert checked.status_code == 200, checked.text
    none, live = checked.json()["sessions"]
    assert none is None
    assert live["username"] == "coach-a"
    assert live["memberships"] == [{"project_id": "A", "role": "coach"}]
    assert checked.json()["unused"] == [live]
    too_many = app.post(
        "/api/intake/sessions/check", json={"tokens": ["x"] * (SESSIONS_PER_CHECK + 1)}
    )
    assert too_many.status_code == 422
    assert too_many.json()["status"] == 422
