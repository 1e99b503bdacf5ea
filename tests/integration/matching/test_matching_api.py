"""Leads, job profiles and ranked, explained matches over the JSON API."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.matching.builders import (
    TODAY,
    company_form,
    created,
    enrolled,
    exited,
    lead_form,
    profile_form,
    refusal,
    settle,
    sign_in,
)

API = "/api/matching/projects/A"


def _company_and_lead(app: TestClient, headers: dict[str, str]) -> tuple[str, str]:
    company_id = created(app.post(f"{API}/companies", json=company_form(), headers=headers))
    lead_id = created(app.post(f"{API}/leads", json=lead_form(company_id), headers=headers))
    return company_id, lead_id


def _profiled(app: TestClient, data_dir: Path, headers: dict[str, str], **changes: object) -> str:
    client_id = enrolled(data_dir)
    settle(app)
    response = app.put(
        f"{API}/clients/{client_id}/profile", json=profile_form(**changes), headers=headers
    )
    assert response.status_code == 200, response.text
    return client_id


def test_a_lead_ranks_the_projects_consenting_active_clients_with_explanations(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    _, lead_id = _company_and_lead(app, headers)
    best = _profiled(app, data_dir, headers)
    partial = _profiled(
        app, data_dir, headers, skills=["hygiene passport"], municipalities=["Espoo"]
    )
    _profiled(app, data_dir, headers, matching_consent=False)
    gone = _profiled(app, data_dir, headers)
    exited(data_dir, gone)
    settle(app)

    ranking = app.get(f"{API}/leads/{lead_id}/matches").json()

    assert [m["client_id"] for m in ranking["matches"]] == [best, partial]
    assert ranking["considered"] == 2
    top, second = ranking["matches"]
    assert top["score"] == 100
    parts = {p["part"]: p for p in second["parts"]}
    assert set(parts) == {"occupation", "skills", "commute", "working_time", "languages"}
    assert parts["skills"]["missing"] == ["dough making"]
    assert parts["commute"]["points"] == 0
    assert second["score"] == sum(p["points"] for p in second["parts"])


def test_a_client_sees_the_available_leads_ranked(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    company_id, baker = _company_and_lead(app, headers)
    cook = created(
        app.post(
            f"{API}/leads", json=lead_form(company_id, occupation_code="5120"), headers=headers
        )
    )
    closed = created(app.post(f"{API}/leads", json=lead_form(company_id), headers=headers))
    created(
        app.post(
            f"{API}/leads/{closed}/status",
            headers=headers,
            json={"status": "closed", "changed_on": TODAY.isoformat()},
        )
    )
    client_id = _profiled(app, data_dir, headers)

    ranking = app.get(f"{API}/clients/{client_id}/matches").json()

    assert [m["lead_id"] for m in ranking["matches"]] == [baker, cook]
    assert ranking["matches"][0]["score"] > ranking["matches"][1]["score"]


def test_a_profile_is_refused_for_a_client_intake_does_not_know(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    response = app.put(f"{API}/clients/nobody/profile", json=profile_form(), headers=headers)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_lead_with_a_bad_occupation_code_is_refused(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(f"{API}/companies", json=company_form(), headers=headers))
    refused = app.post(
        f"{API}/leads", json=lead_form(company_id, occupation_code="75a2"), headers=headers
    )
    assert refused.status_code == 422
    assert refusal(refused) == ("invalid_occupation_code", "occupation_code")


def test_a_lead_at_another_projects_company_is_refused(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(f"{API}/companies", json=company_form(), headers=headers))
    other = sign_in(app, "coach-b")
    refused = app.post("/api/matching/projects/B/leads", json=lead_form(company_id), headers=other)
    assert refusal(refused) == ("company_not_found", "company_id")


def test_lead_lifecycle_refuses_reopening_a_filled_lead(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    _, lead_id = _company_and_lead(app, headers)
    for status in ("open", "filled"):
        created(
            app.post(
                f"{API}/leads/{lead_id}/status",
                headers=headers,
                json={"status": status, "changed_on": TODAY.isoformat()},
            )
        )
    refused = app.post(
        f"{API}/leads/{lead_id}/status",
        headers=headers,
        json={"status": "open", "changed_on": TODAY.isoformat()},
    )
    assert refusal(refused) == ("invalid_status_change", "status")
    assert app.get(f"{API}/leads/{lead_id}").json()["status"] == "filled"


def test_the_openapi_document_lists_the_matching_routes(app: TestClient) -> None:
    paths = app.get("/openapi.json").json()["paths"]
    assert "/api/matching/projects/{project_id}/leads/{lead_id}/matches" in paths
    assert "/api/matching/projects/{project_id}/placements" in paths
