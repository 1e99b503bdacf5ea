"""A coach's working day over HTTP: Today lists her sessions, what is due (overdue first)
and her clients with the last contact; a rule's task marked done or handed over is
recorded as an event and leaves her list; case notes and a coach's own tasks keep their
words in coaching only, and an auditor never reads them."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.coaching.domain.day_vocabulary import TaskKind
from services.coaching.domain.tasks import rule_task_id
from services.coaching.entrypoints import day_pages
from tests.integration.coaching.builders import (
    TODAY,
    coaching_events,
    enrolled,
    exited,
    settle,
    user_id,
)
from tests.integration.coaching.builders import sign_in as sign_in_as
from tests.integration.coaching.day_builders import booked_before, day, post
from tests.integration.coaching.test_session_pages import section

BASE = "/p/A/coaching"


def sign_in(app: TestClient, username: str) -> None:
    """Signed in, reading English (the site's default is Finnish)."""
    sign_in_as(app, username)
    app.cookies.set("duuni_lang", "en")


def test_today_shows_an_unrecorded_session_as_overdue_and_done_takes_it_off(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    session = booked_before(data_dir, client, me, days_ago=2)
    settle(app)

    page = app.get(f"{BASE}/today")
    assert page.status_code == 200, page.text
    due = section(page.text, "due")
    assert "Record the session" in due and "Overdue" in due
    assert f"{BASE}/sessions/{session}" in due
    assert "1 overdue" in due
    clients = section(page.text, "my-clients")
    assert f"{BASE}/clients/{client}" in clients and "No contact yet" in clients

    task = rule_task_id(TaskKind.RECORD_SESSION, session)
    done = post(app, f"{BASE}/tasks/{task}/done", client_id=client, back="today")
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"{BASE}/today?done=task_done"
    page = app.get(done.headers["location"]).text
    assert "The task was marked done." in page
    assert "Nothing due." in section(page, "due")
    [recorded] = [e for e in coaching_events(data_dir) if e.event_type == "coaching.task_done"]
    assert recorded.payload["task_id"] == task
    assert recorded.payload["kind"] == "record_session"

    again = post(app, f"{BASE}/tasks/{task}/done", client_id=client, back="today")
    assert again.status_code == 422, re.sub(r"<[^>]+>", " ", again.text)[-1500:]
    assert "This task is no longer open." in again.text


def test_an_exit_brings_the_status_and_the_follow_ups_onto_the_clients_page(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    exited(data_dir, client)  # unemployed on leaving: the status is known
    settle(app)

    tasks = section(app.get(f"{BASE}/clients/{client}/notes").text, "tasks")
    assert "Follow-up 4 weeks after leaving" in tasks
    assert "Follow-up 6 months after leaving" in tasks
    assert "Find out the situation upon leaving" not in tasks
    assert f'href="/p/A/clients/{client}"' in tasks  # recorded in intake
    # Due in four weeks: not on Today's list yet, which looks a week ahead.
    assert "Nothing due." in section(app.get(f"{BASE}/today").text, "due")


def test_own_task_and_note_keep_their_words_out_of_events_and_from_the_auditor(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    settle(app)

    added = post(app, f"{BASE}/clients/{client}/tasks", task="Soita työnantajalle",
                 due_on=day(1), submission_id="t-1")  # fmt: skip
    assert added.status_code == 303, added.text
    noted = post(app, f"{BASE}/clients/{client}/notes", kind="call", noted_on=day(-3),
                 note="Puhelu: haastattelu sovittu", submission_id="n-1")  # fmt: skip
    assert noted.status_code == 303, noted.text

    page = app.get(f"{BASE}/clients/{client}/notes").text  # the Notes and tasks tab
    assert "Soita työnantajalle" in section(page, "tasks")
    assert "Puhelu: haastattelu sovittu" in section(page, "notes")
    today = app.get(f"{BASE}/today").text
    assert "Soita työnantajalle" in section(today, "due")
    shown = (TODAY - timedelta(3)).strftime("%-d %b %Y")
    assert shown in section(today, "my-clients")  # the note is the last contact

    events = coaching_events(data_dir)
    kinds = {e.event_type for e in events}
    assert {"coaching.task_created", "coaching.case_note_written"} <= kinds
    for e in events:
        assert "Soita" not in str(e.payload) and "Puhelu" not in str(e.payload)

    sign_in(app, "auditor-a")
    page = app.get(f"{BASE}/clients/{client}/notes").text
    notes = section(page, "notes")
    assert "Phone call" in notes and "Puhelu" not in notes
    assert "Soita työnantajalle" not in page
    assert "Mark as done" not in page

    sign_in(app, "manager-a")
    assert "Puhelu: haastattelu sovittu" in app.get(f"{BASE}/clients/{client}/notes").text


def test_a_bad_note_is_refused_at_its_field_in_the_readers_language(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    client = enrolled(data_dir, coach_id=user_id(app))
    settle(app)

    empty = post(app, f"{BASE}/clients/{client}/notes", kind="call", noted_on=day(0), note=" ")
    assert empty.status_code == 422
    assert 'id="note-error"' in empty.text and "Write the note." in empty.text
    app.cookies.set("duuni_lang", "fi")
    ahead = post(app, f"{BASE}/notes/new", client_id=client, kind="meeting",
                 noted_on=day(2), note="Tapaaminen")  # fmt: skip
    assert ahead.status_code == 422
    assert 'id="noted_on-error"' in ahead.text
    assert "Muistiinpanoa ei voi päivätä tulevaisuuteen." in ahead.text
    no_client = post(app, f"{BASE}/notes/new", kind="call", noted_on=day(0), note="x")
    assert no_client.status_code == 422 and 'id="client_id-error"' in no_client.text
    assert not [e for e in coaching_events(data_dir) if e.event_type.startswith("coaching.case")]


def test_a_task_is_handed_over_and_taken_over_and_other_projects_see_nothing(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    session = booked_before(data_dir, client, me, days_ago=1)
    settle(app)
    task = rule_task_id(TaskKind.RECORD_SESSION, session)

    sign_in(app, "manager-a")
    manager = user_id(app)
    stranger = post(app, f"{BASE}/tasks/{task}/reassign", client_id=client, owner_id="coach-x")
    assert stranger.status_code == 422
    assert "A task goes to the client&#39;s own coach, or to you." in stranger.text
    taken = post(app, f"{BASE}/tasks/{task}/reassign", client_id=client, owner_id=manager,
                 back="client")  # fmt: skip
    assert taken.status_code == 303, taken.text
    assert taken.headers["location"] == f"{BASE}/clients/{client}/notes?done=task_reassigned"
    [moved] = [e for e in coaching_events(data_dir) if e.event_type == "coaching.task_reassigned"]
    assert (moved.payload["owner_id"], moved.payload["previous_owner_id"]) == (manager, me)

    sign_in(app, "coach-a")
    assert "Nothing due." in section(app.get(f"{BASE}/today").text, "due")
    sign_in(app, "coach-b")
    assert app.get(f"{BASE}/today").status_code == 404
    refused = post(app, f"{BASE}/tasks/{task}/done", client_id=client)
    assert refused.status_code == 404
    sign_in(app, "auditor-a")
    assert post(app, f"{BASE}/notes/new", client_id=client).status_code == 403


def test_the_json_api_builds_the_same_commands_and_hides_the_words_from_the_auditor(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in_as(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    session = booked_before(data_dir, client, me, days_ago=3)
    settle(app)
    api = f"/api/coaching/projects/A/clients/{client}"

    note = {"kind": "message", "noted_on": day(0), "text": "Lähetti CV:n"}
    assert app.post(f"{api}/notes", json=note, headers=headers).status_code == 201
    task = {"due_on": day(2), "text": "Tarkista hakemus"}
    assert app.post(f"{api}/tasks", json=task, headers=headers).status_code == 201
    late = {"due_on": day(-1), "text": "Myöhässä"}
    refused = app.post(f"{api}/tasks", json=late, headers=headers)
    assert refused.status_code == 422 and "due_in_the_past" in refused.text

    mine = app.get("/api/coaching/projects/A/tasks").json()
    assert [t["kind"] for t in mine] == ["record_session", "own"]
    assert mine[1]["text"] == "Tarkista hakemus"
    assert mine[0]["subject_id"] == session
    done = app.post(f"/api/coaching/projects/A/tasks/{mine[0]['task_id']}/done",
                    json={"client_id": client}, headers=headers)  # fmt: skip
    assert done.status_code == 200, done.text
    assert [t["kind"] for t in app.get(f"{api}/tasks").json()] == ["own"]

    sign_in_as(app, "auditor-a")
    [seen] = app.get(f"{api}/notes").json()
    assert (seen["kind"], seen["text"]) == ("message", None)
    assert app.get(f"{api}/tasks").json()[0]["text"] is None


def test_today_lists_the_clients_longest_without_contact_and_shows_all_on_asking(
    app: TestClient, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(day_pages, "TODAY_CLIENTS", 2)  # a caseload longer than Today lists
    sign_in(app, "coach-a")
    me = user_id(app)
    clients = [enrolled(data_dir, coach_id=me) for _ in range(3)]
    settle(app)
    held = post(
        app, f"{BASE}/sessions/new", client_id=clients[0], action="record",
        held_on=(TODAY - timedelta(days=1)).isoformat(), starts_at="10:00",
        duration_minutes="45", mode="in_person", kind="personal_coaching",
    )  # fmt: skip
    assert held.status_code == 303, held.text

    listed = section(app.get(f"{BASE}/today").text, "my-clients")
    everyone = section(app.get(f"{BASE}/today", params={"clients": "all"}).text, "my-clients")

    assert {c for c in clients if f'{BASE}/clients/{c}"' in listed} == set(clients[1:])
    assert "Show all 3 active clients" in listed and "today?clients=all" in listed
    assert all(f'{BASE}/clients/{c}"' in everyone for c in clients)
    assert "Show all" not in everyone
