"""A coach's day at scale: how fast Today and the calendar's week read their data from
coaching's read models with 10,000 clients and 200,000 sessions in one project.

Run as ``python -m bench.coaching_day`` (``--clients``, ``--sessions``, ``--requests``).
The read models are filled directly (as a replay of the logs would leave them) in a fresh
embedded database; each measured action is the queries one page makes (Today: my
sessions of the rest of the week, my open tasks derived and recorded, my clients with the last
contact; the calendar: one coach's or the whole project's week), without drawing HTML.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time as clock
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console

from bench.latency import LatencyRow, latency_table, measure
from services.coaching.adapters import day_tables as d
from services.coaching.adapters import tables as t
from services.coaching.adapters.day_store import SqlWorkDay
from services.coaching.adapters.tables import coaching_metadata
from shared.eventlog.sql import Database, open_database

PROJECT = "BENCH01"
TARGET_P95_MS = 100.0


def fill(db: Database, clients: int, sessions: int, today: date, seed: int = 7) -> list[str]:
    """The project's read models: clients among 40 coaches, two years of sessions (a few
    booked and never recorded), leavers, in-work plans, course participants and notes."""
    coaches = [f"coach-{n:02d}" for n in range(40)]
    client_ids = [f"client-{n:06d}" for n in range(clients)]
    rows = history(client_ids, coaches, sessions, today, seed)
    write_rows(db, rows)
    return coaches


def history(
    client_ids: list[str],
    coaches: list[str],
    sessions: int,
    today: date,
    seed: int = 7,
    project: str = PROJECT,
) -> dict[str, list[dict[str, object]]]:
    """Rows of coaching's read models for ``client_ids`` shared out among ``coaches``."""
    rng = random.Random(seed)
    clients = len(client_ids)
    coach_of = {c: coaches[i % len(coaches)] for i, c in enumerate(client_ids)}
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in
                                               ("clients", "sessions", "leavers", "plans",
                                                "courses", "notes")}  # fmt: skip
    for i, client in enumerate(client_ids):
        left = (i // len(coaches)) % 5 == 0  # a fifth of each coach's clients
        rows["clients"].append({
            "client_id": client, "project_id": project, "coach_id": coach_of[client],
            "active": not left, "entered_on": today - timedelta(rng.randint(30, 700)),
            "exited_on": today - timedelta(rng.randint(1, 500)) if left else None,
        })  # fmt: skip
        if left:
            row = rows["clients"][-1]
            rows["leavers"].append({
                "client_id": client, "exited_on": row["exited_on"], "status_known": i % 3 == 0,
                "upon_leaving_recorded": i % 2 == 0, "followed_up_on": None,
            })  # fmt: skip
        if i % 30 == 1:
            rows["plans"].append({
                "plan_id": f"plan-{i}", "project_id": project, "client_id": client,
                "company_id": "company-1", "started_on": today - timedelta(rng.randint(5, 200)),
                "ended_on": None, "follow_on": None,
            })  # fmt: skip
        if i % 20 == 2:
            rows["courses"].append({
                "course_id": "course-1", "client_id": client, "project_id": project, "days": 15,
                "enrolled_on": today - timedelta(rng.randint(1, 90)), "completed_on": None,
            })  # fmt: skip
        if i % 2 == 0:
            rows["notes"].append({
                "note_id": f"note-{i}", "project_id": project, "client_id": client,
                "author_id": coach_of[client], "kind": "call",
                "noted_on": today - timedelta(rng.randint(0, 300)),
            })  # fmt: skip
    for n in range(sessions):
        client = client_ids[rng.randrange(clients)]
        held_on = today + timedelta(rng.randint(-700, 60))
        status = "booked" if held_on >= today or n % 100 == 0 else "held"
        rows["sessions"].append({
            "session_id": f"session-{n:07d}", "project_id": project, "client_id": client,
            "coach_id": coach_of[client], "held_on": held_on,
            "starts_at": f"{rng.randint(8, 15):02d}:{rng.choice(['00', '30'])}",
            "duration_minutes": 60, "mode": "in_person", "kind": "personal_coaching",
            "topics": "", "status": status, "cancel_reason": None,
        })  # fmt: skip
    return rows


def write_rows(db: Database, rows: dict[str, list[dict[str, object]]]) -> None:
    """Insert ``rows`` (from ``history``) into their tables, in chunks."""
    tables = {"clients": t.clients, "sessions": t.sessions, "leavers": d.leavers,
              "plans": t.in_work_plans, "courses": t.course_participants,
              "notes": d.case_notes}  # fmt: skip
    with db.engine.begin() as conn:
        for name, table in tables.items():
            for start in range(0, len(rows.get(name, [])), 5000):
                conn.execute(table.insert(), rows[name][start : start + 5000])


def run(clients: int, sessions: int, requests: int, console: Console) -> list[LatencyRow]:
    today = date(2026, 12, 3)
    monday = today - timedelta(today.weekday())
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'coaching.sqlite3'}")
        db.create(coaching_metadata)
        started = clock.perf_counter()
        coaches = fill(db, clients, sessions, today)
        console.print(f"filled {clients:,} clients and {sessions:,} sessions in "
                      f"{clock.perf_counter() - started:.1f} s")  # fmt: skip
        board = SqlWorkDay(db)

        def coach(i: int) -> str:
            return coaches[i % len(coaches)]

        sunday = monday + timedelta(6)

        def today_page(i: int) -> None:
            board.sessions_between(PROJECT, coach(i), today, sunday)
            board.open_tasks(PROJECT, today, owner_id=coach(i))
            board.clients_of(PROJECT, coach(i))

        found = [
            measure("Today: my sessions this week",
                    lambda i: board.sessions_between(PROJECT, coach(i), today, sunday), requests),
            measure("Today: my open tasks",
                    lambda i: board.open_tasks(PROJECT, today, owner_id=coach(i)), requests),
            measure("Today: my clients, last contact",
                    lambda i: board.clients_of(PROJECT, coach(i)), requests),
            measure("Today: all of the page's queries", today_page, requests,
                    target_p95_ms=TARGET_P95_MS),
            measure("Calendar: my week",
                    lambda i: board.calendar(PROJECT, coach(i), monday, monday + timedelta(6)),
                    requests, target_p95_ms=TARGET_P95_MS),
            measure("Calendar: the project's week",
                    lambda i: board.calendar(PROJECT, None, monday, monday + timedelta(6)),
                    requests, target_p95_ms=TARGET_P95_MS),
        ]  # fmt: skip
        db.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    console = Console(width=120)
    rows = run(args.clients, args.sessions, args.requests, console)
    console.print(latency_table(rows, "A coach's day: Today and the calendar week"))


if __name__ == "__main__":
    main()
