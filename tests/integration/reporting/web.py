"""Signed-in clients of the real app for the API and page tests."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from tests.unit.reporting.builders import PROJECT

PASSWORD = "correct horse battery staple"
BASE = f"/api/reporting/projects/{PROJECT}"


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    client.cookies.clear()
    response = client.post("/api/intake/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def wait_for_projection(client: TestClient, key: str = "participants.total") -> dict[str, Any]:
    """The report once the background subscriptions have folded the recorded events."""
    for _ in range(200):
        report = client.get(f"{BASE}/report", params={"end": "2019-12-31"})
        body: dict[str, Any] = report.json()
        if report.status_code == 200 and value_of(body, key):
            return body
        time.sleep(0.05)
    raise AssertionError("the projection did not catch up")


def value_of(body: dict[str, Any], key: str) -> Any:
    return next(f["cumulative"] for f in body["figures"] if f["key"] == key)
