"""``load_demo``: check the folder, write the accounts, serve the app and run the phases.

The phases run in a fixed order, each a task of the progress bar. After the phases that
record what other services learn from (intake's clients, matching's companies), the
loader waits for coaching and matching to catch up before the next phase books or
refers anyone.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from duuni.demo import coaching, employers, enrolment, exits, groups, oulu, referrals
from duuni.demo.accounts import (
    PROJECT,
    DemoLogins,
    create_users_and_projects,
    demo_logins,
    refuse_if_used,
)
from duuni.demo.api import REQUEST_SECONDS, DemoApi
from duuni.demo.errors import DemoError
from duuni.demo.scenario import Phase, Scenario
from duuni.demo.server import live_app
from shared.web.operators import operator_headers

PHASES: tuple[tuple[str, Phase, bool], ...] = (
    ("Enrolling DuuniAgentti's clients", enrolment.enrolments, True),
    ("Correcting and reassigning", enrolment.corrections_and_coach_changes, True),
    ("Registering companies", employers.company_work, False),
    ("Recording job leads", employers.lead_work, False),
    ("Coaching sessions", coaching.session_work, False),
    ("Groups and job-search days", groups.programme_work, False),
    ("VerkkoAgentti online course", groups.course_work, False),
    ("Goals and pre-coaching", coaching.plan_work, False),
    ("Referrals and placements", referrals.matching_work, True),
    ("In-work coaching", coaching.in_work_work, False),
    ("Exits and re-entries", exits.exit_work, True),
    ("Coaching the returners", exits.return_work, False),
    ("DuuniPolku (Oulu)", oulu.oulu_work, True),
)
"""Name, phase, and whether to wait for the consumers after it."""


def load_demo(
    data_dir: Path,
    *,
    clients: int = 300,
    seed: int = 2026,
    today: date | None = None,
    console: Console | None = None,
) -> DemoLogins:
    """Fill the empty ``data_dir`` with the demo; refuse (``DemoError``) if it has users.

    ``today`` (by default the calendar day) must not lie in the future: sessions and
    attendance are recorded as held, and the services refuse those after their today.
    """
    started = time.monotonic()
    today = today or date.today()
    if clients < 10:
        raise DemoError("the demo needs at least 10 clients")
    if today > date.today() + timedelta(days=1):
        raise DemoError(f"today ({today}) is in the future: sessions cannot be held then")
    data_dir.mkdir(parents=True, exist_ok=True)
    refuse_if_used(data_dir)
    user_ids = create_users_and_projects(data_dir, today)
    rng = random.Random(seed)
    console = console or Console()
    with (
        live_app(data_dir) as served,
        httpx.Client(
            base_url=served.base_url,
            timeout=REQUEST_SECONDS,
            headers=operator_headers(served.operator_token),
        ) as http,
    ):
        api = DemoApi(http, user_ids)
        _run_phases(Scenario(api, rng, today, seed, clients), console)
    seconds = time.monotonic() - started
    console.print(
        f"Demo loaded: {clients} clients in {PROJECT}, {api.requests:,} API requests "
        f"in {seconds:.1f} s.",
        highlight=False,
    )
    return demo_logins(requests=api.requests, seconds=seconds)


def _run_phases(demo: Scenario, console: Console) -> None:
    """Every phase in turn: plan its steps, send them, and wait for the consumers if asked."""
    with Progress(
        TextColumn("{task.description:<34}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        tasks = [progress.add_task(name, total=None) for name, _, _ in PHASES]
        for task, (_, plan, from_intake) in zip(tasks, PHASES, strict=True):
            steps = plan(demo)
            progress.update(task, total=len(steps))
            for step in steps:
                step()
                progress.advance(task)
            if from_intake:
                demo.api.wait_for_consumers()
