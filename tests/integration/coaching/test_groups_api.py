"""Group programmes and online courses over the JSON API: one sheet per meeting, no-shows,
the attendance rate, and a course completed day by day."""

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
    settle,
    sign_in,
)

API = "/api/coaching/projects/A"


def a_programme(app: TestClient, headers: dict[str, str]) -> str:
    form = {
        "kind": "job_seekers_group",
        "title": "DuuniKaverit Lohja",
        "municipality": "Lohja",
        "starts_on": (TODAY - timedelta(7)).isoformat(),
        "ends_on": (TODAY + timedelta(14)).isoformat(),
    }
    created = app.post(f"{API}/programmes", json=form, headers=headers)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def a_meeting(app: TestClient, headers: dict[str, str], programme: str, days_ago: int) -> str:
    form = {"held_on": (TODAY - timedelta(days_ago)).isoformat(), "duration_minutes": 180}
    made = app.post(f"{API}/programmes/{programme}/meetings", json=form, headers=headers)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def join(app: TestClient, headers: dict[str, str], programme: str, client: str) -> Any:
    form = {"client_id": client, "joined_on": (TODAY - timedelta(7)).isoformat()}
    return app.post(f"{API}/programmes/{programme}/members", json=form, headers=headers)


def sheet(app: TestClient, headers: dict[str, str], programme: str, meeting: str,
          **marks: str) -> Any:  # fmt: skip
    url = f"{API}/programmes/{programme}/meetings/{meeting}/attendance"
    return app.put(url, json={"marks": marks}, headers=headers)


def test_a_coach_runs_a_group_and_sees_no_shows_and_the_attendance_rate(
    app: TestClient, data_dir: Path
) -> None:
    aino, bertil = enrolled(data_dir), enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    programme = a_programme(app, headers)
    first, second = a_meeting(app, headers, programme, 7), a_meeting(app, headers, programme, 1)
    for client in (aino, bertil):
        assert join(app, headers, programme, client).status_code == 201
    assert (
        sheet(app, headers, programme, first, **{aino: "present", bertil: "absent"}).json()[
            "recorded"
        ]
        == 2
    )
    again = sheet(app, headers, programme, first, **{aino: "present", bertil: "absent"})
    assert again.json()["recorded"] == 0
    sheet(app, headers, programme, second, **{aino: "present", bertil: "excused"})

    shown = app.get(f"{API}/programmes/{programme}").json()
    assert shown["no_shows"] == {bertil: 1}
    assert shown["meetings"][0]["marks"] == {aino: "present", bertil: "absent"}
    [listed] = app.get(f"{API}/programmes").json()
    assert (listed["members"], listed["attendance_rate"], listed["no_shows"]) == (2, 0.5, 1)
    marks = [e for e in coaching_events(data_dir) if e.event_type.endswith("attendance_recorded")]
    assert len(marks) == 4
    assert {e.payload["duration_minutes"] for e in marks} == {180}


def test_an_exited_client_cannot_join_a_group(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    exited(data_dir, client)
    settle(app)
    headers = sign_in(app, "coach-a")
    refused = join(app, headers, a_programme(app, headers), client)
    assert refused.status_code == 422
    assert refused.json()["code"] == "client_not_active"


def test_a_mark_for_a_stranger_stores_nothing(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    programme = a_programme(app, headers)
    meeting = a_meeting(app, headers, programme, 1)
    join(app, headers, programme, client)
    before = len(coaching_events(data_dir))
    refused = sheet(app, headers, programme, meeting, **{client: "present", "nobody": "absent"})
    assert refused.status_code == 422
    problem = refused.json()
    assert (problem["code"], problem["field"]) == ("not_in_programme", "marks")
    assert len(coaching_events(data_dir)) == before


def test_another_projects_programme_is_not_found_and_auditors_cannot_mark(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    programme = a_programme(app, headers)
    meeting = a_meeting(app, headers, programme, 1)
    join(app, headers, programme, client)
    sign_in(app, "coach-b")
    assert app.get(f"{API}/programmes/{programme}").status_code == 404
    assert app.get(f"/api/coaching/projects/B/programmes/{programme}").status_code == 404
    auditor = sign_in(app, "auditor-a")
    assert app.get(f"{API}/programmes/{programme}").status_code == 200
    assert sheet(app, auditor, programme, meeting, **{client: "present"}).status_code == 403


def test_an_online_course_is_completed_when_its_last_day_is_done(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    headers = sign_in(app, "coach-a")
    course = app.post(f"{API}/courses", json={"title": "VerkkoAgentti", "days": 2},
                      headers=headers).json()["id"]  # fmt: skip
    enrol = {"client_id": client, "enrolled_on": (TODAY - timedelta(3)).isoformat()}
    assert app.post(f"{API}/courses/{course}/participants", json=enrol,
                    headers=headers).status_code == 201  # fmt: skip
    url = f"{API}/courses/{course}/participants/{client}/days"
    for day in (2, 1):
        done = {"day": day, "completed_on": (TODAY - timedelta(day)).isoformat()}
        assert app.post(url, json=done, headers=headers).status_code == 200
    [participant] = app.get(f"{API}/courses/{course}").json()["participants"]
    assert participant["days_done"] == [1, 2]
    assert participant["completed_on"] == (TODAY - timedelta(1)).isoformat()
    types = [e.event_type for e in coaching_events(data_dir)]
    assert types[-2:] == ["coaching.course_day_completed", "coaching.course_completed"]
