"""Enrolling, listing and exiting clients over the JSON API of intake's app, on SQLite."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.intake.builders import PASSWORD
from tests.integration.intake.clients import (
    CODE,
    OTHER_CODE,
    a_form,
    enrol,
    listed,
    recorded,
    sign_in,
)


def test_an_enrolled_client_is_listed_and_shown_with_age_at_entry(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    enrolled = enrol(app, headers)
    client_id = enrolled.json()["id"]
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
    first = enrol(app, headers).json()["id"]
    exited = app.post(
        f"/api/intake/projects/A/clients/{first}/exit",
        json={"exit_date": "2026-11-20", "exit_status": "job_searching"},
        headers=headers,
    )
    shown = app.get(f"/api/intake/projects/A/clients/{first}").json()
    again = enrol(app, headers, identity_code=CODE.lower(), entry_date="2026-11-23")

    assert exited.status_code == 200 and shown["active"] is False
    assert again.json() == {"id": first, "duplicate": False, "recorded": 1, "re_entry": True}
    events = [e for e in recorded(data_dir) if e.stream_id.endswith(first)]
    assert [e.event_type for e in events][-1] == "intake.client_re_entered"
    assert listed(app) == [first]
    assert listed(app, query="?status=active") == [first]


def test_a_form_submitted_twice_enrols_one_client(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    first = enrol(app, headers, identity_code=None, birth_date="1960-01-01", submission_id="f-1")
    second = enrol(app, headers, identity_code=None, birth_date="1960-01-01", submission_id="f-1")

    assert first.json()["id"] == second.json()["id"]
    assert second.json()["duplicate"] is True
    assert len(recorded(data_dir)) == 1
    assert len(listed(app)) == 1


def test_a_coach_of_another_project_does_not_find_the_client(app: TestClient) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
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
    aino = enrol(app, headers).json()["id"]
    pekka = enrol(
        app,
        headers,
        identity_code=None,
        birth_date="1961-05-05",
        first_name="Pekka",
        last_name="Mäkinen",
        municipality="Vihti",
    ).json()["id"]
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
    client_id = enrol(app, headers).json()["id"]
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
    assert (event.payload["reason_code"], event.schema_version) == ("other", 2)
    assert "diploma" not in str(event.payload)  # the words are kept apart, by id


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
    first = enrol(app, headers).json()["id"]
    app.post(
        f"/api/intake/projects/A/clients/{first}/exit",
        json={"exit_date": "2026-11-20", "exit_status": "unemployed"},
        headers=headers,
    )
    again = {"entry_date": "2026-11-23", "submission_id": "re-1"}
    once = enrol(app, headers, **again)
    twice = enrol(app, headers, **again)

    assert once.json() == {"id": first, "duplicate": False, "recorded": 1, "re_entry": True}
    assert twice.json() == {"id": first, "duplicate": True, "recorded": 0, "re_entry": True}
    types = [e.event_type for e in recorded(data_dir)]
    assert types.count("intake.client_re_entered") == 1
