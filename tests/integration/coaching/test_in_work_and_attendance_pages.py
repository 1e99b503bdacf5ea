"""In-work coaching in words: joint goals have their text, ending the plan asks for the
follow-on plan and a confirmation. A meeting says how much of its attendance is taken."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from tests.integration.coaching.builders import TODAY, company, enrolled, settle, sign_in

BASE = "/p/A/coaching"
API = "/api/coaching/projects/A"


def post(app: TestClient, path: str, **form: str) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **form}, follow_redirects=False
    )
    return answer


def in_work_plan(app: TestClient, data_dir: Path) -> str:
    client, employer = enrolled(data_dir), company(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    started = post(app, f"{BASE}/clients/{client}/in-work", company_id=employer,
                   started_on=(TODAY - timedelta(30)).isoformat())  # fmt: skip
    assert started.status_code == 303, started.text
    return started.headers["location"].split("?")[0]


def test_a_joint_goal_is_agreed_in_words_that_only_coaches_and_managers_read(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    goal = {"step": "goal", "text": "Oppii kassajärjestelmän itsenäisesti", "area": "skills",
            "target_date": (TODAY + timedelta(30)).isoformat(), "agreed_on": TODAY.isoformat(),
            "submission_id": "joint-goal-1"}  # fmt: skip
    for _ in range(2):  # sent twice, agreed once
        assert post(app, plan, **goal).status_code == 303

    page = app.get(plan).text
    assert page.count("Oppii kassajärjestelmän itsenäisesti") == 1
    assert "Alue: Osaaminen, tavoitepäivä" in page
    plan_id = plan.rsplit("/", 1)[1]
    [agreed] = app.get(f"{API}/in-work-plans/{plan_id}").json()["goals"]
    assert agreed["text"] == "Oppii kassajärjestelmän itsenäisesti"
    sign_in(app, "auditor-a")
    audited = app.get(plan).text
    assert "kassajärjestelmän" not in audited and "Alue: Osaaminen" in audited
    assert "text" not in app.get(f"{API}/in-work-plans/{plan_id}").json()["goals"][0]


def test_ending_asks_for_the_follow_on_plan_and_a_confirmation(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    assert "Päätä työssävalmennus</button>" not in app.get(plan).text  # not one click away
    confirm_page = app.get(f"{plan}/end").text
    assert 'name="confirm"' in confirm_page and 'name="follow_on"' in confirm_page

    unconfirmed = post(app, f"{plan}/end", follow_on="continued_employment",
                       ended_on=TODAY.isoformat())  # fmt: skip
    assert unconfirmed.status_code == 422
    assert 'href="#confirm"' in unconfirmed.text
    assert "Vahvista rastittamalla, että työssävalmennus päättyy." in unconfirmed.text
    no_choice = post(app, f"{plan}/end", ended_on=TODAY.isoformat(), confirm="yes")
    assert no_choice.status_code == 422 and 'href="#follow_on"' in no_choice.text
    assert "Päättyi" not in app.get(plan).text  # nothing was ended

    ended = post(
        app, f"{plan}/end", follow_on="continued_employment", confirm="yes",
        ended_on=TODAY.isoformat(), follow_on_text="Vakituinen työsopimus 1.3. alkaen",
    )  # fmt: skip
    assert ended.status_code == 303
    shown = app.get(ended.headers["location"]).text
    assert "Työssävalmennus päätettiin ja jatkopolku kirjattiin." in shown
    assert "Jatkaa työssä: Vakituinen työsopimus 1.3. alkaen" in shown
    app.cookies.set("duuni_lang", "sv")
    assert "Arbetsplatscoachning" in app.get(plan).text


def test_a_meeting_says_for_how_many_of_its_members_attendance_is_taken(
    app: TestClient, data_dir: Path
) -> None:
    members = [enrolled(data_dir) for _ in range(3)]
    settle(app)
    sign_in(app, "coach-a")
    planned = post(
        app, f"{BASE}/programmes", title="DuuniKaverit", kind="job_seekers_group",
        municipality="Lohja", starts_on=(TODAY - timedelta(7)).isoformat(),
        ends_on=(TODAY + timedelta(14)).isoformat(),
    )  # fmt: skip
    programme = planned.headers["location"].split("?")[0]
    post(app, f"{programme}/meetings", held_on=(TODAY - timedelta(1)).isoformat(),
         duration_minutes="180")  # fmt: skip
    for client in members:
        post(app, f"{programme}/members", client_id=client,
             joined_on=(TODAY - timedelta(7)).isoformat())  # fmt: skip
    page = app.get(programme).text
    assert "Läsnäoloja ei ole merkitty" in page
    [sheet] = re.findall(r'href="([^"]+/meetings/[^"]+)"', page)

    post(app, sheet, **{f"mark-{members[0]}": "present"})
    partly = app.get(programme).text
    assert "Läsnäolo merkitty 1/3 osallistujalle" in partly and "Täydennä lista" in partly
    assert "Läsnäolo merkitty 1/3 osallistujalle" in app.get(sheet).text
    post(app, sheet, **{f"mark-{c}": "absent" for c in members})
    assert "Läsnäolo merkitty kaikille 3 osallistujalle" in app.get(programme).text
