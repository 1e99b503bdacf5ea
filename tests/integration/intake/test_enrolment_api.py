"""Enrolling, listing and exiting clients over the JSON API of the real app, on SQLite."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from duuni.app import create_app
from duuni.services import settings_for
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.domain.events import ProjectPlan
from services.intake.domain.target_group import TargetGroupRule
from services.intake.service_layer.projects import register_project
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
        "municipality": "Lohja",
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
    a_user(store, "manager-a", roles=("project_manager",), projects=("A",))
    log = SqlEventLog(db, "intake").create()
    register_project(log, "A", a_plan(), actor="admin")
    register_project(log, "B", a_plan(name="Other"), actor="admin")
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


def a_plan(**changes: Any) -> ProjectPlan:
    plan = ProjectPlan(
        name="DuuniAgentti",
        municipalities=("Lohja", "Vihti"),
        starts_on=date(2017, 8, 1),
        ends_on=date(2029, 7, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=500,
        planned_companies=220,
    )
    return dataclasses.replace(plan, **changes)


def recorded(data_dir: Path) -> list[Any]:
    """The clients' events (the projects' own events left out)."""
    db = open_database(settings_for("intake", data_dir).resolved_database_url())
    try:
        events = SqlEventLog(db, "intake").read_all()
        return [e for e in events if e.stream_id.startswith("client-")]
    finally:
        db.dispose()


def listed(client: TestClient, project: str = "A", query: str = "") -> list[str]:
    page = client.get(f"/api/intake/projects/{project}/clients{query}")
    assert page.status_code == 200, page.text
    return [c["client_id"] for c in page.json()["clients"]]


def test_an_enrolled_client_is_listed_and_shown_with_age_at_entry(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    enrolled = enrol(app, headers)
    client_id = enrolled.json()["client_id"]
    shown = app.get(f"/api/intake/projects/A/clients/{client_id}").json()

    assert enrolled.status_code == 201, enrolled.text
    assert listed(app) == [client_id]
    assert shown["last_name"] == "Virtanen" and shown["age_at_entry"] == 74
    assert shown["active"] is True


def test_an_invalid_identity_code_is_refused_and_nothing_is_stored(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    refused = enrol(app, headers, identity_code="131052-308A")

    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid_identity_code_check"
    assert refused.json()["field"] == "identity_code"
    assert recorded(data_dir) == []
    assert listed(app) == []


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
    assert listed(app) == [first]
    assert listed(app, query="?status=active") == [first]


def test_a_form_submitted_twice_enrols_one_client(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    first = enrol(app, headers, identity_code=None, birth_date="1960-01-01", submission_id="f-1")
    second = enrol(app, headers, identity_code=None, birth_date="1960-01-01", submission_id="f-1")

    assert first.json()["client_id"] == second.json()["client_id"]
    assert second.json()["duplicate"] is True
    assert len(recorded(data_dir)) == 1
    assert len(listed(app)) == 1


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
    assert len(listed(app)) == 1


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


def test_search_finds_clients_by_name_status_coach_and_municipality(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    aino = enrol(app, headers).json()["client_id"]
    pekka = enrol(
        app,
        headers,
        identity_code=None,
        birth_date="1961-05-05",
        first_name="Pekka",
        last_name="Mäkinen",
        municipality="Vihti",
    ).json()["client_id"]
    app.post(
        f"/api/intake/projects/A/clients/{pekka}/exit",
        json={"exit_date": "2026-11-20", "exit_status": "unemployed"},
        headers=headers,
    )

    assert listed(app, query="?q=virt") == [aino]
    assert listed(app, query="?q=pekka+mäki") == [pekka]
    assert listed(app, query="?status=exited") == [pekka]
    assert listed(app, query="?municipality=vihti") == [pekka]
    assert sorted(listed(app)) == sorted([aino, pekka])
    assert listed(app, query="?q=nobody") == []


def test_outside_the_target_group_a_coach_is_refused_and_a_manager_may_override(
    app: TestClient, data_dir: Path
) -> None:
    young = {"identity_code": None, "birth_date": "1990-01-01", "submission_id": None}
    refused = enrol(app, sign_in(app, "coach-a"), **young)
    coach_override = enrol(app, sign_in(app, "coach-a"), **young, override_reason="needs help")
    allowed = enrol(app, sign_in(app, "manager-a"), **young, override_reason="family of a client")

    assert refused.status_code == 422 and refused.json()["code"] == "outside_target_group"
    assert coach_override.status_code == 422
    assert coach_override.json()["code"] == "override_not_allowed"
    assert allowed.status_code == 201, allowed.text
    types = [e.event_type for e in recorded(data_dir)]
    assert types == ["intake.client_enrolled", "intake.target_group_rule_overridden"]


def test_a_correction_is_recorded_as_an_event_with_its_reason(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["client_id"]
    url = f"/api/intake/projects/A/clients/{client_id}/corrections"
    correction = {k: a_form()[k] for k in ("gender", "labour_market_status", "unemployed_since")}
    correction |= {"education": "isced_5_8", "municipality": "Lohja"}
    without_reason = app.post(url, json=correction | {"reason": " "}, headers=headers)
    unchanged = app.post(url, json=a_form() | {"reason": "checked"}, headers=headers)
    corrected = app.post(url, json=correction | {"reason": "diploma seen"}, headers=headers)

    assert without_reason.status_code == 422
    assert without_reason.json()["code"] == "correction_reason_required"
    assert unchanged.json()["code"] == "start_data_unchanged"
    assert corrected.status_code == 200, corrected.text
    event = recorded(data_dir)[-1]
    assert event.event_type == "intake.start_data_corrected"
    assert event.payload["changed_fields"] == ["education"]
    assert event.payload["reason"] == "diploma seen"


def test_a_client_is_assigned_to_another_coach_and_the_timeline_shows_it(
    app: TestClient,
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["client_id"]
    other = app.get("/api/intake/projects/A/members?role=project_manager").json()[0]["user_id"]
    assigned = app.post(
        f"/api/intake/projects/A/clients/{client_id}/coach",
        json={"coach_id": other},
        headers=headers,
    )
    timeline = app.get(f"/api/intake/projects/A/clients/{client_id}/timeline").json()

    assert assigned.status_code == 200 and assigned.json()["coach_id"] == other
    assert [t["event_type"] for t in timeline] == [
        "intake.client_enrolled",
        "intake.coach_assigned",
    ]
    assert listed(app, query=f"?coach_id={other}") == [client_id]


def test_enrolling_in_a_project_not_registered_here_is_not_found(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")

    assert enrol(app, headers, project="A2").status_code == 404


def test_members_see_only_their_projects_and_only_an_admin_registers_one(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    seen = [p["project_id"] for p in app.get("/api/intake/projects").json()]
    plan = {
        "project_id": "S99999",
        "name": "DuuniPolku",
        "municipalities": ["Oulu"],
        "starts_on": "2020-01-01",
        "ends_on": "2022-12-31",
        "planned_participants": 120,
        "planned_companies": 40,
    }

    assert seen == ["A"]
    assert app.get("/api/intake/projects/B").status_code == 404
    assert app.post("/api/intake/projects", json=plan, headers=headers).status_code == 403


def test_a_re_entry_form_submitted_twice_re_enters_once(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    first = enrol(app, headers).json()["client_id"]
    app.post(
        f"/api/intake/projects/A/clients/{first}/exit",
        json={"exit_date": "2026-11-20", "exit_status": "unemployed"},
        headers=headers,
    )
    again = {"entry_date": "2026-11-23", "submission_id": "re-1"}
    once = enrol(app, headers, **again)
    twice = enrol(app, headers, **again)

    assert once.json() == {"client_id": first, "re_entry": True, "duplicate": False}
    assert twice.json() == {"client_id": first, "re_entry": True, "duplicate": True}
    types = [e.event_type for e in recorded(data_dir)]
    assert types.count("intake.client_re_entered") == 1
