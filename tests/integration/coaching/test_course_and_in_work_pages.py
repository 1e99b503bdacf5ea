"""The online-course and in-work coaching pages: a course completed day by day, and an
in-work plan started with an employer from matching and ended with its follow-on."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from tests.integration.coaching.builders import TODAY, company, enrolled, settle, sign_in

BASE = "/p/A/coaching"


def post(app: TestClient, path: str, **form: str) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **form}, follow_redirects=False
    )
    return answer


def test_a_course_is_completed_day_by_day_on_its_page(app: TestClient, data_dir: Path) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    offered = post(app, f"{BASE}/courses", title="VerkkoAgentti", days="2")
    assert offered.status_code == 303, offered.text
    course_url = offered.headers["location"].split("?")[0]
    day_on = (TODAY - timedelta(1)).isoformat()
    steps = [
        {"step": "enrol", "client_id": client, "enrolled_on": day_on},
        {"step": "day", "client_id": client, "day": "2", "completed_on": day_on},
        {"step": "day", "client_id": client, "day": "1", "completed_on": TODAY.isoformat()},
    ]
    for step in steps:
        assert post(app, course_url, **step).status_code == 303
    page = app.get(course_url).text
    assert "2/2 päivää" in page
    assert "Merkitse suoritetuksi" not in page
    too_far = post(app, course_url, step="day", client_id=client, day="3",
                   completed_on=day_on)  # fmt: skip
    assert too_far.status_code == 422


def test_in_work_coaching_runs_with_an_employer_from_matching(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    employer = company(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    plan_page = app.get(f"{BASE}/clients/{client}").text
    assert "Lohjan Konepaja Oy" in plan_page
    started = post(app, f"{BASE}/clients/{client}/in-work", company_id=employer,
                   started_on=(TODAY - timedelta(30)).isoformat())  # fmt: skip
    assert started.status_code == 303, started.text
    in_work_url = started.headers["location"].split("?")[0]
    assert re.fullmatch(rf"{BASE}/in-work/[0-9a-f-]+", in_work_url)
    late = post(app, in_work_url, step="review", progress="on_track",
                reviewed_on=(TODAY - timedelta(31)).isoformat())  # fmt: skip
    assert late.status_code == 422 and "ennen työssävalmennuksen alkua" in late.text
    demonstration = {"step": "demonstration", "result": "passed", "held_on": TODAY.isoformat()}
    assert post(app, in_work_url, **demonstration).status_code == 303
    ended = post(app, f"{in_work_url}/end", follow_on="continued_employment",
                 ended_on=TODAY.isoformat(), confirm="yes")  # fmt: skip
    assert ended.status_code == 303
    page = app.get(in_work_url).text
    assert "Hyväksytty" in page and "Jatkaa työssä" in page and "Lohjan Konepaja Oy" in page
    assert "Päätä työssävalmennus" not in page
