"""Recurring group meetings over HTTP: "weekly for N weeks" and the three-week group
pattern (three meetings a week for three weeks) each create their meetings in one form,
one event per meeting; a pattern with a day the coach already has a session or a group
meeting on is refused whole, with the clash named (a single day is hers to choose)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from services.coaching.domain.errors import DomainError
from services.coaching.domain.programmes import Repeat, meeting_days
from tests.integration.coaching.builders import TODAY, coaching_events, enrolled, settle, user_id
from tests.integration.coaching.builders import sign_in as sign_in_as
from tests.integration.coaching.day_builders import post
from tests.integration.coaching.test_session_pages import book

BASE = "/p/A/coaching"
MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())
"""Next week's Monday."""


def sign_in(app: TestClient, username: str, language: str = "en") -> None:
    sign_in_as(app, username)
    app.cookies.set("duuni_lang", language)


def _programme(app: TestClient, title: str) -> str:
    planned = post(
        app, f"{BASE}/programmes", title=title, kind="job_seekers_group", municipality="Lohja",
        starts_on=TODAY.isoformat(), ends_on=(TODAY + timedelta(60)).isoformat(),
    )  # fmt: skip
    assert planned.status_code == 303, planned.text
    return str(planned.headers["location"].split("?")[0])


def _meeting_days(data_dir: Path) -> list[date]:
    """The days of the meetings recorded, one event per meeting."""
    return sorted(
        date.fromisoformat(str(e.payload["held_on"]))
        for e in coaching_events(data_dir)
        if e.event_type == "coaching.meeting_scheduled"
    )


def test_the_patterns_give_the_days_a_coach_expects() -> None:
    assert meeting_days(MONDAY, Repeat.ONCE) == [MONDAY]
    assert meeting_days(MONDAY, Repeat.WEEKLY, 3) == [MONDAY + timedelta(w * 7) for w in range(3)]
    three = meeting_days(MONDAY, Repeat.THREE_WEEKS)
    assert len(three) == 9
    assert [d.weekday() for d in three] == [0, 2, 4] * 3
    assert three[-1] == MONDAY + timedelta(18)
    for bad, field in (((MONDAY + timedelta(1), Repeat.THREE_WEEKS, 1), "held_on"),
                       ((MONDAY, Repeat.WEEKLY, 0), "weeks"),
                       ((MONDAY, Repeat.WEEKLY, 53), "weeks")):  # fmt: skip
        try:
            meeting_days(*bad)
        except DomainError as refused:
            assert refused.field == field
        else:
            raise AssertionError(bad)


def test_weekly_and_three_week_patterns_schedule_every_meeting_in_one_form(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    weekly = _programme(app, "Työnhakupäivä")
    answer = post(app, f"{weekly}/meetings", held_on=(MONDAY + timedelta(1)).isoformat(),
                  duration_minutes="240", repeat="weekly", weeks="4")  # fmt: skip
    assert answer.status_code == 303, answer.text
    assert "The meetings were added." in app.get(answer.headers["location"]).text
    group = _programme(app, "DuuniKaverit Lohja")
    answer = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), duration_minutes="180",
                  repeat="three_weeks", weeks="")  # fmt: skip
    assert answer.status_code == 303, answer.text

    tuesdays = [MONDAY + timedelta(1 + 7 * w) for w in range(4)]
    three_weeks = [MONDAY + timedelta(7 * w + d) for w in range(3) for d in (0, 2, 4)]
    assert _meeting_days(data_dir) == sorted(tuesdays + three_weeks)  # one event each
    page = app.get(group).text
    assert len(re.findall(r"<th scope=\"row\">", page.split('id="members-heading"')[0])) == 9
    settle(app)
    week = app.get(f"{BASE}/calendar", params={"week": MONDAY.isoformat()}).text
    assert week.count("DuuniKaverit Lohja") == 3 and week.count("Työnhakupäivä") == 1


def test_a_meeting_day_the_coach_is_busy_is_refused_whole_with_the_clash_named(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "coach-a")
    client = enrolled(data_dir, coach_id=user_id(app))
    settle(app)
    wednesday = MONDAY + timedelta(9)  # the second week's Wednesday
    session = book(app, client, (wednesday - TODAY).days, starts_at="10:00")
    weekly = _programme(app, "Työnhakupäivä")
    post(app, f"{weekly}/meetings", held_on=(MONDAY + timedelta(4)).isoformat(),
         duration_minutes="240", repeat="once")  # fmt: skip
    settle(app)
    before = _meeting_days(data_dir)
    group = _programme(app, "DuuniKaverit Lohja")

    refused = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), duration_minutes="180",
                   repeat="three_weeks")  # fmt: skip

    assert refused.status_code == 422
    assert "The coach already has something booked on a meeting day." in refused.text
    named = refused.text[refused.text.index('id="clashes"') :]
    named = named[: named.index("</div>")]
    assert f"{BASE}/sessions/{session}" in named  # the session, by its time
    assert "Työnhakupäivä" in named and weekly.rsplit("/", 1)[1] in named  # the other group
    assert re.search(r'value="three_weeks"\s+checked', refused.text)  # the form keeps it
    assert _meeting_days(data_dir) == before  # nothing of the pattern was scheduled

    sign_in(app, "coach-a", "fi")
    weekend = post(app, f"{group}/meetings", held_on=(MONDAY + timedelta(1)).isoformat(),
                   duration_minutes="180", repeat="three_weeks")  # fmt: skip
    assert weekend.status_code == 422 and 'id="held_on-error"' in weekend.text
    assert "maanantaina" in weekend.text
    too_many = post(app, f"{group}/meetings", held_on=MONDAY.isoformat(),
                    duration_minutes="180", repeat="weekly", weeks="60")  # fmt: skip
    assert too_many.status_code == 422 and 'id="weeks-error"' in too_many.text
    assert _meeting_days(data_dir) == before

    later = post(app, f"{group}/meetings", held_on=(MONDAY + timedelta(21)).isoformat(),
                 duration_minutes="180", repeat="three_weeks")  # fmt: skip
    assert later.status_code == 303, later.text
    assert len(_meeting_days(data_dir)) == len(before) + 9
    one = post(app, f"{group}/meetings", held_on=wednesday.isoformat(), duration_minutes="90")
    assert one.status_code == 303  # a single day is the coach's own choice, her day in view


def test_the_json_api_schedules_a_pattern_and_refuses_a_clash_the_same_way(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in_as(app, "coach-a")
    api = "/api/coaching/projects/A/programmes"
    form = {
        "kind": "job_seekers_group", "title": "DuuniKaverit", "municipality": "Lohja",
        "starts_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(60)).isoformat(),
    }  # fmt: skip
    programme = app.post(api, json=form, headers=headers).json()["id"]
    url = f"{api}/{programme}/meetings"
    weekly = {"held_on": MONDAY.isoformat(), "duration_minutes": 120, "repeat": "weekly",
              "weeks": 2}  # fmt: skip

    made = app.post(url, json=weekly, headers=headers)
    assert made.status_code == 201, made.text
    assert _meeting_days(data_dir) == [MONDAY, MONDAY + timedelta(7)]
    settle(app)
    clash = app.post(url, json={**weekly, "repeat": "three_weeks"}, headers=headers)
    assert clash.status_code == 422 and clash.json()["code"] == "clash_meeting_day"
    assert len(_meeting_days(data_dir)) == 2
