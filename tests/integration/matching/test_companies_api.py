"""Companies over the JSON API: register, contact persons, the contact log, relation."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.matching.builders import (
    BUSINESS_IDS,
    TODAY,
    company_form,
    created,
    matching_events,
    refusal,
    sign_in,
)

COMPANIES = "/api/matching/projects/A/companies"


def test_a_coach_registers_a_company_from_a_visit_and_sees_it_with_its_log(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(COMPANIES, json=company_form(), headers=headers))
    contact_id = created(
        app.post(
            f"{COMPANIES}/{company_id}/contacts",
            headers=headers,
            json={
                "full_name": "Maija Meikäläinen",
                "job_title": "HR",
                "phone": "+358 40 765 4321",
                "email": "maija@leipomo.example.fi",
            },
        )
    )
    created(
        app.post(
            f"{COMPANIES}/{company_id}/contact-log",
            headers=headers,
            json={
                "kind": "visit",
                "contacted_on": TODAY.isoformat(),
                "contact_id": contact_id,
            },
        )
    )
    created(
        app.post(
            f"{COMPANIES}/{company_id}/relation",
            headers=headers,
            json={"relation": "cooperating", "since": TODAY.isoformat()},
        )
    )
    created(
        app.post(
            f"{COMPANIES}/{company_id}/needs",
            headers=headers,
            json={
                "need": "recruitment",
                "occupation_code": "7512",
                "headcount": 2,
                "recorded_on": TODAY.isoformat(),
            },
        )
    )

    detail = app.get(f"{COMPANIES}/{company_id}").json()
    assert detail["company"]["business_id"] == BUSINESS_IDS[0]
    assert detail["company"]["relation"] == "cooperating"
    assert [c["full_name"] for c in detail["contacts"]] == ["Maija Meikäläinen"]
    assert [(e["kind"], e["contact_id"]) for e in detail["contact_log"]] == [("visit", contact_id)]
    assert detail["needs"][0]["headcount"] == 2
    assert [c["company_id"] for c in app.get(COMPANIES).json()] == [company_id]


def test_contact_details_never_reach_the_log(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(COMPANIES, json=company_form(), headers=headers))
    created(
        app.post(
            f"{COMPANIES}/{company_id}/contacts",
            headers=headers,
            json={
                "full_name": "Maija Meikäläinen",
                "phone": "+358 40 765 4321",
                "email": "maija@leipomo.example.fi",
            },
        )
    )
    stored = " ".join(str(e.payload) for e in matching_events(data_dir))
    assert "matching.contact_person_added" in {e.event_type for e in matching_events(data_dir)}
    for detail in ("Maija", "765 4321", "maija@"):
        assert detail not in stored


def test_a_business_id_is_registered_once_per_project(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    created(app.post(COMPANIES, json=company_form(), headers=headers))
    again = app.post(COMPANIES, json=company_form(trade_name="Other"), headers=headers)
    assert again.status_code == 422
    assert refusal(again) == ("business_id_taken", "business_id")
    other_project = sign_in(app, "coach-b")
    assert (
        app.post(
            "/api/matching/projects/B/companies", json=company_form(), headers=other_project
        ).status_code
        == 201
    )


def test_a_wrong_check_digit_is_refused_and_nothing_stored(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    refused = app.post(COMPANIES, json=company_form(business_id="0112038-8"), headers=headers)
    assert refused.status_code == 422
    assert refusal(refused) == ("invalid_business_id", "business_id")
    assert matching_events(data_dir) == []


def test_a_resubmitted_form_registers_one_company(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    form = company_form(submission_id="form-1")
    first = app.post(COMPANIES, json=form, headers=headers).json()
    second = app.post(COMPANIES, json=form, headers=headers).json()
    assert first["id"] == second["id"] and second["duplicate"] is True
    assert len(matching_events(data_dir)) == 1


def test_another_project_does_not_see_the_company(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(COMPANIES, json=company_form(), headers=headers))
    sign_in(app, "coach-b")
    assert app.get(f"{COMPANIES}/{company_id}").status_code == 404
    assert app.get(f"/api/matching/projects/B/companies/{company_id}").status_code == 404


def test_auditors_read_but_do_not_write_and_writes_need_the_csrf_token(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    assert app.post(COMPANIES, json=company_form()).status_code == 403
    created(app.post(COMPANIES, json=company_form(), headers=headers))
    auditor = sign_in(app, "auditor-a")
    assert len(app.get(COMPANIES).json()) == 1
    refused = app.post(COMPANIES, json=company_form(business_id=BUSINESS_IDS[1]), headers=auditor)
    assert refused.status_code == 403
