"""Coaching's pages over HTTP, without a browser: forms post, redirect, and show errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from tests.integration.coaching.builders import (
    TODAY,
    coaching_events,
    enrolled,
    exited,
    settle,
    sign_in,
)
from tests.integration.coaching.conftest import coaching_app

BASE = "/p/A/coaching"


def csrf_of(app: TestClient) -> str:
    return str(app.get("/api/intake/session").json()["csrf_token"])


def post(app: TestClient, path: str, **form: str | list[str]) -> httpx.Response:
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf_of(app), **form}, follow_redirects=False
    )
    return answer


def test_a_session_recorded_on_the_form_lands_in_my_sessions(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    form = app.get(f"{BASE}/sessions/new?client_id={client}")
    assert form.status_code == 200 and "Varaa tai kirjaa tapaaminen" in form.text
    answer = post(
        app, f"{BASE}/sessions/new", client_id=client, held_on=TODAY.isoformat(),
        starts_at="10:00", duration_minutes="45", mode="phone", kind="follow_up",
        topics=["cv", "interview"], note="Luottamuksellinen", action="record",
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    agenda = app.get(answer.headers["location"])
    assert "Tapaaminen kirjattiin." in agenda.text
    assert "Seuranta" in agenda.text and "Puhelimitse" in agenda.text


def test_booking_an_exited_client_on_the_form_shows_the_reason_at_the_field(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    exited(data_dir, client)
    settle(app)
    sign_in(app, "coach-a")
    answer = post(
        app, f"{BASE}/sessions/new", client_id=client, held_on=TODAY.isoformat(),
        starts_at="10:00", duration_minutes="45", mode="phone", kind="follow_up", action="book",
    )  # fmt: skip
    assert answer.status_code == 422
    assert "osallistuminen on päättynyt" in answer.text
    assert 'href="#client_id"' in answer.text


def test_a_form_that_cannot_be_read_shows_each_error_at_its_field_and_keeps_what_was_typed(
    app: TestClient,
) -> None:
    sign_in(app, "coach-a")
    answer = post(
        app, f"{BASE}/sessions/new", held_on="ensi viikolla", starts_at="10:00",
        duration_minutes="45", mode="phone", kind="follow_up", topics=["cv"], action="book",
    )  # fmt: skip
    assert answer.status_code == 422
    assert "Valitse asiakas." in answer.text and 'href="#client_id"' in answer.text
    assert "Anna päivämäärä, esim. 23.11.2026." in answer.text
    assert 'value="ensi viikolla"' in answer.text
    assert re.search(r'value="cv"\s+checked', answer.text)


def test_a_group_is_planned_filled_and_its_attendance_taken_on_one_sheet(
    app: TestClient, data_dir: Path
) -> None:
    aino, bertil = enrolled(data_dir), enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    planned = post(
        app, f"{BASE}/programmes", title="DuuniKaverit Vihti", kind="job_seekers_group",
        municipality="Vihti", starts_on=(TODAY - timedelta(7)).isoformat(),
        ends_on=(TODAY + timedelta(14)).isoformat(),
    )  # fmt: skip
    programme_url = planned.headers["location"].split("?")[0]
    post(app, f"{programme_url}/meetings", held_on=(TODAY - timedelta(1)).isoformat(),
         duration_minutes="180")  # fmt: skip
    for client in (aino, bertil):
        joined = post(app, f"{programme_url}/members", client_id=client,
                      joined_on=(TODAY - timedelta(7)).isoformat())  # fmt: skip
        assert joined.status_code == 303
    page = app.get(programme_url).text
    [sheet_url] = re.findall(r'href="([^"]+/meetings/[^"]+)"', page)
    assert app.get(sheet_url).text.count('type="radio"') == 6
    saved = post(app, sheet_url, **{f"mark-{aino}": "present", f"mark-{bertil}": "absent"})
    assert saved.status_code == 303
    shown = app.get(saved.headers["location"]).text
    assert "Läsnäolot tallennettiin." in shown
    assert "<strong>1</strong>" in shown  # Bertil's no-show
    listed = app.get(f"{BASE}/programmes").text
    assert "50" in listed and "DuuniKaverit Vihti" in listed


def test_a_goal_is_added_to_the_plan_and_shown_in_swedish(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    added = post(
        app, f"{BASE}/clients/{client}/goals", area="job_search",
        target_date=(TODAY + timedelta(30)).isoformat(), text="Kolme hakemusta viikossa",
    )  # fmt: skip
    assert added.status_code == 303
    app.cookies.set("duuni_lang", "sv")
    plan = app.get(f"{BASE}/clients/{client}")
    assert "Plan och möten" in plan.text and "Kolme hakemusta viikossa" in plan.text
    assert 'lang="sv"' in plan.text


def test_pages_hide_other_projects_and_refuse_auditors_writing(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-b")
    assert app.get(BASE).status_code == 404
    assert app.get(f"{BASE}/clients/{client}").status_code == 404
    sign_in(app, "auditor-a")
    assert app.get(f"{BASE}/clients/{client}").status_code == 200
    refused = post(app, f"{BASE}/clients/{client}/goals", area="job_search",
                   target_date=TODAY.isoformat())  # fmt: skip
    assert refused.status_code == 403
    app.cookies.clear()
    assert app.get(BASE, follow_redirects=False).status_code == 303


def test_a_form_posted_twice_books_one_session(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    form = app.get(f"{BASE}/sessions/new?client_id={client}").text
    [submission] = re.findall(r'name="submission_id" value="([^"]+)"', form)
    fields = {
        "client_id": client, "held_on": (TODAY + timedelta(1)).isoformat(), "starts_at": "10:00",
        "duration_minutes": "45", "mode": "online", "kind": "personal_coaching",
        "action": "book", "submission_id": submission,
    }  # fmt: skip
    for _ in range(2):
        assert post(app, f"{BASE}/sessions/new", **fields).status_code == 303
    assert len(coaching_events(data_dir)) == 1


def test_with_intakes_names_wired_in_the_sheet_shows_who_is_who(data_dir: Path) -> None:
    aino = enrolled(data_dir)
    asked: list[str] = []

    def names(project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        asked.extend(client_ids)
        return {c: "Aino Virtanen" for c in client_ids if c == aino and project_id == "A"}

    with TestClient(coaching_app(data_dir, names)) as app:
        settle(app)
        sign_in(app, "coach-a")
        form = app.get(f"{BASE}/sessions/new").text
    assert "Aino Virtanen" in form
    assert asked == [aino]
