"""Employer forms by link: the coach makes a link, the employer's contact person sends the
form without an account, and it is recorded only once the coach confirms it. A link that
expired, was used or was revoked is refused with one page, in the recipient's language."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import update

from services.coaching.adapters.employer_forms import links
from services.coaching.config import CoachingSettings
from shared.eventlog.sql import open_database
from tests.integration.coaching.builders import (
    TODAY,
    coaching_events,
    company,
    enrolled,
    settle,
    sign_in,
    user_id,
)

BASE = "/p/A/coaching"
UNKNOWN_FI = "Linkki ei toimi"


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
    started = post(
        app,
        f"{BASE}/clients/{client}/in-work",
        company_id=employer,
        started_on=(TODAY - timedelta(30)).isoformat(),
    )
    assert started.status_code == 303, started.text
    return started.headers["location"].split("?")[0]


def make_link(app: TestClient, plan: str, form: str, language: str = "fi") -> str:
    made = post(
        app,
        f"{plan}/links",
        recipient="Anna Berg",
        form=form,
        language=language,
        valid_days="14",
        submission_id=f"link-{form}-{language}",
    )
    assert made.status_code == 200, made.text
    [address] = re.findall(r'value="(http://testserver/e/[^"]+)"', made.text)
    return address.removeprefix("http://testserver")


def as_employer(app: TestClient) -> None:
    app.cookies.clear()


DEMONSTRATION = {
    "held_on": TODAY.isoformat(),
    "tasks": "Kassatyöt ja hyllytys iltavuorossa",
    "score_work_tasks": "4",
    "score_cooperation": "5",
    "result": "passed",
    "comment": "Hoiti asiakaspalvelun itsenäisesti",
}


def test_an_employer_assesses_a_demonstration_and_the_coach_confirms_it(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    coach = user_id(app)
    address = make_link(app, plan, "demonstration", language="sv")

    as_employer(app)
    page = app.get(address)
    assert page.status_code == 200 and 'lang="sv"' in page.text
    assert "Bedömning av arbetsprovet" in page.text
    no_tasks = app.post(address, data={**DEMONSTRATION, "tasks": ""})
    assert no_tasks.status_code == 422 and 'href="#tasks"' in no_tasks.text
    sent = app.post(address, data=DEMONSTRATION)
    assert sent.status_code == 200 and "Tack" in sent.text
    again = app.post(address, data=DEMONSTRATION)
    assert again.status_code == 410 and "Blanketten har redan skickats" in again.text

    types = [e.event_type for e in coaching_events(data_dir)]
    assert "coaching.employer_form_submitted" in types
    assert "coaching.work_demonstration_recorded" not in types  # a proposal, not the record

    sign_in(app, "coach-a")
    in_work = app.get(plan).text
    [review] = re.findall(rf'href="({plan}/links/[^"]+)"', in_work)
    proposal = app.get(review).text
    assert "Kassatyöt ja hyllytys iltavuorossa" in proposal and "Anna Berg" in proposal
    confirmed = post(app, f"{review}/confirm")
    assert confirmed.status_code == 303, confirmed.text
    shown = app.get(plan).text
    assert "Hyväksytty" in shown  # the demonstration's result on the plan
    assert "Työtehtävien hallinta: 4 – kiitettävä" in shown
    assert post(app, f"{review}/confirm").status_code == 422  # confirmed once

    events = [e for e in coaching_events(data_dir) if e.event_type.startswith("coaching.")]
    by_type = {e.event_type: e for e in events}
    said = by_type["coaching.employer_form_confirmed"].payload
    assert said["confirmed_by"] == coach and said["form"] == "demonstration"
    assert by_type["coaching.employer_form_confirmed"].actor == coach
    link_id = said["link_id"]
    assert by_type["coaching.employer_form_submitted"].actor == link_id  # entered by link
    assessed = by_type["coaching.work_demonstration_assessed"].payload
    assert assessed["work_tasks"] == 4 and assessed["cooperation"] == 5
    assert assessed["independence"] is None
    recorded = by_type["coaching.work_demonstration_recorded"].payload
    assert recorded["result"] == "passed"
    everything = " ".join(json.dumps(e.payload) for e in events)
    assert "Kassatyöt" not in everything and "Anna Berg" not in everything


def test_joint_goals_by_link_are_agreed_and_assessed_once_confirmed(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    address = make_link(app, plan, "goals")
    as_employer(app)
    target = (TODAY + timedelta(60)).isoformat()
    assert app.post(address, data={"on": TODAY.isoformat()}).status_code == 422  # nothing
    sent = app.post(
        address,
        data={
            "on": TODAY.isoformat(),
            "goal_text_0": "Oppii trukin ajon",
            "goal_area_0": "skills",
            "goal_target_0": target,
        },
    )
    assert sent.status_code == 200, sent.text

    sign_in(app, "coach-a")
    [review] = re.findall(rf'href="({plan}/links/[^"]+)"', app.get(plan).text)
    assert post(app, f"{review}/confirm").status_code == 303
    page = app.get(plan).text
    assert "Oppii trukin ajon" in page

    second = make_link(app, plan, "goals")
    as_employer(app)
    form = app.get(second).text
    [field] = re.findall(r'name="(attainment_[^"]+)"', form)
    assert app.post(second, data={"on": TODAY.isoformat(), field: "partly"}).status_code == 200
    sign_in(app, "coach-a")
    [review] = re.findall(rf'href="({plan}/links/[^"]+)"', app.get(plan).text)
    assert post(app, f"{review}/confirm").status_code == 303
    [assessed] = [
        e.payload
        for e in coaching_events(data_dir)
        if e.event_type == "coaching.in_work_goal_assessed"
    ]
    assert assessed["attainment"] == "partly"
    assert "Oppii trukin ajon: Osittain saavutettu" in app.get(plan).text


def test_a_follow_on_plan_by_link_ends_the_coaching_once_confirmed_and_a_rejected_one_not(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    rejected_address = make_link(app, plan, "follow_on")
    as_employer(app)
    form = {"follow_on": "new_contract", "starts_on": TODAY.isoformat()}
    assert app.post(rejected_address, data=form).status_code == 200
    sign_in(app, "coach-a")
    [review] = re.findall(rf'href="({plan}/links/[^"]+)"', app.get(plan).text)
    assert post(app, f"{review}/reject").status_code == 303
    assert "Päättyi" not in app.get(plan).text

    address = make_link(app, plan, "follow_on")
    as_employer(app)
    assert app.post(address, data=form).status_code == 200
    sign_in(app, "coach-a")
    [review] = re.findall(rf'href="({plan}/links/[^"]+)"', app.get(plan).text)
    assert post(app, f"{review}/confirm").status_code == 303
    assert "Päättyi" in app.get(plan).text
    types = [e.event_type for e in coaching_events(data_dir)]
    assert types.count("coaching.employer_form_rejected") == 1
    assert types.count("coaching.in_work_coaching_ended") == 1


def test_expired_revoked_used_and_unknown_links_are_refused_alike(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    expired, revoked = make_link(app, plan, "goals"), make_link(app, plan, "demonstration")
    db = open_database(CoachingSettings(data_dir=data_dir).resolved_database_url())
    with db.engine.begin() as conn:
        conn.execute(
            update(links)
            .where(links.c.purpose == "employer.goals")
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    db.dispose()
    page = app.get(f"{plan}/links").text
    [link_id] = re.findall(rf'action="{plan}/links/([^"/]+)/revoke"', page)
    assert post(app, f"{plan}/links/{link_id}/revoke").status_code == 303
    assert "Vanhentunut" in app.get(f"{plan}/links").text

    as_employer(app)
    assert "Linkki on vanhentunut" in app.get(expired).text
    assert "Linkki ei ole enää käytössä" in app.get(revoked).text
    assert {app.get(expired).status_code, app.get(revoked).status_code} == {410}
    assert app.post(expired, data={"on": TODAY.isoformat()}).status_code == 410
    unknown = [app.get(path) for path in ("/e/not-a-real-token", "/e/" + "x" * 43)]
    assert {a.status_code for a in unknown} == {404}
    assert all(UNKNOWN_FI in a.text for a in unknown)
    bodies = {re.sub(r"/e/[^?\"]+", "", a.text) for a in unknown}
    assert len(bodies) == 1  # nothing tells which tokens exist


def test_link_pages_are_rate_limited_and_coaches_only_make_links(
    app: TestClient, data_dir: Path
) -> None:
    plan = in_work_plan(app, data_dir)
    sign_in(app, "auditor-a")
    assert (
        post(
            app, f"{plan}/links", recipient="X", form="goals", language="fi", valid_days="14"
        ).status_code
        == 403
    )
    sign_in(app, "coach-a")
    nobody = post(app, f"{plan}/links", recipient=" ", form="goals", language="fi", valid_days="9")
    assert nobody.status_code == 422 and 'href="#recipient"' in nobody.text
    too_long = post(
        app, f"{plan}/links", recipient="A", form="goals", language="fi", valid_days="99"
    )
    assert too_long.status_code == 422 and "Linkki voi olla voimassa 1–60 päivää." in too_long.text
    assert "Ei vielä avattu" not in app.get(f"{plan}/links").text  # no link was made

    as_employer(app)
    answers = [app.get(f"/e/guess-{i}") for i in range(31)]
    assert [a.status_code for a in answers[:30]] == [404] * 30
    assert answers[-1].status_code == 429 and int(answers[-1].headers["Retry-After"]) >= 1
