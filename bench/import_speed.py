"""How fast ``duuni import participants`` brings a project in: rows per second.

A synthetic sheet of the participant export's codes form (10,000 participants by default,
two in three of them with an exit) is imported into a fresh data folder per run, through
intake's bus exactly as the command does: the whole file checked dry first, then every row
imported. Beside it, in the same run, the floor: reading and parsing the same file alone
(``read_participants``), which no import can beat. The table gives medians over the runs.

Run as ``python -m bench.import_speed [participants] [runs]``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from duuni.demo.accounts import PROJECT, create_users_and_projects
from duuni.services import SERVICES
from services.intake.entrypoints.import_run import RowStatus, run_import
from services.intake.entrypoints.import_sheet import PARTICIPANT_COLUMNS, read_participants
from services.intake.entrypoints.state import IntakeState
from shared.messagebus import CommandContext

STATUSES = ("employed", "education_or_training", "job_searching", "unemployed", "unknown")


def synthetic_sheet(participants: int, today: date, seed: int = 2026) -> bytes:
    """A codes-form CSV of ``participants`` rows inside the demo project's target group."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PARTICIPANT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for number in range(participants):
        entered = today - timedelta(days=rng.randint(60, 900))
        row = {
            "participant_id": f"P{number:06d}",
            "start_date": entered.isoformat(),
            "gender": rng.choice(("female", "male")),
            "age_at_start": rng.randint(50, 66),
            "employment_status_at_start": "unemployed",
            "unemployed_since": (entered - timedelta(days=rng.randint(30, 2000))).isoformat(),
            "highest_education_before_start": rng.choice(("isced_0_2", "isced_3_4", "isced_5_8")),
        }
        if rng.random() < 2 / 3:
            status = rng.choice(STATUSES)
            row["end_date"] = (entered + timedelta(days=rng.randint(1, 55))).isoformat()
            row["status_upon_leaving"] = status
            if status == "employed":
                row["employment_type"] = "open_market_full_time"
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


@dataclasses.dataclass(frozen=True, slots=True)
class ImportSpeed:
    participants: int
    runs: int
    import_seconds: float
    """Median over the runs: the dry check and the import of every row."""
    parse_seconds: float
    """Median over the runs: reading and parsing the file alone (the floor)."""

    @property
    def rows_per_second(self) -> float:
        return self.participants / self.import_seconds

    @property
    def floor_rows_per_second(self) -> float:
        return self.participants / self.parse_seconds


def _one_run(content: bytes, today: date) -> tuple[float, float]:
    started = time.perf_counter()
    sheet = read_participants(content, "participants.csv")
    parsed = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="duuni-import-bench-") as folder:
        data_dir = Path(folder)
        create_users_and_projects(data_dir, today)
        service = SERVICES["intake"].start(data_dir)
        try:
            state = service.state
            assert isinstance(state, IntakeState)
            stored = state.auth.store.user_by_username("paivi")
            assert stored is not None
            user = stored.user
            context = CommandContext(
                actor=user.id, project_id=PROJECT, roles=user.roles_in(PROJECT),
                projects=user.projects(),
            )  # fmt: skip
            started = time.perf_counter()
            outcome = run_import(state.bus, context, read_participants(content, "p.csv"),
                                 dry_run=False)  # fmt: skip
            imported = time.perf_counter() - started
        finally:
            service.runtime.close()
    if outcome.count(RowStatus.CREATED) != len(sheet.rows):
        raise RuntimeError(f"only {outcome.count(RowStatus.CREATED)} rows were imported")
    return imported + parsed, parsed


def run_import_benchmark(
    participants: int = 10_000, runs: int = 3, console: Console | None = None
) -> ImportSpeed:
    today = date.today()
    content = synthetic_sheet(participants, today)
    timings = [_one_run(content, today) for _ in range(runs)]
    result = ImportSpeed(
        participants=participants,
        runs=runs,
        import_seconds=statistics.median(t[0] for t in timings),
        parse_seconds=statistics.median(t[1] for t in timings),
    )
    table = Table(title=f"Import of {participants:,} participants (median of {runs})")
    for heading in ("step", "seconds", "rows/s"):
        table.add_column(heading, justify="left" if heading == "step" else "right")
    table.add_row("read + parse (floor)", f"{result.parse_seconds:.2f}",
                  f"{result.floor_rows_per_second:,.0f}")  # fmt: skip
    table.add_row("import (check + store)", f"{result.import_seconds:.2f}",
                  f"{result.rows_per_second:,.0f}")  # fmt: skip
    (console or Console()).print(table)
    return result


if __name__ == "__main__":
    asked = [int(a) for a in sys.argv[1:3]]
    run_import_benchmark(
        participants=asked[0] if asked else 10_000, runs=asked[1] if len(asked) > 1 else 3
    )
