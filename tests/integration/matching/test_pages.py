"""The matching pages over HTTP, without a browser: forms post, redirect, and show errors."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.matching.builders import (
    BUSINESS_IDS,
    TODAY,
    company_form,
    created,
    enrolled,
    profile_form,
    settle,
    sign_in,
)

PAGES = "/p/A/matching"


def test_a_coach_goes_from_a_visit_to_a_placement_on_the_pages(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrolled(data_dir)
    settle(app)
    put = app.put(
        f"/api/matching/projects/A/clients/{client_id}/profile",
        json=profile_form(),
        headers=headers,
    )
    assert put.status_code == 200

    registered = app.post(
        f"{PAGES}/companies",
        follow_redirects=False,
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "business_id": BUSINESS_IDS[1],
            "trade_name": "Vihdin Kahvila",
            "industry": "56101",
            "municipality": "Lohja",
            "size_class": "micro",
            "kind": "visit",
            "contacted_on": TODAY.isoformat(),
        },
    )
    assert registered.status_code == 303
    company_page = registered.headers["location"]
    company_id = re.findall(r"companies/([^?]+)", company_page)[0]
    html = app.get(company_page).text
    assert "Vihdin Kahvila" in html and "Yritys kirjattiin." in html and "Käynti" in html

    lead = app.post(
        f"{PAGES}/leads",
        follow_redirects=False,
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "company_id": company_id,
            "kind": "hidden_job",
            "occupation_code": "7512",
            "municipality": "Lohja",
            "working_time": "full_time",
            "found_on": TODAY.isoformat(),
            "required_skills": "dough making, hygiene passport",
            "required_languages": "fi",
        },
    )
    assert lead.status_code == 303
    lead_page = lead.headers["location"].split("?")[0]
    html = app.get(lead_page).text
    assert "100/100" in html and "Ammatti 40/40" in html

    referred = app.post(
        lead_page + "/referrals",
        follow_redirects=False,
        data={"csrf_token": headers["X-CSRF-Token"], "client_id": client_id},
    )
    assert referred.status_code == 303
    [referral] = app.get("/api/matching/projects/A/referrals").json()
    referral_page = f"{PAGES}/referrals/{referral['referral_id']}"
    answered = app.post(
        referral_page + "/answer",
        follow_redirects=False,
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "answer": "accepted",
            "reason": "hired",
            "answered_on": TODAY.isoformat(),
        },
    )
    assert answered.status_code == 303
    placed = app.post(
        referral_page + "/placement",
        follow_redirects=False,
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "placement_type": "full_time",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert placed.status_code == 303
    assert "Sijoittuminen kirjattiin." in app.get(placed.headers["location"]).text


def test_a_bad_business_id_shows_the_form_again_with_the_error(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    response = app.post(
        f"{PAGES}/companies",
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "business_id": "0112038-1",
            "trade_name": "X",
            "industry": "56101",
            "municipality": "Lohja",
            "size_class": "micro",
        },
    )
    assert response.status_code == 422
    assert "Y-tunnus ei kelpaa" in response.text
    assert 'aria-invalid="true"' in response.text
    assert 'value="0112038-1"' in response.text


def test_pages_answer_in_swedish_and_english_on_request(app: TestClient) -> None:
    sign_in(app, "coach-a")
    assert "Kirjaa yritys" in app.get(PAGES).text
    app.cookies.set("duuni_lang", "sv")
    assert "Registrera ett företag" in app.get(PAGES).text
    app.cookies.set("duuni_lang", "en")
    assert "Register a company" in app.get(PAGES).text


def test_other_projects_auditors_and_strangers(app: TestClient) -> None:
    assert app.get(PAGES, follow_redirects=False).status_code == 303
    sign_in(app, "coach-b")
    assert app.get(PAGES).status_code == 404
    auditor = sign_in(app, "auditor-a")
    assert app.get(PAGES).status_code == 200
    refused = app.post(f"{PAGES}/companies", data={"csrf_token": auditor["X-CSRF-Token"]})
    assert refused.status_code == 403


def test_a_form_on_another_projects_company_answers_not_found(app: TestClient) -> None:
    coach_a = sign_in(app, "coach-a")
    company_id = created(
        app.post("/api/matching/projects/A/companies", json=company_form(), headers=coach_a)
    )
    coach_b = sign_in(app, "coach-b")
    response = app.post(
        f"/p/B/matching/companies/{company_id}/contacts",
        data={"csrf_token": coach_b["X-CSRF-Token"], "full_name": "Maija Meikäläinen"},
    )
    assert response.status_code == 404
    sign_in(app, "coach-a")
    assert app.get(f"/api/matching/projects/A/companies/{company_id}").json()["contacts"] == []


def test_a_form_missing_a_required_field_is_refused_before_any_command(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(
        app.post("/api/matching/projects/A/companies", json=company_form(), headers=headers)
    )
    response = app.post(
        f"{PAGES}/companies/{company_id}/contacts",
        data={"csrf_token": headers["X-CSRF-Token"], "full_name": " "},
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert app.get(f"/api/matching/projects/A/companies/{company_id}").json()["contacts"] == []
