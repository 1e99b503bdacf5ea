"""Enrolling, listing and exiting clients over the JSON API of the real app, on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from duuni.app import create_app
from duuni.services import settings_for
from services.intake.adapters.accounts import SqlAccountStore
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.builders import PASSWORD, a_user

CODE = "131052-308T"
OTHER_CODE = "010190-123M"


def a_form(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "identity_code": CODE,
        "first_name": "Aino",
        "last_name": "Virtanen",
        "phone": "+358 40 123 4567",
        "email": "aino@example.fi",
        "language": "fi",
        "consent_version": "2026-01",
        "consented_at": "2026-11-02T09:00:00+00:00",
        "entry_date": "2026-11-02",
        "entry_route": "self_referral",
        "gender": "female",
        "education": "isced_3_4",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
    }
    return form | changes


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    settings = settings_for("intake", data)
    db = open_database(settings.resolved_database_url())
    store = SqlAccountStore(db).create()
    a_user(store, "coach-a", projects=("A",))
    a_user(store, "coach-b", projects=("B",))
    a_user(store, "auditor-a", roles=("auditor",), projects=("A",))
    db.dispose()
    return data


@pytest.fixture
def app(data_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(data_dir, ["intake"])) as client:
        yield client


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    client.cookies.clear()
    response = client.post("/api/intake/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def enrol(client: TestClient, headers: dict[str, str], project: str = "A", **changes: Any) -> Any:
    return client.post(
        f"/api/intake/projects/{project}/clients", json=a_form(**changes), headers=headers
    )


def recorded(data_dir: Path) -> list[Any]:
    db = open_database(settings_for("intake", data_dir).resolved_database_url())
    try:
        return list(SqlEventLog(db, "intake").read_all())
    finally:
        db.dispose()


def test_an_enrolled_client_is_listed_and_shown_with_age_at_entry(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    enrolled = enrol(app, headers)
    client_id = enrolled.json()["client_id"]
    listed = app.get("/api/intake/projects/A/clients").json()
    shown = app.get(f"/api/intake/projects/A/clients/{client_id}").json()

    assert enrolled.status_code == 201, enrolled.text
    assert [c["client_id"] for c in listed] == [client_id]
    assert shown["last_name"] == "Virtanen" and shown["age_at_entry"] == 74
    assert shown["active"] is True


def test_an_invalid_identity_code_is_refused_and_nothing_is_stored(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    refused = enrol(app, headers, identity_code="131052-308A")

    assert refused.status_code == 422
    assert refused.json() == {"code": "invalid_identity_code_check", "field": "identity_code"}
    assert recorded(data_dir) == []
    assert app.get("/api/intake/projects/A/clients").json() == []


def test_the_same_identity_code_after_exit_re_enters_the_same_client(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    first = enrol(app, headers).json()["client_id"]
    exited = app.post(
        f"/api/intake/projects/A/clients/{first}/exit",
        json={"exit_date": "2026-11-20", "exit_status": "job_searching"},
        headers=headers,
    )
    again = enrol(app, headers, identity_code=CODE.lower(), entry_date="2026-11-23")

    assert exited.status_code == 200 and exited.json()["active"] is False
    assert again.json() == {"client_id": first, "re_entry": True, "duplicate": False}
    events = [e for e in recorded(data_dir) if e.stream_id.endswith(first)]
    assert [e.event_type for e in events][-1] == "intake.client_re_entered"
    assert len(app.get("/api/intake/projects/A/clients").json()) == 1


def test_a_form_submitted_twice_enrols_one_client(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    first = enrol(app, headers, identity_code=None, birth_date="1990-01-01", submission_id="f-1")
    second = enrol(app, headers, identity_code=None, birth_date="1990-01-01", submission_id="f-1")

    assert first.json()["client_id"] == second.json()["client_id"]
    assert second.json()["duplicate"] is True
    assert len(recorded(data_dir)) == 1
    assert len(app.get("/api/intake/projects/A/clients").json()) == 1


def test_a_coach_of_another_project_does_not_find_the_client(app: TestClient) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["client_id"]
    headers = sign_in(app, "coach-b")

    assert app.get(f"/api/intake/projects/B/clients/{client_id}").status_code == 404
    assert app.get(f"/api/intake/projects/A/clients/{client_id}").status_code == 404
    exit_form = {"exit_date": "2026-11-20", "exit_status": "unknown"}
    exited = app.post(
        f"/api/intake/projects/B/clients/{client_id}/exit", json=exit_form, headers=headers
    )
    assert exited.status_code == 404


def test_an_auditor_reads_but_cannot_enrol(app: TestClient) -> None:
    enrol(app, sign_in(app, "coach-a"))
    headers = sign_in(app, "auditor-a")

    assert enrol(app, headers, identity_code=OTHER_CODE).status_code == 403
    assert len(app.get("/api/intake/projects/A/clients").json()) == 1


def test_enrolling_needs_the_csrf_token(app: TestClient) -> None:
    sign_in(app, "coach-a")

    assert enrol(app, {"X-CSRF-Token": "wrong"}).status_code == 403


def test_events_carry_the_actor_and_no_name_or_identity_code(
    app: TestClient, data_dir: Path
) -> None:
    who = app.post("/api/intake/session", json={"username": "coach-a", "password": PASSWORD}).json()
    enrol(app, {"X-CSRF-Token": who["csrf_token"]})
    events = recorded(data_dir)
    text = str([e.payload for e in events])

    assert events and all(e.actor == who["user_id"] for e in events)
    for secret in ("Aino", "Virtanen", CODE, "131052", "aino@example.fi", "4567"):
        assert secret not in text
