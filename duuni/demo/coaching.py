"""One-to-one coaching: sessions held and booked, plan goals, pre-coaching and in-work coaching.

Each session is recorded by the coach responsible on its day, within the participation;
bookings lie after the services' today (a booking in the past would be refused), and a
few are cancelled by the client, as happens.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from duuni.demo.draws import day_between, pick, weekday
from duuni.demo.records import Participant
from duuni.demo.scenario import Scenario, Step

NOTES = (
    "Käytiin läpi työnhakusuunnitelma ja sovittiin seuraavat askeleet.",
    "Päivitettiin CV ja harjoiteltiin työhaastattelua.",
    "Selvitettiin piilotyöpaikkoja alueen yrityksistä.",
    "",
)
GOAL_TEXTS = {
    "employment": "Työpaikka omalta alalta tai läheltä sitä",
    "job_search": "Kaksi hakemusta viikossa, myös piilotyöpaikkoihin",
    "education": "Selvittää täydennyskoulutuksen vaihtoehdot",
    "skills": "Digitaitojen vahvistaminen",
}


def session_work(demo: Scenario) -> list[Step]:
    """Two to eight sessions per participation; most active clients have one booked."""
    rng = demo.rng
    steps: list[Step] = []
    for client in demo.clients:
        count = pick(
            rng, (("2", 10), ("3", 20), ("4", 22), ("5", 18), ("6", 12), ("7", 10), ("8", 8))
        )
        last = min(client.ends_on, demo.today)
        days = sorted({day_between(rng, client.entered_on, last) for _ in range(int(count))})
        days = [d for d in days if d <= last] or [client.entered_on]
        for n, day in enumerate(days):
            steps.append(partial(session, demo, client, day, n))
        if not client.exits and rng.random() < 0.7:
            ahead = weekday(demo.real_today() + timedelta(days=rng.randint(2, 14)))
            cancel = rng.random() < 0.12
            steps.append(partial(_booking, demo, client, ahead, cancel))
    return steps


def details(demo: Scenario, client: Participant, day: date, n: int) -> dict[str, Any]:
    """What a session is about: the first one maps the way ahead, later ones work on it."""
    rng = demo.rng
    if n == 0:
        kind = (
            "guidance_point_visit"
            if client.form["entry_route"] == "guidance_point"
            else "personal_coaching"
        )
        topics = ["career_planning", rng.choice(("cv", "digital_skills", "wellbeing"))]
    else:
        kind = pick(rng, (("personal_coaching", 50), ("job_search_help", 35), ("follow_up", 15)))
        topics = rng.sample(
            ["cv", "job_applications", "interview", "hidden_jobs", "education",
             "digital_skills", "work_trial", "benefits", "wellbeing", "entrepreneurship"],
            k=rng.randint(1, 3),
        )  # fmt: skip
    if client.exit_status == "entrepreneurship" and "entrepreneurship" not in topics:
        topics.append("entrepreneurship")
    return {
        "held_on": day.isoformat(),
        "starts_at": f"{rng.choice((9, 10, 11, 12, 13, 14)):02d}:{rng.choice((0, 30)):02d}",
        "duration_minutes": rng.choice((45, 60, 60, 60, 90)),
        "mode": pick(rng, (("in_person", 60), ("online", 25), ("phone", 15))),
        "kind": kind,
        "topics": topics,
        "coach_id": demo.api.ids[client.coach_on(day)],
    }


def session(demo: Scenario, client: Participant, day: date, n: int) -> None:
    """Record the ``n``-th session of the client, held on ``day``."""
    body = {
        **details(demo, client, day, n),
        "client_id": client.client_id,
        "note": demo.rng.choice(NOTES),
        "submission_id": demo.sid("session", client.index, n),
    }
    demo.api.post(client.coach_on(day), demo.url("coaching", "/sessions/held"), body)


def _booking(demo: Scenario, client: Participant, day: date, cancel: bool) -> None:
    body = {
        **details(demo, client, day, 1),
        "client_id": client.client_id,
        "submission_id": demo.sid("booking", client.index),
    }
    coach = client.coach_on(demo.today)
    done = demo.api.post(coach, demo.url("coaching", "/sessions"), body)
    if cancel:
        url = demo.url("coaching", f"/sessions/{done['id']}/cancel")
        demo.api.post(coach, url, {"reason": "cancelled_by_client"})


def plan_work(demo: Scenario) -> list[Step]:
    """Goals in the plans of those still in coaching, and a tenth's pre-coaching done."""
    rng = demo.rng
    steps: list[Step] = []
    for client in demo.clients:
        if client.exits:
            continue
        for g in range(rng.choice((1, 1, 2))):
            area = pick(
                rng,
                (("employment", 40), ("job_search", 25), ("education", 10), ("skills", 15),
                 ("wellbeing", 5), ("entrepreneurship", 5)),
            )  # fmt: skip
            target = demo.real_today() + timedelta(days=rng.randint(30, 150))
            review = pick(rng, (("", 60), ("in_progress", 25), ("changed", 10), ("achieved", 5)))
            steps.append(partial(_goal, demo, client, g, area, target, review))
    for client in rng.sample(demo.clients, k=max(2, demo.size // 10)):
        done = weekday(client.entered_on + timedelta(days=rng.randint(10, 30)))
        if done <= min(client.ends_on, demo.today):
            steps.append(partial(_pre_coaching, demo, client, done))
    return steps


def _goal(
    demo: Scenario, client: Participant, g: int, area: str, target: date, review: str
) -> None:
    coach = client.coach_on(demo.today)
    body = {
        "area": area,
        "target_date": target.isoformat(),
        "text": GOAL_TEXTS.get(area, ""),
        "submission_id": demo.sid("goal", client.index, g),
    }
    url = demo.url("coaching", f"/clients/{client.client_id}/plan/goals")
    goal_id = demo.api.post(coach, url, body)["id"]
    if review:
        new = (target + timedelta(days=60)).isoformat() if review == "changed" else None
        demo.api.post(
            coach, f"{url}/{goal_id}/reviews", {"outcome": review, "new_target_date": new}
        )


def _pre_coaching(demo: Scenario, client: Participant, done: date) -> None:
    rng = demo.rng
    body = {
        "completed_on": done.isoformat(),
        "skills_mapped": rng.random() < 0.9,
        "motivation": pick(rng, (("high", 45), ("medium", 40), ("low", 15))),
        "support_need": pick(rng, (("low", 30), ("medium", 45), ("high", 25))),
        "cv_done": rng.random() < 0.7,
    }
    url = demo.url("coaching", f"/clients/{client.client_id}/pre-coaching")
    demo.api.post(client.coach_on(done), url, body)


def in_work_work(demo: Scenario) -> list[Step]:
    """In-work coaching for those placed who were chosen for it, at their employer."""
    return [
        partial(_in_work, demo, client)
        for client in demo.clients
        if client.in_work and client.employer is not None
    ]


def _in_work(demo: Scenario, client: Participant) -> None:
    """A plan with two goals, then a review, a demonstration and the end, as far as today."""
    assert client.placement_on is not None and client.employer is not None
    start = client.placement_on
    coach = client.coach_on(start)
    body = {
        "client_id": client.client_id,
        "company_id": client.employer.company_id,
        "started_on": start.isoformat(),
        "coach_id": demo.api.ids[coach],
        "submission_id": demo.sid("in-work", client.index),
    }
    plan_id = demo.api.post(coach, demo.url("coaching", "/in-work-plans"), body)["id"]
    url = demo.url("coaching", f"/in-work-plans/{plan_id}")
    agreed = weekday(start + timedelta(days=7))
    for area, weeks in (("work_community", 8), ("skills", 14)):
        goal = {
            "area": area,
            "target_date": (start + timedelta(weeks=weeks)).isoformat(),
            "agreed_on": agreed.isoformat(),
        }
        demo.api.post(coach, f"{url}/goals", goal)
    milestones = (
        (
            start + timedelta(days=45),
            "reviews",
            {"progress": pick(demo.rng, (("on_track", 70), ("needs_support", 30)))},
            "reviewed_on",
        ),
        (
            start + timedelta(days=85),
            "demonstration",
            {"result": pick(demo.rng, (("passed", 80), ("partly", 20)))},
            "held_on",
        ),
        (client.ends_on, "end", {"follow_on": "continued_employment"}, "ended_on"),
    )
    for day, path, payload, field in milestones:
        if weekday(day) <= demo.today:
            demo.api.post(coach, f"{url}/{path}", {**payload, field: weekday(day).isoformat()})
