"""Intake alone as its own process: saves survive a kill -9 and a broker outage.

Every enrolment a coach saved is in intake's log of record before the answer, whatever
the broker does; the relay publishes each of them to Kafka once the broker is back, in
log order, and a copy published twice around a crash is recognisable by its position.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.cluster import Broker, Cluster, Coach

PROJECT = "S21048"
FIGURES = Path(__file__).resolve().parents[2] / "test-output" / "e2e-broker-outage.txt"


def a_form(n: int) -> dict[str, Any]:
    return {
        "birth_date": f"19{50 + n % 20}-0{1 + n % 9}-1{n % 10}",
        "first_name": f"Asiakas{n}",
        "last_name": "Testinen",
        "consent_version": "2026-01",
        "consented_at": "2026-11-02T09:00:00+00:00",
        "entry_date": "2026-11-02",
        "entry_route": "self_referral",
        "gender": "female",
        "education": "isced_3_4",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
        "municipality": "Lohja",
        "submission_id": f"form-{n}",
    }


def set_up(cluster: Cluster) -> Coach:
    cluster.start("intake")
    cluster.duuni(
        "projects", "add", PROJECT, "--name", "DuuniAgentti", "--municipality", "Lohja",
        "--starts", "2026-01-01", "--ends", "2027-12-31", "--min-age", "50",
    )  # fmt: skip
    cluster.duuni("users", "add", "kaisa", "--role", "coach", "--project", PROJECT,
                  "--password-stdin")  # fmt: skip
    return Coach(cluster, "kaisa")


def published(cluster: Cluster) -> list[int]:
    """Every position on intake's topic, copies included, in topic order."""

    async def read() -> list[int]:
        consumer = AIOKafkaConsumer(bootstrap_servers=cluster.bootstrap)
        await consumer.start()
        try:
            partition = TopicPartition(f"{cluster.prefix}.intake.events", 0)
            consumer.assign([partition])
            await consumer.seek_to_beginning(partition)
            positions: list[int] = []
            while batch := await consumer.getmany(partition, timeout_ms=2000):
                for record in batch[partition]:
                    headers = dict(record.headers)
                    positions.append(int(headers["position"]))
            return positions
        finally:
            await consumer.stop()

    return asyncio.run(read())


def appended(cluster: Cluster) -> int:
    return int(cluster.metrics("intake")['duuni_events_appended_total{service="intake"}'])


def relay_lag(cluster: Cluster) -> float:
    return cluster.metrics("intake")['duuni_relay_lag_events{service="intake"}']


def test_a_killed_service_loses_nothing_and_its_relay_catches_up(cluster: Cluster) -> None:
    coach = set_up(cluster)
    url = f"/api/intake/projects/{PROJECT}/clients"
    for n in range(10):
        assert coach.post("intake", url, a_form(n)).status_code == 201

    cluster.kill("intake", signal.SIGKILL)
    cluster.start("intake")
    coach = Coach(cluster, "kaisa")
    for n in range(10, 20):
        assert coach.post("intake", url, a_form(n)).status_code == 201
    cluster.wait_until("the relay to catch up", lambda: relay_lag(cluster) == 0)

    positions = published(cluster)
    head = appended(cluster)
    assert head == 21  # the project and twenty enrolments
    assert sorted(set(positions)) == list(range(1, head + 1))  # nothing lost
    assert positions == sorted(positions) or len(positions) > head  # order, copies at most
    assert coach.get("intake", url).json()["total"] == 20  # nothing doubled


def test_saves_succeed_while_the_broker_is_unreachable_and_are_published_after(
    cluster: Cluster, broker: Broker
) -> None:
    coach = set_up(cluster)
    url = f"/api/intake/projects/{PROJECT}/clients"
    assert coach.post("intake", url, a_form(0)).status_code == 201
    cluster.wait_until("the first relay", lambda: relay_lag(cluster) == 0)

    broker.proxy.cut()
    started = time.monotonic()
    answers = []
    try:
        while time.monotonic() - started < 30:
            n = len(answers) + 1
            before = time.monotonic()
            answers.append(
                (coach.post("intake", url, a_form(n)).status_code, time.monotonic() - before)
            )
            time.sleep(0.5)
        lag_during_outage = relay_lag(cluster)
        ready_during_outage = coach.http.get(cluster.url("intake", "/health/ready")).status_code
    finally:
        broker.proxy.restore()

    assert all(status == 201 for status, _ in answers)
    assert max(seconds for _, seconds in answers) < 2  # saving never waits for the broker
    assert lag_during_outage == len(answers)
    assert ready_during_outage == 503  # the relay's broker check fails, and says so
    restored = time.monotonic()
    cluster.wait_until("the relay to catch up", lambda: relay_lag(cluster) == 0, timeout=120)
    caught_up = time.monotonic() - restored
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text(
        f"broker outage 30 s: {len(answers)} saves, all 201, slowest "
        f"{max(seconds for _, seconds in answers) * 1000:.0f} ms; relay lag {lag_during_outage:.0f}"
        f" events caught up {caught_up:.1f} s after the broker came back\n",
        encoding="utf-8",
    )
    positions = published(cluster)
    assert sorted(set(positions)) == list(range(1, appended(cluster) + 1))


def test_a_graceful_stop_finishes_its_work_and_publishes_nothing_twice(cluster: Cluster) -> None:
    coach = set_up(cluster)
    url = f"/api/intake/projects/{PROJECT}/clients"
    for n in range(5):
        assert coach.post("intake", url, a_form(n)).status_code == 201
    cluster.wait_until("the relay to catch up", lambda: relay_lag(cluster) == 0)

    cluster.kill("intake", signal.SIGTERM)
    output = cluster.starts["intake"]
    cluster.start("intake")
    coach = Coach(cluster, "kaisa")
    assert coach.post("intake", url, a_form(5)).status_code == 201
    cluster.wait_until("the relay to catch up", lambda: relay_lag(cluster) == 0)

    positions = published(cluster)
    assert positions == list(range(1, appended(cluster) + 1))  # each once, in order
    log = (cluster.folder / f"intake-{output}.log").read_text()
    assert "Traceback" not in log
