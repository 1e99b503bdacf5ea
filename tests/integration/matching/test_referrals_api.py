"""Referrals and placements over the JSON API: the events reporting counts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response

from tests.integration.matching.builders import (
    TODAY,
    company_form,
    created,
    enrolled,
    exited,
    lead_form,
    matching_events,
    profile_form,
    refusal,
    settle,
    sign_in,
)

API = "/api/matching/projects/A"


def _ready(app: TestClient, data_dir: Path) -> tuple[dict[str, str], str, str, str]:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(f"{API}/companies", json=company_form(), headers=headers))
    lead_id = created(app.post(f"{API}/leads", json=lead_form(company_id), headers=headers))
    client_id = enrolled(data_dir)
    settle(app)
    put = app.put(f"{API}/clients/{client_id}/profile", json=profile_form(), headers=headers)
    assert put.status_code == 200, put.text
    return headers, company_id, lead_id, client_id


def test_refer_answer_and_place_a_client(app: TestClient, data_dir: Path) -> None:
    headers, company_id, lead_id, client_id = _ready(app, data_dir)
    referral_id = created(
        app.post(
            f"{API}/referrals",
            headers=headers,
            json={
                "client_id": client_id,
                "lead_id": lead_id,
                "referred_on": TODAY.isoformat(),
            },
        )
    )
    created(
        app.post(
            f"{API}/referrals/{referral_id}/answer",
            headers=headers,
            json={
                "answer": "accepted",
                "reason": "hired",
                "answered_on": TODAY.isoformat(),
            },
        )
    )
    created(
        app.post(
            f"{API}/placements",
            headers=headers,
            json={
                "client_id": client_id,
                "company_id": company_id,
                "referral_id": referral_id,
                "placement_type": "wage_subsidised",
                "starts_on": TODAY.isoformat(),
            },
        )
    )

    [referral] = app.get(f"{API}/referrals", params={"lead_id": lead_id}).json()
    assert (referral["answer"], referral["reason"]) == ("accepted", "hired")
    [placement] = app.get(f"{API}/placements", params={"client_id": client_id}).json()
    assert (placement["lead_id"], placement["placement_type"]) == (lead_id, "wage_subsidised")
    kinds = [e.event_type for e in matching_events(data_dir)]
    assert kinds[-3:] == [
        "matching.client_referred",
        "matching.referral_answered",
        "matching.placement_started",
    ]
    placed = next(e for e in matching_events(data_dir) if e.event_type.endswith("_started"))
    assert placed.payload["company_id"] == company_id and placed.project_id == "A"


def test_a_client_is_referred_once_per_lead(app: TestClient, data_dir: Path) -> None:
    headers, _, lead_id, client_id = _ready(app, data_dir)
    body = {"client_id": client_id, "lead_id": lead_id, "referred_on": TODAY.isoformat()}
    created(app.post(f"{API}/referrals", headers=headers, json=body))
    again = app.post(f"{API}/referrals", headers=headers, json=body)
    assert refusal(again) == ("client_already_referred", "client_id")


def test_an_exited_client_is_not_referred(app: TestClient, data_dir: Path) -> None:
    headers, _, lead_id, client_id = _ready(app, data_dir)
    exited(data_dir, client_id)
    settle(app)
    refused = app.post(
        f"{API}/referrals",
        headers=headers,
        json={
            "client_id": client_id,
            "lead_id": lead_id,
            "referred_on": TODAY.isoformat(),
        },
    )
    assert refusal(refused) == ("client_not_active", "client_id")


def test_a_declined_referral_needs_a_fitting_reason(app: TestClient, data_dir: Path) -> None:
    headers, _, lead_id, client_id = _ready(app, data_dir)
    referral_id = created(
        app.post(
            f"{API}/referrals",
            headers=headers,
            json={
                "client_id": client_id,
                "lead_id": lead_id,
                "referred_on": TODAY.isoformat(),
            },
        )
    )
    refused = app.post(
        f"{API}/referrals/{referral_id}/answer",
        headers=headers,
        json={
            "answer": "declined",
            "reason": "hired",
            "answered_on": TODAY.isoformat(),
        },
    )
    assert refusal(refused) == ("reason_does_not_fit_answer", "reason")
    assert (
        app.post(
            f"{API}/referrals/unknown/answer",
            headers=headers,
            json={
                "answer": "declined",
                "reason": "timing",
                "answered_on": TODAY.isoformat(),
            },
        ).status_code
        == 404
    )


def test_a_work_trial_placement_needs_its_end_date(app: TestClient, data_dir: Path) -> None:
    headers, company_id, _, client_id = _ready(app, data_dir)
    refused = app.post(
        f"{API}/placements",
        headers=headers,
        json={
            "client_id": client_id,
            "company_id": company_id,
            "placement_type": "work_trial",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert refusal(refused) == ("end_date_required", "ends_on")
    assert app.get(f"{API}/placements").json() == []


def test_a_placement_starting_years_away_is_refused_at_its_date(
    app: TestClient, data_dir: Path
) -> None:
    headers, company_id, _, client_id = _ready(app, data_dir)
    placement = {"client_id": client_id, "company_id": company_id, "placement_type": "full_time"}

    far = app.post(f"{API}/placements", headers=headers,
                   json=placement | {"starts_on": "9999-12-31"})  # fmt: skip
    ancient = app.post(f"{API}/placements", headers=headers,
                       json=placement | {"starts_on": "1900-01-01"})  # fmt: skip

    assert refusal(far) == ("date_too_far_ahead", "starts_on")
    assert refusal(ancient) == ("date_before_project", "starts_on")
    assert app.get(f"{API}/placements").json() == []


def test_a_placement_may_start_upon_leaving_as_reporting_counts_it(
    app: TestClient, data_dir: Path
) -> None:
    """Counting rule 7 counts a placement within 28 days of the exit; the write side
    accepts exactly those (the client left yesterday: up to 27 days from today)."""
    headers, company_id, _, client_id = _ready(app, data_dir)
    exited(data_dir, client_id)
    settle(app)

    def place(starts_on: date) -> Response:
        return app.post(
            f"{API}/placements",
            headers=headers,
            json={
                "client_id": client_id,
                "company_id": company_id,
                "placement_type": "part_time",
                "starts_on": starts_on.isoformat(),
            },
        )

    assert refusal(place(TODAY + timedelta(days=28))) == ("client_not_active", "client_id")
    created(place(TODAY + timedelta(days=27)))
