"""A client's plan, pre-coaching and in-work coaching over the JSON API."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.coaching.builders import (
    TODAY,
    coaching_events,
    company,
    enrolled,
    settle,
    sign_in,
)

API = "/api/coaching/projects/A"
WORDING = "Hakee kolmea piilotyöpaikkaa Lohjan alueelta"


def test_a_goal_is_agreed_changed_and_reviewed_with_its_wording_kept_private(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    goal = {"area": "job_search", "target_date": (TODAY + timedelta(30)).isoformat(),
            "text": WORDING}  # fmt: skip
    made = app.post(f"{API}/clients/{client}/plan/goals", json=goal, headers=headers)
    assert made.status_code == 201, made.text
    goal_id = made.json()["id"]
    later = (TODAY + timedelta(60)).isoformat()
    review = {"outcome": "changed", "new_target_date": later}
    url = f"{API}/clients/{client}/plan/goals/{goal_id}/reviews"
    assert app.post(url, json=review, headers=headers).status_code == 200
    [shown] = app.get(f"{API}/clients/{client}/plan").json()["goals"]
    assert (shown["text"], shown["outcome"], shown["target_date"], shown["open"]) == (
        WORDING,
        "changed",
        later,
        True,
    )
    assert all(WORDING not in str(e.payload) for e in coaching_events(data_dir))
    sign_in(app, "auditor-a")
    assert app.get(f"{API}/clients/{client}/plan").json()["goals"][0]["text"] is None


def test_pre_coaching_results_show_in_the_plan(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "manager-a")
    results = {"completed_on": TODAY.isoformat(), "skills_mapped": True, "motivation": "high",
               "support_need": "low", "cv_done": True}  # fmt: skip
    done = app.post(f"{API}/clients/{client}/pre-coaching", json=results, headers=headers)
    assert done.status_code == 200, done.text
    plan = app.get(f"{API}/clients/{client}/plan").json()
    assert plan["pre_coaching"]["motivation"] == "high"


def test_pre_coaching_dated_in_another_era_is_refused_at_its_field(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "manager-a")
    for day, code in (("0050-08-11", "date_before_project"), ("9999-12-31", "date_too_far_ahead")):
        results = {"completed_on": day, "skills_mapped": True, "motivation": "high",
                   "support_need": "low", "cv_done": True}  # fmt: skip
        refused = app.post(f"{API}/clients/{client}/pre-coaching", json=results, headers=headers)
        assert refused.status_code == 422, refused.text
        assert (refused.json()["code"], refused.json()["field"]) == (code, "completed_on")
    assert app.get(f"{API}/clients/{client}/plan").json()["pre_coaching"] is None


def test_the_plan_of_another_projects_client_is_not_found(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir, project="B")
    settle(app)
    sign_in(app, "coach-a")
    assert app.get(f"{API}/clients/{client}/plan").status_code == 404
    assert app.get(f"/api/coaching/projects/B/clients/{client}/plan").status_code == 404


def test_in_work_coaching_runs_from_start_to_follow_on(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    employer = company(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    start = {"client_id": client, "company_id": employer,
             "started_on": (TODAY - timedelta(60)).isoformat()}  # fmt: skip
    plan = app.post(f"{API}/in-work-plans", json=start, headers=headers).json()["id"]
    steps = [
        ("goals", {"area": "work_community", "target_date": TODAY.isoformat(),
                   "agreed_on": (TODAY - timedelta(59)).isoformat()}),
        ("reviews", {"reviewed_on": (TODAY - timedelta(30)).isoformat(), "progress": "on_track"}),
        ("demonstration", {"held_on": (TODAY - timedelta(5)).isoformat(), "result": "passed"}),
        ("end", {"ended_on": TODAY.isoformat(), "follow_on": "continued_employment"}),
    ]  # fmt: skip
    for step, body in steps:
        answer = app.post(f"{API}/in-work-plans/{plan}/{step}", json=body, headers=headers)
        assert answer.status_code == 200, (step, answer.text)
    shown = app.get(f"{API}/in-work-plans/{plan}").json()
    assert shown["demonstration"]["result"] == "passed"
    assert shown["ended"]["follow_on"] == "continued_employment"
    late = app.post(f"{API}/in-work-plans/{plan}/reviews", headers=headers,
                    json={"reviewed_on": TODAY.isoformat(), "progress": "on_track"})  # fmt: skip
    assert late.json()["code"] == "plan_ended"


def test_every_action_is_in_the_openapi_document(app: TestClient) -> None:
    paths = app.get("/openapi.json").json()["paths"]
    coaching = [p for p in paths if p.startswith("/api/coaching/projects/")]
    assert len(coaching) >= 20
    assert "/api/coaching/projects/{project_id}/programmes/{programme_id}/meetings/" \
        "{meeting_id}/attendance" in paths  # fmt: skip


def test_in_work_coaching_with_another_projects_or_a_made_up_company_is_refused(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    elsewhere = company(data_dir, project="B")
    settle(app)
    headers = sign_in(app, "coach-a")
    for company_id in (elsewhere, "0d3c9a52-made-up"):
        start = {"client_id": client, "company_id": company_id,
                 "started_on": (TODAY - timedelta(3)).isoformat()}  # fmt: skip
        refused = app.post(f"{API}/in-work-plans", json=start, headers=headers)
        assert refused.status_code == 422, refused.text
        assert (refused.json()["code"], refused.json()["field"]) == (
            "company_not_found",
            "company_id",
        )
    assert coaching_events(data_dir) == []
