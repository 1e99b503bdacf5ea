"""Group meetings with a start time, and colleagues by name in the calendar's filter.

A meeting scheduled with an hour shows at that hour in the week, on the programme's page,
in the JSON API and in the calendar feed as a timed event, and clashes only with what
overlaps it; one without an hour stays a whole day. The calendar's colleague filter names
colleagues by the display name intake knows, never by a code when intake answers."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.accounts import create_user
from shared.eventlog.sql import open_database
from tests.integration.coaching.builders import (
    PASSWORD,
    TODAY,
    coaching_events,
    enrolled,
    settle,
    user_id,
)
from tests.integration.coaching.builders import sign_in as sign_in_as
from tests.integration.coaching.day_builders import post
from tests.integration.coaching.test_calendar_and_feed import BASE, sign_in
from tests.integration.coaching.test_recurring_meetings import MONDAY, _programme
from tests.integration.coaching.test_session_pages import book
from tests.integration.intake.builders import CHEAP_HASHER

API = "/api/coaching/projects/A"
HELSINKI = ZoneInfo("Europe/Helsinki")


def _utc(day_and_hour: str) -> str:
    """``YYYY-MM-DD HH:MM`` in Helsinki as the feed writes it, in UTC."""
    moment = datetime.fromisoformat(day_and_hour).replace(tzinfo=HELSINKI)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def test_a_meeting_with_an_hour_is_timed_everywhere_and_one_without_stays_all_day(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    group = _programme(app, "Työnhakupäivä")
    timed = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), starts_at="10:00",
                 duration_minutes="90")  # fmt: skip
    assert timed.status_code == 303, timed.text
    tuesday = MONDAY + timedelta(1)
    whole = post(app, f"{group}/meetings", held_on=tuesday.isoformat(), duration_minutes="120")
    assert whole.status_code == 303, whole.text
    settle(app)

    payloads = [e.payload for e in coaching_events(data_dir)
                if e.event_type == "coaching.meeting_scheduled"]  # fmt: skip
    assert sorted(str(p.get("starts_at")) for p in payloads) == ["10:00:00", "None"]

    week = app.get(f"{BASE}/calendar", params={"week": MONDAY.isoformat()}).text
    assert "10:00–11:30 Group meeting: Työnhakupäivä" in week
    assert week.count("Group meeting: Työnhakupäivä") == 2  # the whole day without an hour
    page = app.get(group).text
    assert "10:00" in page and "All day" in page
    assert 'name="starts_at"' in page and 'type="time"' in page

    made = post(app, f"{BASE}/calendar/feed")
    [address] = re.findall(r'<code class="feed-address">([^<]+)</code>', made.text)
    body = app.get(address.replace("http://testserver", "")).text
    assert f"DTSTART:{_utc(f'{MONDAY.isoformat()} 10:00')}" in body
    assert f"DTEND:{_utc(f'{MONDAY.isoformat()} 11:30')}" in body
    assert f"DTSTART;VALUE=DATE:{tuesday.strftime('%Y%m%d')}" in body


def test_the_json_api_takes_and_answers_the_hour(app: TestClient, data_dir: Path) -> None:
    headers = sign_in_as(app, "coach-a")
    form = {
        "kind": "job_seekers_group",
        "title": "Aamuryhmä",
        "municipality": "Lohja",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(30)).isoformat(),
    }
    programme = app.post(f"{API}/programmes", json=form, headers=headers).json()["id"]
    meetings = f"{API}/programmes/{programme}/meetings"
    day = (TODAY + timedelta(3)).isoformat()
    one = {"held_on": day, "duration_minutes": 60, "starts_at": "08:15"}
    assert app.post(meetings, json=one, headers=headers).status_code == 201
    bad = {"held_on": day, "duration_minutes": 60, "starts_at": "25:99"}
    assert app.post(meetings, json=bad, headers=headers).status_code == 422
    plain = {"held_on": (TODAY + timedelta(4)).isoformat(), "duration_minutes": 60}
    assert app.post(meetings, json=plain, headers=headers).status_code == 201
    shown = app.get(f"{API}/programmes/{programme}").json()["meetings"]
    assert [m["starts_at"] for m in shown] == ["08:15:00", None]


def test_a_timed_meeting_clashes_only_with_what_overlaps_it(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    me = user_id(app)
    client = enrolled(data_dir, coach_id=me)
    settle(app)
    book(app, client, (MONDAY - TODAY).days, starts_at="09:00")  # 09:00–09:45 on Monday
    group = _programme(app, "Iltapäiväryhmä")

    before = len(coaching_events(data_dir))
    clash = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), starts_at="09:30",
                 duration_minutes="60")  # fmt: skip
    assert clash.status_code == 422
    assert "The coach already has something booked on a meeting day." in clash.text
    assert 'id="clashes"' in clash.text and "09:00" in clash.text.split('id="clashes"')[1]
    assert len(coaching_events(data_dir)) == before  # refused whole: nothing recorded
    bad = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), starts_at="nine",
               duration_minutes="60")  # fmt: skip
    assert bad.status_code == 422 and len(coaching_events(data_dir)) == before

    weekly = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), starts_at="13:00",
                  duration_minutes="120", repeat="weekly", weeks="2")  # fmt: skip
    assert weekly.status_code == 303, weekly.text  # the morning session is no clash at 13:00
    settle(app)
    again = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), starts_at="14:00",
                 duration_minutes="30")  # fmt: skip
    assert again.status_code == 422  # overlaps the 13:00 meeting
    untimed = post(app, f"{group}/meetings", held_on=(MONDAY + timedelta(14)).isoformat(),
                   duration_minutes="60", repeat="weekly", weeks="1")  # fmt: skip
    assert untimed.status_code == 303, untimed.text


def test_the_calendar_names_colleagues_by_their_display_names(
    app: TestClient, data_dir: Path
) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    try:
        colleague = create_user(
            SqlAccountStore(db), username="vv", password=PASSWORD, roles=["coach"],
            projects=["A"], display_name="Veera Virtanen", hasher=CHEAP_HASHER,
        )  # fmt: skip
    finally:
        db.dispose()
    enrolled(data_dir, coach_id=colleague.id)
    sign_in(app, "coach-a")
    settle(app)
    page = app.get(f"{BASE}/calendar").text
    assert f'<option value="{colleague.id}" >Veera Virtanen</option>' in page
    assert "Colleague " + colleague.id[-6:] not in page
    chosen = app.get(f"{BASE}/calendar", params={"who": colleague.id}).text
    assert f'<option value="{colleague.id}" selected>Veera Virtanen</option>' in chosen
