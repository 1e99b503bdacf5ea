"""After the exit, on intake's pages: the status upon leaving recorded later (the page
reporting's to-do list links to), follow-ups, and the exit's new destinations.

A refusal shows the form again with the message at its field and records nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.intake.clients import enrol, recorded, sign_in

EXIT_DAY = "2026-11-20"


def a_leaver(app: TestClient, headers: dict[str, str], status: str = "unknown") -> str:
    client_id = str(enrol(app, headers).json()["id"])
    exited = app.post(f"/api/intake/projects/A/clients/{client_id}/exit", headers=headers,
                      json={"exit_date": EXIT_DAY, "exit_status": status})  # fmt: skip
    assert exited.status_code == 200, exited.text
    return client_id


def posted(app: TestClient, headers: dict[str, str], path: str, **fields: str) -> Any:
    return app.post(path, data={"csrf_token": headers["X-CSRF-Token"], **fields},
                    follow_redirects=False)  # fmt: skip


def summary_links(html: str) -> list[str]:
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="#([^"]+)"', summary)


def event_types(data_dir: Path) -> list[str]:
    return [e.event_type for e in recorded(data_dir)]


def test_the_status_upon_leaving_is_recorded_after_the_exit_on_its_own_page(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = a_leaver(app, coach)
    page = f"/p/A/clients/{client_id}/leaving"

    form = app.get(page)
    answer = posted(app, coach, page, exit_status="referred_to_other_services",
                    referral_kind="pension", source="client")  # fmt: skip
    shown = app.get(answer.headers["location"])

    assert form.status_code == 200
    assert "Kirjaa tilanne päättyessä" in form.text
    assert "Tähän asti kirjattu: Ei tiedossa" in form.text
    assert 'name="referral_kind"' in form.text and 'value="unknown"' not in form.text
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/p/A/clients/{client_id}?saved=status_recorded"
    assert event_types(data_dir)[-1] == "intake.status_upon_leaving_recorded"
    assert recorded(data_dir)[-1].payload["previous_status"] == "unknown"
    assert "Tilanne päättyessä kirjattiin." in shown.text
    assert "Eläkeselvittely" in shown.text
    assert f'href="/p/A/clients/{client_id}/leaving"' in shown.text
    assert f'href="/p/A/clients/{client_id}/follow-up"' in shown.text


def test_a_status_missing_its_detail_is_refused_at_the_field_and_records_nothing(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = a_leaver(app, coach)
    before = event_types(data_dir)

    answer = posted(app, coach, f"/p/A/clients/{client_id}/leaving",
                    exit_status="intermediate_labour_market", source="register")  # fmt: skip
    unchanged = posted(app, coach, f"/p/A/clients/{client_id}/leaving",
                       exit_status="unknown", source="register")  # fmt: skip

    assert answer.status_code == 422
    assert summary_links(answer.text) == ["intermediate_kind"]
    assert "Valitse kuntouttava työtoiminta tai sosiaalinen yritys." in answer.text
    assert 'id="intermediate_kind"' in answer.text
    assert unchanged.status_code == 422 and summary_links(unchanged.text) == ["exit_status"]
    assert event_types(data_dir) == before


def test_a_client_still_taking_part_is_sent_to_the_exit_form(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    client_id = str(enrol(app, coach).json()["id"])

    answer = app.get(f"/p/A/clients/{client_id}/leaving", follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == f"/p/A/clients/{client_id}/exit"


def test_an_auditor_and_another_projects_coach_may_not_record_it(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    client_id = a_leaver(app, coach)

    sign_in(app, "auditor-a")
    auditor = app.get(f"/p/A/clients/{client_id}/leaving")
    sign_in(app, "coach-b")
    stranger = app.get(f"/p/A/clients/{client_id}/follow-up")

    assert auditor.status_code == 403
    assert stranger.status_code in (403, 404)
    assert f'action="/p/A/clients/{client_id}/follow-up"' not in stranger.text


def test_a_follow_up_is_recorded_with_its_source_and_listed_on_the_client_page(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = a_leaver(app, coach, "education_or_training")
    page = f"/p/A/clients/{client_id}/follow-up"

    form = app.get(page)
    unreached = posted(app, coach, page, checked_on="2026-12-01", reached="no",
                       source="client", exit_status="employed",
                       employment_type="fixed_term")  # fmt: skip
    answer = posted(app, coach, page, checked_on="2026-12-01", reached="yes",
                    source="client", exit_status="education_or_training")  # fmt: skip
    shown = app.get(f"/p/A/clients/{client_id}")

    assert form.status_code == 200
    assert "20.5.2027" in form.text  # due six months after 20.11.2026
    assert unreached.status_code == 422 and summary_links(unreached.text) == ["exit_status"]
    assert answer.status_code == 303
    follow_up = recorded(data_dir)[-1]
    assert follow_up.event_type == "intake.follow_up_recorded"
    assert follow_up.payload["due_on"] == "2027-05-20"
    assert follow_up.payload["reached"] is True
    assert "Seurannat päättymisen jälkeen" in shown.text
    assert "1.12.2026" in shown.text


def test_the_exit_form_records_a_referral_with_its_service(app: TestClient, data_dir: Path) -> None:
    coach = sign_in(app, "coach-a")
    client_id = str(enrol(app, coach).json()["id"])
    page = f"/p/A/clients/{client_id}/exit"

    missing = posted(app, coach, page, exit_date=EXIT_DAY,
                     exit_status="referred_to_other_services")  # fmt: skip
    answer = posted(app, coach, page, exit_date=EXIT_DAY,
                    exit_status="referred_to_other_services",
                    referral_kind="debt_counselling")  # fmt: skip

    assert missing.status_code == 422 and summary_links(missing.text) == ["referral_kind"]
    assert answer.status_code == 303
    assert recorded(data_dir)[-1].payload["referral_kind"] == "debt_counselling"


def test_the_json_api_records_the_status_and_a_follow_up_through_the_same_rules(
    app: TestClient,
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = a_leaver(app, coach)
    api = f"/api/intake/projects/A/clients/{client_id}"

    refused = app.post(f"{api}/status-upon-leaving", headers=coach,
                       json={"exit_status": "employed", "source": "employer"})  # fmt: skip
    accepted = app.post(f"{api}/status-upon-leaving", headers=coach,
                        json={"exit_status": "work_trial", "source": "employer"})  # fmt: skip
    follow_up = app.post(f"{api}/follow-ups", headers=coach,
                         json={"checked_on": "2026-12-02", "reached": False, "source": "client",
                               "exit_status": "unknown"})  # fmt: skip
    shown = app.get(api).json()

    assert refused.status_code == 422
    assert refused.json()["code"] == "employment_type_required"
    assert refused.json()["field"] == "employment_type"
    assert accepted.status_code == 200 and follow_up.status_code == 200
    assert shown["exit_status"] == "work_trial"
