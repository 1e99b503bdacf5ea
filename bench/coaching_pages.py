"""The coach's day over HTTP: Today, the calendar's week and the client picker, answered
by the real pages with 10,000 clients and 200,000 sessions in one project.

``bench.coaching_day`` times the read models' queries; this one times what the coach
waits for: intake and coaching in one uvicorn server on the embedded SQLite log (as
``duuni up`` runs them, names on the pages), a signed-in coach, keep-alive HTTP.

Filling: the clients are enrolled through intake's API and reach coaching through its
consumer, as in use; two years of sessions, leavers, notes and in-work plans are then
written straight into coaching's read models (as a replay would leave them) while the
server is down, and the clients are shared out among 40 coaches, the signed-in one among
them. Run as ``duuni bench day`` (``--clients``, ``--sessions``, ``--requests``).
"""

from __future__ import annotations

import contextlib
import random
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import update

from bench.coaching_day import TARGET_P95_MS, history, write_rows
from bench.intake import FIRST_NAMES, LAST_NAMES, PASSWORD, PROJECT, _prepare, _server, people
from bench.latency import LatencyRow, latency_table, measure
from duuni.app import create_app
from services.coaching.adapters import tables as t
from shared.eventlog.sql import Database, open_database

COACHES = 40
NAMES = ["intake", "coaching"]
FILLED = "filled.txt"
"""Written once the folder holds the whole project."""
PROJECT_WEEK = "project"
"""``?who=`` of the calendar for the whole project's week."""


def _enrol(base: str, clients: int, console: Console) -> tuple[str, int]:
    """Enrol ``clients`` through intake's API (namesakes by identity code once): the
    signed-in coach's user id and how many were enrolled."""
    forms = list(people(clients))
    seen: set[object] = set()
    with httpx.Client(base_url=base, timeout=30) as http:
        signed = http.post("/api/intake/session", json={"username": "coach", "password": PASSWORD})
        signed.raise_for_status()
        headers = {"X-CSRF-Token": signed.json()["csrf_token"]}
        url = f"/api/intake/projects/{PROJECT}/clients"
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"enrolling {clients:,} clients", total=clients)
            for form in forms:
                if form["identity_code"] not in seen:
                    seen.add(form["identity_code"])
                    http.post(url, json=form, headers=headers).raise_for_status()
                progress.advance(task)
        return str(signed.json()["user_id"]), len(seen)


def _wait_for_coaching(db: Database, clients: int, console: Console) -> list[str]:
    """Coaching's clients once its consumer has read every enrolment."""
    deadline = time.monotonic() + 600
    with console.status("coaching reads the enrolments"):
        while time.monotonic() < deadline:
            with db.read() as conn:
                ids = [r.client_id for r in conn.execute(t.clients.select()).all()]
            if len(ids) >= clients:
                return sorted(ids)
            time.sleep(0.5)
    raise RuntimeError(f"coaching knew {len(ids):,} of {clients:,} clients after 10 minutes")


def _share_out(db: Database, rows: dict[str, list[dict[str, object]]]) -> None:
    """Give coaching's client rows the coach and standing ``history`` chose for them."""
    with db.engine.begin() as conn:
        for row in rows.pop("clients"):
            conn.execute(
                update(t.clients)
                .where(t.clients.c.client_id == row["client_id"])
                .values(coach_id=row["coach_id"], active=row["active"], exited_on=row["exited_on"])
            )


def run_day_pages_benchmark(
    clients: int = 10_000, sessions: int = 200_000, requests: int = 100,
    console: Console | None = None, keep: Path | None = None,
) -> list[LatencyRow]:  # fmt: skip
    """``keep``: a folder to fill once and measure again on later runs (filling 10,000
    clients takes minutes; measuring, seconds)."""
    console = console or Console()
    with contextlib.ExitStack() as stack:
        if keep is None:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="duuni-day-")))
        else:
            data_dir = keep
            data_dir.mkdir(parents=True, exist_ok=True)
        if not (data_dir / FILLED).exists():
            _fill(data_dir, clients, sessions, console)
            (data_dir / FILLED).write_text(f"{clients} clients, {sessions} sessions\n")
        return _measure(data_dir, clients, sessions, requests, console)


def _fill(data_dir: Path, clients: int, sessions: int, console: Console) -> None:
    create_app(data_dir, NAMES)  # create the databases
    _prepare(data_dir)
    with _server(data_dir, NAMES) as base:
        coach_id, enrolled = _enrol(base, clients, console)
        db = open_database(f"sqlite:///{data_dir / 'coaching.sqlite3'}")
        client_ids = _wait_for_coaching(db, enrolled, console)
    coaches = [coach_id] + [f"coach-{n:02d}" for n in range(1, COACHES)]
    rows = history(client_ids, coaches, sessions, date.today(), project=PROJECT)
    _share_out(db, rows)
    write_rows(db, rows)
    db.dispose()
    console.print(f"{len(client_ids):,} clients, {sessions:,} sessions, {COACHES} coaches")


def _measure(
    data_dir: Path, clients: int, sessions: int, requests: int, console: Console
) -> list[LatencyRow]:
    with _server(data_dir, NAMES) as base, httpx.Client(base_url=base, timeout=30) as http:
        http.post(
            "/api/intake/session", json={"username": "coach", "password": PASSWORD}
        ).raise_for_status()
        rng = random.Random(11)
        words = [w.lower()[:4] for w in (*FIRST_NAMES, *LAST_NAMES)]
        pages = f"/p/{PROJECT}/coaching"

        def get(path: str, **params: str) -> None:
            http.get(pages + path, params=params).raise_for_status()

        found = [
            measure("Today", lambda i: get("/today"), requests, target_p95_ms=TARGET_P95_MS),
            measure("Calendar: my week", lambda i: get("/calendar"), requests,
                    target_p95_ms=TARGET_P95_MS),
            measure("Calendar: the project's week",
                    lambda i: get("/calendar", who=PROJECT_WEEK), requests,
                    target_p95_ms=TARGET_P95_MS),
            measure("Client picker: my clients", lambda i: get("/sessions/new"), requests,
                    target_p95_ms=TARGET_P95_MS),
            measure("Client picker: a name searched",
                    lambda i: get("/sessions/new", q=rng.choice(words)), requests,
                    target_p95_ms=TARGET_P95_MS),
        ]  # fmt: skip
    console.print(
        latency_table(
            found,
            f"the coach's day over HTTP: {clients:,} clients, {sessions:,} sessions, "
            "intake and coaching in one process, SQLite FULL",
        )
    )
    return found
