"""The calendar over HTTP: a week of sessions and group meetings (mine, a colleague's or
the project's), moving a booked session with the clash named, and the calendar feed
behind a secret, revocable address that carries no client's name."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from services.coaching.adapters.day_tables import calendar_feeds
from services.coaching.config import CoachingSettings
from services.coaching.entrypoints.naming import client_code
from shared.eventlog.sql import open_database
from tests.integration.coaching.builders import TODAY, coaching_events, enrolled, settle, user_id
from tests.integration.coaching.builders import sign_in as sign_in_as
from tests.integration.coaching.day_builders import post
from tests.integration.coaching.test_session_pages import book

BASE = "/p/A/coaching"


def sign_in(app: TestClient, username: str) -> None:
    sign_in_as(app, username)
    app.cookies.set("duuni_lang", "en")


def sessions_in(page: str) -> int:
    """How many sessions the page links to."""
    return len(re.findall(rf"{BASE}/sessions/[0-9a-f]{{8}}-", page))


def kept_secrets(data_dir: Path) -> list[str]:
    """What coaching keeps of the feeds' secrets: their hashes, never the secrets."""
    db = open_database(CoachingSettings(data_dir=data_dir).resolved_database_url())
    try:
        with db.read() as conn:
            return [row[0] for row in conn.execute(select(calendar_feeds.c.token_hash))]
    finally:
        db.dispose()


def monday_of(offset: int) -> str:
    day = TODAY + timedelta(offset)
    return (day - timedelta(day.weekday())).isoformat()


def test_the_week_shows_my_sessions_on_their_days_and_the_project_shows_everyones(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    mine = enrolled(data_dir, coach_id=me)
    theirs = enrolled(data_dir, coach_id="coach-x")
    settle(app)
    session = book(app, mine, 7, starts_at="13:15")
    book(app, theirs, 7, starts_at="15:00")

    week = app.get(f"{BASE}/calendar", params={"week": (TODAY + timedelta(7)).isoformat()})
    assert week.status_code == 200
    assert f"{BASE}/sessions/{session}" in week.text
    assert "13:15–14:00" in week.text
    assert sessions_in(week.text) == 2  # the other coach's client, booked by me
    empty = app.get(f"{BASE}/calendar", params={"week": monday_of(21)}).text
    assert "Nothing booked this week." in empty

    sign_in(app, "manager-a")
    project = app.get(f"{BASE}/calendar", params={"week": monday_of(7)}).text
    assert sessions_in(project) == 2
    chosen = app.get(f"{BASE}/calendar", params={"week": monday_of(7), "who": me}).text
    assert sessions_in(chosen) == 2 and "selected>coach-a" in chosen  # by display name
    sign_in(app, "auditor-a")
    assert app.get(f"{BASE}/calendar").status_code == 200
    sign_in(app, "coach-b")
    assert app.get(f"{BASE}/calendar").status_code == 404


def test_moving_a_session_onto_a_busy_time_names_the_clash_and_changes_nothing(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    first, second = enrolled(data_dir, coach_id=me), enrolled(data_dir, coach_id=me)
    settle(app)
    busy = book(app, first, 3, starts_at="10:00")
    moving = book(app, second, 4, starts_at="12:00")
    day = (TODAY + timedelta(3)).isoformat()

    clash = post(app, f"{BASE}/sessions/{moving}/move", held_on=day, starts_at="10:30",
                 duration_minutes="45")  # fmt: skip
    assert clash.status_code == 422
    assert "The coach has another session at that time." in clash.text
    named = clash.text[clash.text.index('id="clashes"') :]
    assert f"{BASE}/sessions/{busy}" in named[: named.index("</div>")]
    assert not [e for e in coaching_events(data_dir) if e.event_type == "coaching.session_moved"]

    app.cookies.set("duuni_lang", "fi")
    past = post(app, f"{BASE}/sessions/{moving}/move", starts_at="10:30", duration_minutes="45",
                held_on=(TODAY - timedelta(1)).isoformat())  # fmt: skip
    assert past.status_code == 422 and 'id="held_on-error"' in past.text
    app.cookies.set("duuni_lang", "en")

    moved = post(app, f"{BASE}/sessions/{moving}/move", held_on=day, starts_at="10:45",
                 duration_minutes="30")  # back to back: no clash  # fmt: skip
    assert moved.status_code == 303, moved.text
    page = app.get(moved.headers["location"]).text
    assert "The session was moved." in page
    [event] = [e for e in coaching_events(data_dir) if e.event_type == "coaching.session_moved"]
    assert event.payload["held_on"] == day and event.payload["starts_at"].startswith("10:45")
    week = app.get(f"{BASE}/calendar", params={"week": day}).text
    assert "10:45–11:15" in week


def test_the_feed_is_secret_revocable_and_names_no_client(app: TestClient, data_dir: Path) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    settle(app)
    book(app, client, 2, starts_at="09:30")

    assert "You have no feed yet." in app.get(f"{BASE}/calendar/feed").text
    made = post(app, f"{BASE}/calendar/feed")
    assert made.status_code == 200, made.text
    [address] = re.findall(r'<code class="feed-address">([^<]+)</code>', made.text)
    path = address.replace("http://testserver", "")
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 40

    app.cookies.clear()  # Outlook signs in to nothing
    feed = app.get(path)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    body = feed.text
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    start = (TODAY + timedelta(2)).strftime("%Y%m%d")
    assert re.search(rf"DTSTART:{start}T0[67]3000Z", body)  # 09:30 in Helsinki, in UTC
    assert client_code(client) in body and "LOCATION:" in body
    assert client not in body  # the short reference only, never the id in full

    assert kept_secrets(data_dir) == [hashlib.sha256(token.encode()).hexdigest()]
    sign_in(app, "coach-a")
    again = post(app, f"{BASE}/calendar/feed")
    [new_address] = re.findall(r'<code class="feed-address">([^<]+)</code>', again.text)
    assert app.get(path).status_code == 404  # a new address stops the old
    new_path = new_address.replace("http://testserver", "")
    assert app.get(new_path).status_code == 200
    stopped = post(app, f"{BASE}/calendar/feed/revoke")
    assert stopped.status_code == 303
    assert app.get(new_path).status_code == 404
    assert app.get(new_path.replace("/p/A/", "/p/B/")).status_code == 404
    sign_in(app, "auditor-a")
    assert post(app, f"{BASE}/calendar/feed").status_code == 403
