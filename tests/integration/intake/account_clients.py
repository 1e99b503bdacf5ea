"""Helpers for the account pages' tests: more browsers on one app, signing in, the store."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from services.intake.adapters.accounts import SqlAccountStore
from shared.eventlog.sql import open_database
from tests.integration.intake.builders import PASSWORD
from tests.integration.intake.clients import database_url


@contextlib.contextmanager
def accounts(data_dir: Path) -> Iterator[SqlAccountStore]:
    database = open_database(database_url(data_dir))
    try:
        yield SqlAccountStore(database)
    finally:
        database.dispose()


def another(app: TestClient) -> TestClient:
    """A second browser on the same running app: its own cookies, in English."""
    client = TestClient(app.app)
    client.headers["Accept-Language"] = "en"
    return client


def signed_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign ``client`` in through the JSON API; the session's CSRF token."""
    client.headers["Accept-Language"] = "en"
    client.cookies.clear()
    answer = client.post("/api/intake/session", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["csrf_token"]
    return token


def can_sign_in(app: TestClient, username: str, password: str) -> bool:
    answer = another(app).post(
        "/api/intake/session", json={"username": username, "password": password}
    )
    return answer.status_code == 200


def still_signed_in(client: TestClient) -> bool:
    return client.get("/api/intake/session").status_code == 200


def change(
    app: TestClient, csrf: str, current: str, new: str, again: str | None = None
) -> httpx.Response:
    form = {"csrf_token": csrf, "current_password": current, "new_password": new}
    form["new_password_again"] = new if again is None else again
    return app.post("/account/password", data=form, follow_redirects=False)
