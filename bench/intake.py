"""``duuni bench intake``: how fast a coach enrols and searches with 10,000 clients.

The intake service runs in a real uvicorn server on the embedded SQLite log (as ``duuni
up`` runs it, ``synchronous=FULL``); a signed-in client measures, over HTTP with
keep-alive, the enrolment POST of the JSON API and of the HTML form, client search
through the API and the list page, and the client's page: clients in turn, then one
client again and again, whose record of who opened it grows with every view. The project
is first filled with synthetic clients through the same enrolment handler.
"""

from __future__ import annotations

import gc
import random
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import uvicorn
from rich.console import Console
from rich.progress import Progress

from bench.latency import LatencyRow, latency_table, measure
from duuni.app import create_app
from duuni.demo.people import LAST_NAMES_FI, LAST_NAMES_SV, identity_code
from shared.collector import collect_less_often

if TYPE_CHECKING:
    from shared.eventlog.sql import Database

FIRST_NAMES = [
    "Aino",
    "Anna",
    "Eeva",
    "Helena",
    "Johanna",
    "Kaisa",
    "Leena",
    "Liisa",
    "Maria",
    "Marja",
    "Merja",
    "Minna",
    "Päivi",
    "Riitta",
    "Sari",
    "Satu",
    "Tuula",
    "Ulla",
    "Antti",
    "Eero",
    "Heikki",
    "Jari",
    "Jukka",
    "Juha",
    "Kari",
    "Markku",
    "Matti",
    "Mikko",
    "Pekka",
    "Petri",
    "Risto",
    "Seppo",
    "Timo",
    "Tuomas",
    "Ville",
    "Björn",
    "Elsa",
    "Greta",
    "Nils",
    "Sven",
]
LAST_NAMES = [*LAST_NAMES_FI, *LAST_NAMES_SV]
MUNICIPALITIES = ("Lohja", "Vihti", "Raasepori", "Hanko", "Karkkila")
PROJECT = "S21048"
PASSWORD = "bench password 2026"


def people(count: int, seed: int = 2026) -> Iterator[dict[str, object]]:
    """Synthetic enrolment forms: unique identity codes, Finnish and Swedish names, 50+."""
    rng = random.Random(seed)
    for i in range(count):
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 20))
        yield {
            "identity_code": identity_code(born, 2 + i % 897),
            "first_name": rng.choice(FIRST_NAMES),
            "last_name": rng.choice(LAST_NAMES),
            "language": rng.choice(("fi", "fi", "fi", "sv")),
            "consent_version": "2026-01",
            "consented_at": datetime(2026, 1, 2, 9, tzinfo=UTC).isoformat(),
            "entry_date": (date(2026, 1, 2) + timedelta(days=rng.randrange(0, 300))).isoformat(),
            "entry_route": rng.choice(("guidance_point", "self_referral", "municipality")),
            "gender": rng.choice(("female", "male")),
            "education": rng.choice(("isced_0_2", "isced_3_4", "isced_5_8")),
            "labour_market_status": "unemployed",
            "unemployed_since": "2024-06-01",
            "municipality": rng.choice(MUNICIPALITIES),
        }


def _unique_codes(forms: list[dict[str, object]]) -> list[dict[str, object]]:
    seen: set[object] = set()
    unique = []
    for form in forms:
        if form["identity_code"] not in seen:
            seen.add(form["identity_code"])
            unique.append(form)
    return unique


@contextmanager
def _server(data_dir: Path, names: list[str] | None = None) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    thresholds = gc.get_threshold()
    collect_less_often()  # as ``duuni up`` and ``duuni serve`` run
    config = uvicorn.Config(
        create_app(data_dir, names or ["intake"]),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health/live", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        gc.set_threshold(*thresholds)


def _prepare(data_dir: Path) -> None:
    from services.intake.adapters.accounts import SqlAccountStore
    from services.intake.service_layer.accounts import create_user
    from shared.eventlog.sql import open_database

    database = open_database(f"sqlite:///{data_dir / 'intake.sqlite3'}")
    try:
        store = SqlAccountStore(database).create()
        create_user(store, username="coach", password=PASSWORD, roles=["coach"], projects=[PROJECT])
        register_bench_project(database, planned_participants=10_000)
    finally:
        database.dispose()


def register_bench_project(database: Database, *, planned_participants: int) -> None:
    """The DuuniAgentti-like project every intake benchmark enrols into."""
    from services.intake.domain.events import ProjectPlan
    from services.intake.domain.target_group import TargetGroupRule
    from services.intake.service_layer.projects import register_project
    from shared.eventlog.sql import SqlEventLog

    plan = ProjectPlan(
        name="DuuniAgentti",
        municipalities=MUNICIPALITIES,
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=planned_participants,
        planned_companies=220,
    )
    register_project(SqlEventLog(database, "intake").create(), PROJECT, plan, actor="bench")


def run_intake_benchmark(
    clients: int = 10_000, requests: int = 300, console: Console | None = None
) -> list[LatencyRow]:
    console = console or Console()
    forms = _unique_codes(list(people(clients + requests)))
    seed, measured = forms[:clients], forms[clients : clients + requests]
    with tempfile.TemporaryDirectory(prefix="duuni-bench-intake-") as tmp:
        data_dir = Path(tmp)
        create_app(data_dir, ["intake"])  # create the databases
        _prepare(data_dir)
        with _server(data_dir) as base, httpx.Client(base_url=base, timeout=30) as http:
            signed = http.post(
                "/api/intake/session", json={"username": "coach", "password": PASSWORD}
            )
            signed.raise_for_status()
            headers = {"X-CSRF-Token": signed.json()["csrf_token"]}
            url = f"/api/intake/projects/{PROJECT}/clients"
            ids: list[str] = []
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task(f"enrolling {len(seed):,} clients", total=len(seed))
                for form in seed:
                    answer = http.post(url, json=form, headers=headers)
                    answer.raise_for_status()
                    ids.append(answer.json()["id"])
                    progress.advance(task)
            rng = random.Random(7)
            words = [w.lower()[:4] for w in (*FIRST_NAMES, *LAST_NAMES)]
            rows = [
                measure(
                    "enrol (API POST)",
                    lambda i: http.post(url, json=measured[i], headers=headers).raise_for_status(),
                    len(measured),
                    target_p95_ms=50,
                ),
                measure(
                    "search by name (API GET)",
                    lambda i: http.get(url, params={"q": rng.choice(words)}).raise_for_status(),
                    requests,
                    target_p95_ms=50,
                ),
                measure(
                    "search with filters (API GET)",
                    lambda i: http.get(
                        url,
                        params={
                            "q": rng.choice(words),
                            "status": "active",
                            "municipality": rng.choice(MUNICIPALITIES),
                        },
                    ).raise_for_status(),
                    requests,
                    target_p95_ms=50,
                ),
                measure(
                    "client list page (HTML GET)",
                    lambda i: http.get(
                        f"/p/{PROJECT}/clients", params={"q": rng.choice(words)}
                    ).raise_for_status(),
                    requests,
                    target_p95_ms=50,
                ),
                _form_posts(http, measured[: max(1, requests // 3)]),
                measure(
                    "client page, clients in turn (HTML GET)",
                    lambda i: http.get(f"/p/{PROJECT}/clients/{ids[i]}").raise_for_status(),
                    min(requests, len(ids)),
                    target_p95_ms=50,
                ),
                measure(
                    "client page, one client again and again (HTML GET)",
                    lambda i: http.get(f"/p/{PROJECT}/clients/{ids[0]}").raise_for_status(),
                    requests * 3,
                    target_p95_ms=50,
                ),
            ]
    console.print(
        latency_table(rows, f"intake: {len(seed):,} clients in the project, SQLite FULL, one coach")
    )
    return rows


def _form_posts(http: httpx.Client, forms: list[dict[str, object]]) -> LatencyRow:
    """The HTML enrolment form, as a browser posts it (re-entries of people already in)."""
    page = http.get(f"/p/{PROJECT}/clients/new").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    token = found.group(1) if found else ""

    def post(i: int) -> None:
        form = {k: str(v) for k, v in forms[i].items()} | {
            "csrf_token": token,
            "consent": "yes",
            "submission_id": f"bench-{i}",
            "identity_code": identity_code(date(1955, 5, 5), 2 + i),
        }
        answer = http.post(f"/p/{PROJECT}/clients/new", data=form)
        if answer.status_code >= 400:
            raise RuntimeError(f"form refused: {answer.status_code}")

    return measure("enrol (HTML form POST)", post, len(forms), target_p95_ms=50)
