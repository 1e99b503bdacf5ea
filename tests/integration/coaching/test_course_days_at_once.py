"""Several online-course days at once: on the course page a coach ticks the days a
participant did on one date and saves them together, one event per day; the last day
completes the course; a form with no day ticked, or a day the course does not have,
changes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from tests.integration.coaching.builders import TODAY, coaching_events, enrolled, settle, sign_in

BASE = "/p/A/coaching"


def post(app: TestClient, path: str, data: dict[str, object]) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **data}, follow_redirects=False
    )
    return answer


def _days_done(data_dir: Path, client: str) -> list[int]:
    return sorted(
        int(e.payload["day"])
        for e in coaching_events(data_dir)
        if e.event_type == "coaching.course_day_completed" and e.payload["client_id"] == client
    )


def _completed(data_dir: Path) -> int:
    return sum(e.event_type == "coaching.course_completed" for e in coaching_events(data_dir))


def test_a_coach_marks_several_days_of_a_participant_in_one_form(
    app: TestClient, data_dir: Path
) -> None:
    client, other = enrolled(data_dir), enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    offered = post(app, f"{BASE}/courses", {"title": "VerkkoAgentti", "days": "5"})
    course = offered.headers["location"].split("?")[0]
    on = (TODAY - timedelta(3)).isoformat()
    for who in (client, other):
        post(app, course, {"step": "enrol", "client_id": who, "enrolled_on": on})
    page = app.get(course).text
    assert f'id="day-{client}-5"' in page and "Merkitse päivät suoritetuiksi" in page

    saved = post(app, course, {"step": "day", "client_id": client, "day": ["1", "2", "4"],
                               "completed_on": TODAY.isoformat()})  # fmt: skip

    assert saved.status_code == 303, saved.text
    assert _days_done(data_dir, client) == [1, 2, 4] and _days_done(data_dir, other) == []
    page = app.get(course).text
    assert "3/5 päivää" in page
    assert f'id="day-{client}-1"' not in page and f'id="day-{client}-3"' in page  # done days go

    nothing = post(app, course, {"step": "day", "client_id": client, "completed_on": on})
    assert nothing.status_code == 422 and "Rastita vähintään yksi päivä." in nothing.text
    assert 'id="day-error"' in nothing.text
    beyond = post(app, course, {"step": "day", "client_id": client, "day": ["3", "6"],
                                "completed_on": on})  # fmt: skip
    assert beyond.status_code == 422 and "Kurssilla ei ole tällaista päivää." in beyond.text
    assert _days_done(data_dir, client) == [1, 2, 4]  # not even day 3 of the refused form

    rest = post(app, course, {"step": "day", "client_id": client, "day": ["3", "4", "5"],
                              "completed_on": TODAY.isoformat()})  # fmt: skip
    assert rest.status_code == 303
    assert _days_done(data_dir, client) == [1, 2, 3, 4, 5]  # day 4 again is not twice
    assert _completed(data_dir) == 1
    assert f'id="days-{client}"' not in app.get(course).text  # nothing left to mark
