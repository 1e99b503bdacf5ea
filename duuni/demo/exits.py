"""Exits and re-entries: recorded last, once everything about a participation is in.

Coaching and matching refuse work for a client who has left, so the exits wait until
every earlier phase is done; then the few who come back are enrolled again (intake
recognises them as re-entries) and coached in their second participation.
"""

from __future__ import annotations

from functools import partial

from duuni.demo.accounts import PROJECT
from duuni.demo.coaching import session
from duuni.demo.draws import day_between
from duuni.demo.errors import DemoError
from duuni.demo.records import Participant
from duuni.demo.scenario import Scenario, Step


def exit_work(demo: Scenario) -> list[Step]:
    """Every planned exit, then the re-entries of those who came back."""
    steps: list[Step] = [partial(_exit, demo, c) for c in demo.clients if c.exits]
    steps += [partial(_re_enter, demo, c) for c in demo.clients if c.re_entered_on is not None]
    return steps


def return_work(demo: Scenario) -> list[Step]:
    """A few sessions in the second participation of those who came back."""
    steps: list[Step] = []
    for client in demo.clients:
        if client.re_entered_on is None:
            continue
        days = {
            day_between(demo.rng, client.re_entered_on, demo.today)
            for _ in range(demo.rng.randint(1, 3))
        }
        for n, day in enumerate(sorted(d for d in days if d <= demo.today)):
            steps.append(partial(session, demo, client, day, 100 + n))
    return steps


REFERRAL_KINDS = ("mental_health", "pension", "debt_counselling", "social_services",
                  "substance_abuse", "health_care")  # fmt: skip
"""The services the seeds' leavers were referred to, taken in turn (no draw, so the rest
of the demo stays as it was)."""


def _exit(demo: Scenario, client: Participant) -> None:
    body = {
        "exit_date": client.ends_on.isoformat(),
        "exit_status": client.exit_status,
        "employment_type": client.employment_type,
    }
    if client.exit_status == "referred_to_other_services":
        body["referral_kind"] = REFERRAL_KINDS[client.index % len(REFERRAL_KINDS)]
    url = demo.url("intake", f"/clients/{client.client_id}/exit")
    demo.api.post(client.coach_on(client.ends_on), url, body)


def _re_enter(demo: Scenario, client: Participant) -> None:
    assert client.re_entered_on is not None
    coach = client.coach_on(client.ends_on)
    body = {
        **client.form,
        "coach_id": demo.api.ids[coach],
        "entry_date": client.re_entered_on.isoformat(),
        "submission_id": demo.sid(PROJECT, "re-enter", client.index),
    }
    answer = demo.api.post(coach, demo.url("intake", "/clients"), body)
    if not answer["re_entry"]:
        raise DemoError(f"client {client.index} was enrolled anew instead of re-entered")
