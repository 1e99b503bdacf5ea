"""The four services as separate processes, a coach's work through HTTP, crashes mid-stream.

Enrol clients, hold sessions, register a company and a lead, refer and place a client,
record exits, then read the figures. While coaches keep enrolling, reporting and intake
(and with it intake's relay) are killed with SIGKILL and restarted. Afterwards the live
figures must equal those of a second reporting instance that rebuilt everything from the
topics from offset zero, and count every saved client exactly once.
"""

from __future__ import annotations

import signal
import threading
import time
from datetime import date
from typing import Any

import httpx

from bench.cluster import Cluster, Coach
from bench.load import business_id
from tests.e2e.test_intake_relay import a_form

PROJECT = "S21048"
TODAY = date.today()


def set_up(cluster: Cluster) -> Coach:
    for name in ("intake", "coaching", "matching", "reporting"):
        cluster.start(name)
    cluster.duuni(
        "projects", "add", PROJECT, "--name", "DuuniAgentti", "--municipality", "Lohja",
        "--starts", "2026-01-01", "--ends", "2027-12-31", "--min-age", "50",
        "--planned-participants", "500", "--planned-companies", "220",
    )  # fmt: skip
    cluster.duuni("users", "add", "kaisa", "--role", "coach", "--project", PROJECT,
                  "--password-stdin")  # fmt: skip
    return Coach(cluster, "kaisa")


def until_accepted(call: Any, what: str, patience: float = 60) -> httpx.Response:
    """Repeat a write until the service has heard of the client (events are asynchronous)."""
    deadline = time.monotonic() + patience
    while True:
        answer: httpx.Response = call()
        if answer.status_code < 400 or time.monotonic() > deadline:
            assert answer.status_code < 400, f"{what}: {answer.status_code} {answer.text}"
            return answer
        time.sleep(0.25)


def figures(coach: Coach, service: str = "reporting") -> dict[str, int]:
    report = coach.get(service, f"/api/reporting/projects/{PROJECT}/report")
    assert report.status_code == 200, report.text
    return {f["key"]: f["cumulative"] for f in report.json()["figures"]}


def coach_work(coach: Coach) -> list[str]:
    """A day's work across the services; returns the enrolled clients."""
    clients = []
    for n in range(6):
        answer = coach.post("intake", f"/api/intake/projects/{PROJECT}/clients", a_form(n))
        assert answer.status_code == 201, answer.text
        clients.append(answer.json()["id"])
    for n, client in enumerate(clients):
        session = {
            "client_id": client, "held_on": TODAY.isoformat(), "starts_at": "10:00",
            "duration_minutes": 60, "mode": "in_person", "kind": "personal_coaching",
            "topics": ["cv"], "note": "CV päivitetty.", "submission_id": f"s-{n}",
        }  # fmt: skip
        until_accepted(
            lambda body=session: coach.post(
                "coaching", f"/api/coaching/projects/{PROJECT}/sessions/held", body
            ),
            "session",
        )
    company = coach.post("matching", f"/api/matching/projects/{PROJECT}/companies", {
        "business_id": business_id(7), "trade_name": "Lohjan Leipä Oy", "industry": "10710",
        "municipality": "Lohja", "size_class": "small",
    })  # fmt: skip
    assert company.status_code == 201, company.text
    company_id = company.json()["id"]
    relation = coach.post(
        "matching",
        f"/api/matching/projects/{PROJECT}/companies/{company_id}/relation",
        {"relation": "cooperating", "since": TODAY.isoformat()},
    )
    assert relation.status_code < 400, relation.text
    lead = coach.post("matching", f"/api/matching/projects/{PROJECT}/leads", {
        "company_id": company_id, "kind": "hidden_job", "occupation_code": "7512",
        "municipality": "Lohja", "working_time": "full_time", "found_on": TODAY.isoformat(),
    })  # fmt: skip
    assert lead.status_code == 201, lead.text
    profile = {"target_occupations": ["7512"], "municipalities": ["Lohja"],
               "matching_consent": True}  # fmt: skip
    profile_url = coach.cluster.url(
        "matching", f"/api/matching/projects/{PROJECT}/clients/{clients[0]}/profile"
    )
    until_accepted(
        lambda: coach.http.put(profile_url, json=profile, headers={"X-CSRF-Token": coach.csrf}),
        "profile",
    )
    referral = coach.post("matching", f"/api/matching/projects/{PROJECT}/referrals", {
        "client_id": clients[0], "lead_id": lead.json()["id"], "referred_on": TODAY.isoformat(),
    })  # fmt: skip
    assert referral.status_code == 201, referral.text
    referral_id = referral.json()["id"]
    answered = coach.post(
        "matching", f"/api/matching/projects/{PROJECT}/referrals/{referral_id}/answer",
        {"answer": "accepted", "reason": "hired", "answered_on": TODAY.isoformat()},
    )  # fmt: skip
    assert answered.status_code < 400, answered.text
    placed = coach.post("matching", f"/api/matching/projects/{PROJECT}/placements", {
        "client_id": clients[0], "company_id": company_id, "lead_id": lead.json()["id"],
        "referral_id": referral_id, "placement_type": "full_time",
        "starts_on": TODAY.isoformat(),
    })  # fmt: skip
    assert placed.status_code == 201, placed.text
    for client, status, employment in (
        (clients[0], "employed", "open_market_full_time"),
        (clients[1], "unemployed", None),
    ):
        exited = coach.post(
            "intake", f"/api/intake/projects/{PROJECT}/clients/{client}/exit",
            {"exit_date": TODAY.isoformat(), "exit_status": status, "employment_type": employment},
        )  # fmt: skip
        assert exited.status_code == 200, exited.text
    return clients


def test_the_figures_survive_crashes_and_equal_a_replay_from_zero(cluster: Cluster) -> None:
    coach = set_up(cluster)
    coach_work(coach)
    saved: list[str] = []
    failed: list[str] = []
    stop = threading.Event()

    def keep_enrolling() -> None:
        n = 100
        while not stop.is_set():
            try:
                answer = coach.post("intake", f"/api/intake/projects/{PROJECT}/clients", a_form(n))
                (saved if answer.status_code == 201 else failed).append(f"{n}:{answer.status_code}")
                if answer.status_code == 201:
                    n += 1
            except httpx.HTTPError as error:  # intake is down: the coach sees it failed
                failed.append(f"{n}:{type(error).__name__}")
                time.sleep(0.3)
            time.sleep(0.1)

    worker = threading.Thread(target=keep_enrolling)
    worker.start()
    try:
        time.sleep(2)
        cluster.kill("reporting", signal.SIGKILL)
        time.sleep(1)
        cluster.kill("intake", signal.SIGKILL)  # and its relay, in the middle of the stream
        time.sleep(1)
        cluster.start("intake")
        cluster.start("reporting")
        time.sleep(3)
    finally:
        stop.set()
        worker.join(30)

    enrolled = 6 + len(saved)
    cluster.wait_until(
        "reporting to count every saved client",
        lambda: figures(coach).get("participants.total") == enrolled,
        timeout=120,
    )
    cluster.start("reporting-replay", service="reporting", schema=f"{cluster.prefix}_replay")
    cluster.wait_until(
        "the replay to catch up",
        lambda: figures(coach, "reporting-replay") == figures(coach),
        timeout=120,
    )
    live = figures(coach)
    assert live == figures(coach, "reporting-replay")
    assert live["participants.total"] == enrolled  # nothing lost, nothing doubled
    assert live["leavers.total"] == 2
    assert live["coaching.sessions"] == 6
    assert live["outcomes.placements"] == 1
    assert live["companies.cooperating"] == 1
    assert all(":" in f for f in failed)  # every failure was an answer or a refused call
