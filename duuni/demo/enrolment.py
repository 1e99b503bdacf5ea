"""Enrolment: DuuniAgentti's participants planned from entry to exit, then enrolled in intake.

The whole participation is planned here, up front (when each person enters and leaves,
how, whether they change coach, come back or are coached in work), because coaching and
matching accept work only for clients active at the time: the later phases record
everything that happened while someone took part, and the exits come last.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from duuni.demo.accounts import COACHES, MUNICIPALITIES, PROJECT
from duuni.demo.draws import day_between, pick, weekday
from duuni.demo.people import person
from duuni.demo.records import Participant
from duuni.demo.scenario import Scenario, Step

EXIT_STATUSES = (
    ("employed", 38),
    ("education_or_training", 11),
    ("entrepreneurship", 6),
    ("referred_to_other_services", 10),
    ("job_searching", 18),
    ("unemployed", 8),
    ("inactive", 3),
    ("unknown", 6),
)
EMPLOYMENT_TYPES = (
    ("open_market_full_time", 30),
    ("open_market_part_time", 22),
    ("fixed_term", 25),
    ("wage_subsidised", 17),
    ("apprenticeship", 6),
)
HOME_SHARES = dict(zip(MUNICIPALITIES, (40, 20, 20, 10, 10), strict=True))
"""Where DuuniAgentti's clients live, in per cent."""


def enrolments(demo: Scenario) -> list[Step]:
    """Plan every participation, then enrol the participants in the order they came."""
    _plan_clients(demo)
    return [partial(enrol, demo, c) for c in sorted(demo.clients, key=lambda c: c.entered_on)]


def _plan_clients(demo: Scenario) -> None:
    rng = demo.rng
    latest_entry = demo.today - timedelta(days=5)
    for index in range(demo.size):
        municipality = pick(rng, tuple(HOME_SHARES.items()))
        entered = day_between(rng, demo.first_day, latest_entry)
        client = person(demo, index, PROJECT, entered, municipality)
        _plan_exit(demo, client)
        if rng.random() < 0.07 and (client.ends_on - entered).days > 60:
            others = [c for c in COACHES if c != client.coach]
            client.new_coach = (
                rng.choice(others),
                entered + timedelta(days=(client.ends_on - entered).days // 2),
            )
        demo.clients.append(client)
    _plan_returns_and_work(demo)


def _plan_exit(demo: Scenario, client: Participant) -> None:
    """Most leave after two to ten months; those still in coaching stay active today."""
    rng = demo.rng
    exit_on = weekday(client.entered_on + timedelta(days=rng.randint(50, 300)))
    if exit_on < demo.today - timedelta(days=2):
        client.ends_on = exit_on
        client.exit_status = pick(rng, EXIT_STATUSES)
        if client.exit_status == "employed":
            client.employment_type = pick(rng, EMPLOYMENT_TYPES)
            if rng.random() < 0.75:
                client.placement_on = exit_on


def _plan_returns_and_work(demo: Scenario) -> None:
    """A few job seekers come back later; a few placed in work are coached in it."""
    rng = demo.rng
    exited = [c for c in demo.clients if c.exits]
    returners = [
        c
        for c in exited
        if c.exit_status in ("job_searching", "unemployed", "unknown")
        and c.ends_on < demo.today - timedelta(days=90)
    ]
    for client in rng.sample(returners, k=min(len(returners), max(1, demo.size // 60))):
        client.re_entered_on = weekday(client.ends_on + timedelta(days=rng.randint(40, 80)))
    in_work = [
        c
        for c in exited
        if c.employment_type in ("wage_subsidised", "apprenticeship", "fixed_term")
        and c.placement_on is not None
        and (c.ends_on - c.entered_on).days > 150
    ]
    for client in rng.sample(in_work, k=min(len(in_work), max(1, demo.size // 75))):
        client.in_work = True
        client.placement_on = weekday(client.ends_on - timedelta(days=110))


def enrol(demo: Scenario, client: Participant) -> None:
    """Enrol in intake as the client's coach, as the coach would on the first meeting."""
    body = {**client.form, "coach_id": demo.api.ids[client.coach]}
    url = demo.url("intake", "/clients", client.project_id)
    client.client_id = demo.api.post(client.coach, url, body)["id"]


def corrections_and_coach_changes(demo: Scenario) -> list[Step]:
    """The project manager corrects a few enrolments and moves a few clients to another coach."""
    rng = demo.rng
    steps: list[Step] = []
    corrected = rng.sample(demo.clients, k=max(2, demo.size // 40))
    for client in sorted(corrected, key=lambda c: c.index):
        steps.append(partial(_correct, demo, client))
    for client in demo.clients:
        if client.new_coach is not None:
            steps.append(partial(_reassign, demo, client))
    return steps


def _correct(demo: Scenario, client: Participant) -> None:
    form = client.form
    fields = (
        "gender", "education", "labour_market_status", "unemployed_since", "municipality",
        "sensitive",
    )  # fmt: skip
    body: dict[str, Any] = {k: form[k] for k in fields}
    if form["labour_market_status"] == "unemployed" and demo.rng.random() < 0.5:
        since = date.fromisoformat(form["unemployed_since"]) - timedelta(days=400)
        body["unemployed_since"] = since.isoformat()
        body["reason"] = "Työttömyyden alkupäivä tarkistettu TE-toimiston asiakastiedoista"
    else:
        levels = ["isced_0_2", "isced_3_4", "isced_5_8"]
        levels.remove(form["education"])
        body["education"] = demo.rng.choice(levels)
        body["reason"] = "Koulutustieto korjattu tutkintotodistuksen perusteella"
    form.update({k: body[k] for k in fields})
    demo.api.post("paivi", demo.url("intake", f"/clients/{client.client_id}/corrections"), body)


def _reassign(demo: Scenario, client: Participant) -> None:
    assert client.new_coach is not None
    body = {"coach_id": demo.api.ids[client.new_coach[0]]}
    demo.api.post("paivi", demo.url("intake", f"/clients/{client.client_id}/coach"), body)
