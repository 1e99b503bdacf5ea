"""Sessions on the coaches' site: the note typed when booking is kept, the agenda puts each
session on its own day (cancelled ones too), a manager or an auditor sees the project's
sessions under a title that fits, and times read as the reader's language writes them."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from tests.integration.coaching.builders import TODAY, enrolled, session_form, settle, sign_in

BASE = "/p/A/coaching"
API = "/api/coaching/projects/A"


def post(app: TestClient, path: str, **form: str | list[str]) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **form}, follow_redirects=False
    )
    return answer


def section(page: str, heading_id: str) -> str:
    """The part of the page under the heading ``heading_id``, up to the next heading."""
    start = page.index(f'id="{heading_id}"')
    following = page.find("<h2", start)
    return page[start : following if following != -1 else len(page)]


def book(
    app: TestClient, client: str, days_ahead: int, starts_at: str = "09:30", **more: str
) -> str:
    answer = post(
        app, f"{BASE}/sessions/new", client_id=client, action="book", starts_at=starts_at,
        held_on=(TODAY + timedelta(days_ahead)).isoformat(), duration_minutes="45",
        mode="online", kind="personal_coaching", **more,
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    day = (TODAY + timedelta(days_ahead)).isoformat()
    [found] = [row["session_id"] for row in app.get(f"{API}/agenda").json()
               if (row["held_on"], row["starts_at"]) == (day, starts_at)]  # fmt: skip
    return str(found)


def test_the_note_typed_when_booking_is_kept_and_shown_with_the_session(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    session = book(app, client, 1, note="Käydään läpi CV ja kolme hakemusta")

    page = app.get(f"{BASE}/sessions/{session}").text
    assert "Käydään läpi CV ja kolme hakemusta" in page
    assert re.search(r"<textarea[^>]*name=\"note\"[^>]*>Käydään läpi CV", page)  # kept when held
    headers = sign_in(app, "coach-a")
    booked = app.post(f"{API}/sessions", json=session_form(client, note="Soita ensin"),
                      headers=headers)  # fmt: skip
    assert booked.status_code == 201, booked.text
    shown = app.get(f"{API}/sessions/{booked.json()['id']}").json()
    assert shown["note"] == "Soita ensin"


def test_the_agenda_shows_today_what_is_coming_up_and_the_last_two_weeks(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    today = post(app, f"{BASE}/sessions/new", **session_form(client, action="record"))
    assert today.status_code == 303
    cancelled = book(app, client, 3, starts_at="13:15")
    post(app, f"{BASE}/sessions/{cancelled}/cancel", reason="cancelled_by_client")
    book(app, client, 5, starts_at="10:00")

    page = app.get(BASE).text
    assert "Omat tapaamiset" in page
    assert "Pidetty" in section(page, "today-heading")
    coming_up = section(page, "upcoming-heading")
    assert "Peruttu (Asiakas perui)" in coming_up and "Varattu" in coming_up
    assert "Peruttu" not in section(page, "earlier-heading")
    assert "Ei tapaamisia kahden viime viikon aikana." in section(page, "earlier-heading")


def test_a_manager_and_an_auditor_follow_the_projects_sessions_under_that_title(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    book(app, client, 2, note="Luottamuksellinen")
    for reader in ("manager-a", "auditor-a"):
        sign_in(app, reader)
        page = app.get(BASE).text
        assert "<h1>Hankkeen tapaamiset</h1>" in page, reader
        assert "Omat tapaamiset" not in page
        assert "Varattu" in section(page, "upcoming-heading")
    app.cookies.set("duuni_lang", "sv")
    assert "<h1>Projektets möten</h1>" in app.get(BASE).text


def test_session_times_are_written_as_each_language_writes_them(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    session = book(app, client, 1, starts_at="09:05")
    day = TODAY + timedelta(1)

    finnish = app.get(f"{BASE}/sessions/{session}").text
    assert f"{day.day}.{day.month}.{day.year} 9.05" in finnish
    assert "09:05" not in finnish.replace('value="09:05"', "")
    app.cookies.set("duuni_lang", "en")
    english = app.get(BASE).text
    assert "09:05" in section(english, "upcoming-heading")
    assert "9.05" not in english


def test_a_date_typed_the_finnish_way_is_read_as_the_error_message_suggests(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    finnish_day = f"{TODAY.day}.{TODAY.month}.{TODAY.year}"

    held = post(app, f"{BASE}/sessions/new", **session_form(client, action="record",
                                                             held_on=finnish_day))  # fmt: skip

    assert held.status_code == 303, held.text
    refused = post(app, f"{BASE}/sessions/new", **session_form(client, held_on="huomenna"))
    assert "Anna päivämäärä, esim. 23.11.2026." in refused.text
