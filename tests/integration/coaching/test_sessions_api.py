"""Individual sessions over the JSON API: who may be booked, notes kept private, figures."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.coaching.builders import (
    TODAY,
    coaching_events,
    enrolled,
    exited,
    session_form,
    settle,
    sign_in,
    user_id,
)

API = "/api/coaching/projects"
NOTE = "Asiakas kertoi terveyshuolista; CV valmis ensi viikolla."


def test_a_booked_session_shows_in_the_coaches_agenda(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    tomorrow = (TODAY + timedelta(1)).isoformat()
    booked = app.post(f"{API}/A/sessions", json=session_form(client, held_on=tomorrow),
                      headers=headers)  # fmt: skip
    assert booked.status_code == 201, booked.text
    [entry] = app.get(f"{API}/A/agenda").json()
    assert (entry["session_id"], entry["status"], entry["held_on"]) == (
        booked.json()["id"],
        "booked",
        tomorrow,
    )
    assert entry["coach_id"] == user_id(app)


def test_booking_an_exited_client_is_refused_clearly(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    exited(data_dir, client)
    settle(app)
    refused = app.post(
        f"{API}/A/sessions", json=session_form(client), headers=sign_in(app, "coach-a")
    )
    assert refused.status_code == 422
    problem = refused.json()
    assert (problem["code"], problem["field"]) == ("client_not_active", "client_id")
    assert coaching_events(data_dir) == []


def test_a_client_of_another_project_cannot_be_booked(app: TestClient, data_dir: Path) -> None:
    elsewhere = enrolled(data_dir, project="B")
    settle(app)
    refused = app.post(
        f"{API}/A/sessions", json=session_form(elsewhere), headers=sign_in(app, "coach-a")
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "client_not_found"


def test_the_case_note_stays_out_of_events_and_away_from_auditors(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    held = app.post(f"{API}/A/sessions/held", json=session_form(client, note="Luonnos"),
                    headers=headers)  # fmt: skip
    assert held.status_code == 201, held.text
    session_id = held.json()["id"]
    replaced = app.put(f"{API}/A/sessions/{session_id}/note", json={"note": NOTE}, headers=headers)
    assert replaced.status_code == 204
    assert app.get(f"{API}/A/sessions/{session_id}").json()["note"] == NOTE
    [event] = coaching_events(data_dir)
    assert event.event_type == "coaching.session_held"
    assert event.payload["topics"] == ["cv", "hidden_jobs"]
    assert "terveys" not in str(event.payload) and "note" not in event.payload
    sign_in(app, "auditor-a")
    shown = app.get(f"{API}/A/sessions/{session_id}").json()
    assert shown["note"] is None and shown["duration_minutes"] == 60


def test_a_booking_held_later_counts_in_the_clients_sessions_and_hours(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    drop_in = session_form(client, duration_minutes=30, kind="guidance_point_visit")
    assert app.post(f"{API}/A/sessions/held", json=drop_in, headers=headers).status_code == 201
    booked = app.post(f"{API}/A/sessions", json=session_form(client), headers=headers).json()["id"]
    held = app.post(
        f"{API}/A/sessions/{booked}/held", json=session_form(duration_minutes=60), headers=headers
    )
    assert held.status_code == 200, held.text
    no_show = app.post(f"{API}/A/sessions", json=session_form(client), headers=headers).json()["id"]
    cancel = app.post(
        f"{API}/A/sessions/{no_show}/cancel", json={"reason": "no_show"}, headers=headers
    )
    assert cancel.status_code == 200
    [figures] = app.get(f"{API}/A/figures/clients").json()
    assert figures == {"client_id": client, "sessions_held": 2, "hours": 1.5, "no_shows": 1}


def test_a_form_sent_twice_books_one_session(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    form = session_form(client, submission_id="form-123")
    first = app.post(f"{API}/A/sessions", json=form, headers=headers).json()
    second = app.post(f"{API}/A/sessions", json=form, headers=headers).json()
    assert second == {"id": first["id"], "duplicate": True, "recorded": 0}
    assert len(coaching_events(data_dir)) == 1


def test_another_projects_session_is_not_found(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    held = app.post(
        f"{API}/A/sessions/held", json=session_form(client), headers=sign_in(app, "coach-a")
    ).json()["id"]
    headers = sign_in(app, "coach-b")
    assert app.get(f"{API}/A/sessions/{held}").status_code == 404
    assert app.get(f"{API}/B/sessions/{held}").status_code == 404
    moved = app.post(f"{API}/B/sessions/{held}/cancel", json={"reason": "no_show"}, headers=headers)
    assert (moved.status_code, moved.json()["code"]) == (404, "not_found")
    note = app.put(f"{API}/B/sessions/{held}/note", json={"note": "x"}, headers=headers)
    assert (note.status_code, note.json()["code"]) == (404, "not_found")


def test_an_auditor_reads_but_cannot_book(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "auditor-a")
    refused = app.post(f"{API}/A/sessions", json=session_form(client), headers=headers)
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    assert app.get(f"{API}/A/figures/clients").status_code == 200


def test_booking_needs_the_csrf_token(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    assert app.post(f"{API}/A/sessions", json=session_form(client)).status_code == 403


def test_a_start_time_with_a_time_zone_offset_is_refused_not_a_server_error(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    tomorrow = (TODAY + timedelta(1)).isoformat()
    refused = app.post(
        f"{API}/A/sessions",
        json=session_form(client, held_on=tomorrow, starts_at="09:00+02:00"),
        headers=headers,
    )

    assert refused.status_code == 422, refused.text
    assert (refused.json()["code"], refused.json()["field"]) == ("invalid_request", "starts_at")
    assert coaching_events(data_dir) == []


def test_a_session_is_held_by_the_signed_in_coach_or_the_clients_own_coach(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir, coach_id="coach-x")
    settle(app)
    headers = sign_in(app, "coach-a")
    tomorrow = (TODAY + timedelta(1)).isoformat()

    def book(coach_id: str) -> Any:
        form = session_form(client, held_on=tomorrow, coach_id=coach_id)
        return app.post(f"{API}/A/sessions", headers=headers, json=form)

    stranger, own_coach = book("made-up-coach"), book("coach-x")

    assert stranger.status_code == 422
    assert (stranger.json()["code"], stranger.json()["field"]) == ("coach_not_allowed", "coach_id")
    assert own_coach.status_code == 201, own_coach.text
    assert [e.event_type for e in coaching_events(data_dir)] == ["coaching.session_booked"]
