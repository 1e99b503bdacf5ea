"""The client's tab bar on coaching's side, and the booking picker's way to intake's search.

Plan and sessions, Notes and tasks are coaching's tabs of the one client page, under the
client's name as intake's tabs are; a note or a task goes back to its own tab. The booking
form's picker links to intake's client search, which alone finds by identity code or
phone, and a hit's link back chooses the client in the form by id."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.coaching.builders import enrolled, settle, user_id
from tests.integration.coaching.day_builders import day, post
from tests.integration.coaching.test_calendar_and_feed import BASE, sign_in


def _tabs(html: str) -> list[tuple[str, str, bool]]:
    [bar] = re.findall(r'<nav class="client-tabs" aria-label="[^"]+">(.*?)</nav>', html, re.S)
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', bar)
    return [(label, href, bool(current)) for href, current, label in links]


def test_plan_and_notes_are_tabs_of_the_client_page(app: TestClient, data_dir: Path) -> None:
    sign_in(app, "coach-a")
    client = enrolled(data_dir, coach_id=user_id(app))
    settle(app)
    plan = f"{BASE}/clients/{client}"
    details = f"/p/A/clients/{client}"

    page = app.get(plan).text
    assert _tabs(page) == [
        ("Basic details", details, False),
        ("Plan and sessions", plan, True),
        ("Notes and tasks", f"{plan}/notes", False),
        ("Documents", f"{details}/documents", False),
    ]
    assert 'id="goals-heading"' in page and 'id="tasks"' not in page
    notes = app.get(f"{plan}/notes").text
    assert [current for *_rest, current in _tabs(notes)] == [False, False, True, False]
    assert 'id="tasks"' in notes and 'id="notes"' in notes and 'id="goals-heading"' not in notes

    noted = post(app, f"{plan}/notes", kind="call", noted_on=day(0), note="Soitti")
    assert noted.headers["location"] == f"{plan}/notes?done=note"
    refused = post(app, f"{plan}/notes", kind="call", noted_on="", note="Soitti taas")
    assert refused.status_code == 422 and 'id="notes"' in refused.text  # on its own tab

    sign_in(app, "auditor-a")
    assert [label for label, *_rest in _tabs(app.get(plan).text)] == [
        "Basic details",
        "Plan and sessions",
        "Notes and tasks",
    ]
    app.cookies.set("duuni_lang", "sv")
    swedish = _tabs(app.get(f"{plan}/notes").text)
    assert swedish[2] == ("Anteckningar och uppgifter", f"{plan}/notes", True)


def test_the_picker_finds_by_identity_code_in_intake_and_comes_back_chosen(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    client = enrolled(data_dir, coach_id=user_id(app))
    settle(app)

    form = app.get(f"{BASE}/sessions/new").text
    assert '<a href="/p/A/clients?q=">Find by identity code or phone</a>' in form
    chosen = app.get(f"{BASE}/sessions/new", params={"client_id": client}).text
    assert re.search(rf'<option value="{client}"\s+selected', chosen), chosen
