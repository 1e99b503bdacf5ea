"""DuuniPolku in Oulu: a small second project with its own coach, to show projects are isolated.

Olli enrols a handful of people (any adult age: DuuniPolku has no age rule), coaches
them, and starts in-work coaching at the one Oulu company; nobody in DuuniAgentti sees
any of it, and Olli sees nothing of DuuniAgentti.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from duuni.demo.accounts import OULU_PROJECT
from duuni.demo.coaching import details
from duuni.demo.draws import day_between, pick, weekday
from duuni.demo.employers import TRADES, business_id
from duuni.demo.enrolment import enrol
from duuni.demo.people import person
from duuni.demo.records import Company, Participant
from duuni.demo.scenario import Scenario, Step

COACH = "olli"


def oulu_work(demo: Scenario) -> list[Step]:
    """Enrol, wait for coaching to know the clients, then coach them."""
    rng = demo.rng
    people: list[Participant] = []
    first = max(date(demo.today.year - 1, 1, 1), demo.today - timedelta(days=300))
    for n in range(max(3, min(6, demo.size // 50))):
        entered = day_between(rng, first, demo.today - timedelta(days=20))
        client = person(demo, 10_000 + n, OULU_PROJECT, entered, "Oulu")
        client.coach = COACH
        people.append(client)
    company = Company(10_000, "Oulun Konepaja Oy", "Oulu", TRADES[8], first)
    steps: list[Step] = [partial(enrol, demo, c) for c in people]
    steps.append(partial(_company, demo, company))
    steps.append(demo.api.wait_for_consumers)
    for client in people:
        days = sorted({day_between(rng, client.entered_on, demo.today) for _ in range(3)})
        for n, day in enumerate(days):
            kind = "pre_coaching" if n < 2 else "personal_coaching"
            steps.append(partial(_session, demo, client, day, kind, n))
        done = weekday(client.entered_on + timedelta(days=14))
        if done <= demo.today:
            steps.append(partial(_pre_coaching, demo, client, done))
    steps.append(partial(_in_work, demo, people[0], company))
    return steps


def _company(demo: Scenario, company: Company) -> None:
    body = {
        "business_id": business_id(demo.rng, set()),
        "trade_name": company.name,
        "industry": company.kind.industry,
        "municipality": "Oulu",
        "size_class": "small",
        "registered_on": company.first_contact.isoformat(),
        "submission_id": demo.sid("oulu-company"),
    }
    url = demo.url("matching", "/companies", OULU_PROJECT)
    company.company_id = demo.api.post(COACH, url, body)["id"]


def _session(demo: Scenario, client: Participant, day: date, kind: str, n: int) -> None:
    body = {
        **details(demo, client, day, n),
        "kind": kind,
        "client_id": client.client_id,
        "submission_id": demo.sid("oulu-session", client.index, n),
    }
    demo.api.post(COACH, demo.url("coaching", "/sessions/held", OULU_PROJECT), body)


def _pre_coaching(demo: Scenario, client: Participant, day: date) -> None:
    body = {
        "completed_on": day.isoformat(),
        "skills_mapped": True,
        "motivation": "high",
        "support_need": pick(demo.rng, (("low", 40), ("medium", 60))),
        "cv_done": True,
    }
    url = demo.url("coaching", f"/clients/{client.client_id}/pre-coaching", OULU_PROJECT)
    demo.api.post(COACH, url, body)


def _in_work(demo: Scenario, client: Participant, company: Company) -> None:
    start = day_between(demo.rng, client.entered_on + timedelta(days=21), demo.today)
    body = {
        "client_id": client.client_id,
        "company_id": company.company_id,
        "started_on": start.isoformat(),
        "submission_id": demo.sid("oulu-in-work"),
    }
    demo.api.post(COACH, demo.url("coaching", "/in-work-plans", OULU_PROJECT), body)
