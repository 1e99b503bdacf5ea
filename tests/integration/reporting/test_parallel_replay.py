"""A replay in shares of the projects, each a process of its own, over real SQLite logs.

It must rebuild exactly the live projection and the same figures, skip what the live
projection dead-letters, and leave the live tables as they were when a share fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from services.reporting.adapters.environment import LogDatabases
from services.reporting.adapters.processes import ProcessRunner, ShareFailed
from services.reporting.adapters.store import SqlFactStore
from services.reporting.config import ReportingSettings
from services.reporting.domain.figures import Period, report
from services.reporting.service_layer.replay import (
    InProcess,
    Job,
    ReplayProgress,
    ShareResult,
    replay,
)
from shared.web.service import WebService
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import (
    attendance,
    company,
    corrected,
    enrolled,
    exited,
    placement,
    relation,
    session,
)

YEAR = Period(date(2019, 1, 1), date(2019, 12, 31))
PROJECTS = ("S10001", "S10002", "S10003", "S10004", "S10005")


def many_projects(logs: Logs) -> None:
    for n, project in enumerate(PROJECTS):
        for client in range(n + 2):
            c = f"{project}-c{client}"
            logs.record(
                enrolled(c, "2019-02-01", age_at_entry=30 + client), session(c, "2019-02-05"),
                session(c, "2019-03-05", 90), attendance(c, "m1", "2019-03-10"),
                corrected(c, gender="male"), company(f"{project}-firm"),
                relation(f"{project}-firm", "supported", "2019-03-01"),
                placement(c, f"{project}-firm", "2019-05-01"),
                exited(c, "2019-06-01", "employed"),
                project=project,
            )  # fmt: skip


def store_of(service: WebService) -> SqlFactStore:
    return SqlFactStore(service.runtime.log.db, service.runtime.store)


def databases(data_dir: Path) -> LogDatabases:
    return LogDatabases.of(ReportingSettings(data_dir=data_dir))


def test_shares_in_processes_rebuild_exactly_the_live_projection(
    logs: Logs, reporting: WebService, data_dir: Path
) -> None:
    many_projects(logs)
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()
    runner = ProcessRunner("spawn")

    result = replay(databases(data_dir), shares=3, runner=runner, period=YEAR)

    assert store.all_facts() == live
    assert [share.folded > 0 for share in result.shares] == [True, True, True]
    assert sorted(result.figures) == sorted(PROJECTS)
    for project in PROJECTS:
        assert result.figures[project] == report(live.of_project(project), YEAR).values()
    assert sorted(runner.peak_mb) == [0, 1, 2]


def test_the_command_line_forks_its_shares_and_swaps_in_the_live_projection(
    logs: Logs, reporting: WebService, data_dir: Path
) -> None:
    """Forking is safe only in a process that runs no other thread, as the command line
    does; a test session runs many, so the command runs in a process of its own."""
    many_projects(logs)
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()

    done = subprocess.run(
        [sys.executable, "-m", "duuni", "replay", "--workers", "3",
         "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "3 processes" in done.stdout
    assert store.all_facts() == live


def test_a_replay_skips_an_event_the_live_projection_dead_letters(
    logs: Logs, reporting: WebService, data_dir: Path
) -> None:
    many_projects(logs)
    logs.record(("coaching.session_held", {"client_id": "S10001-c0"}), project="S10001")
    bad = logs.logs["coaching"].head().position
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()

    result = replay(databases(data_dir), shares=2, runner=ProcessRunner())

    assert store.all_facts() == live
    assert [(log, position) for log, position, _why in result.refused] == [("coaching", bad)]


def _fails(progress: ReplayProgress | None) -> ShareResult:
    raise RuntimeError("the disk is full")


def _dies(progress: ReplayProgress | None) -> ShareResult:
    os._exit(9)


class FailingSecond:
    """Runs the first share, then one that fails as ``job`` does, in processes."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def run(self, jobs: Sequence[Job], progress: ReplayProgress | None) -> list[ShareResult]:
        return ProcessRunner().run([jobs[0], self.job], progress)


@pytest.mark.parametrize(("job", "said"), [(_fails, "the disk is full"), (_dies, "died")])
def test_a_failing_share_leaves_the_live_tables_as_they_were(
    logs: Logs, reporting: WebService, data_dir: Path, job: Job, said: str
) -> None:
    many_projects(logs)
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()

    with pytest.raises(ShareFailed, match=said):
        replay(databases(data_dir), shares=2, runner=FailingSecond(job))

    assert store.all_facts() == live


def test_a_database_of_the_old_layout_is_rebuilt_when_the_service_starts(
    logs: Logs, data_dir: Path
) -> None:
    from duuni.services import SERVICES

    many_projects(logs)
    service = SERVICES["reporting"].start(data_dir)
    store = store_of(service)
    expected = store.all_facts()
    with service.runtime.log.db.engine.begin() as conn:  # as version 1 left it
        conn.execute(text("DELETE FROM rp_layout"))
        conn.execute(text("DELETE FROM rp_participants"))
        conn.execute(text("CREATE TABLE rp_sessions (project_id TEXT, session_id TEXT)"))
    service.runtime.close()

    again = SERVICES["reporting"].start(data_dir)
    try:
        store = store_of(again)
        assert store.layout_current()
        assert store.all_facts() == expected
        with again.runtime.log.db.read() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert "rp_sessions" not in tables
    finally:
        again.runtime.close()


def test_the_swap_keeps_the_freed_pages_of_the_old_tables_on_its_own_connection_alone(
    logs: Logs, reporting: WebService
) -> None:
    """The old live tables are dropped without overwriting their pages; every pooled
    connection afterwards overwrites freed pages as it did before (an erasure's)."""
    many_projects(logs)
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()

    def overwriting() -> list[int]:
        with store.db.read() as a, store.db.read() as b:
            return [int(c.exec_driver_sql("PRAGMA secure_delete").scalar() or 0) for c in (a, b)]

    before = overwriting()
    store.replace_all(live, {})

    assert store.all_facts() == live
    assert overwriting() == before


class LeftUnindexed:
    """Runs the shares in this process, then reads which kinds they left to the swap to
    index."""

    def __init__(self, store: SqlFactStore) -> None:
        self.store = store
        self.kinds: list[str] | None = None

    def run(self, jobs: Sequence[Job], progress: ReplayProgress | None) -> list[ShareResult]:
        results = InProcess().run(jobs, progress)
        with self.store.db.read() as conn:
            found = conn.exec_driver_sql("SELECT kind FROM rp_next_writers WHERE indexed = 0")
            self.kinds = [str(row[0]) for row in found]
        return results


def test_the_last_share_to_write_a_kind_indexes_it_and_the_swap_keeps_one_index_a_table(
    logs: Logs, reporting: WebService, data_dir: Path
) -> None:
    many_projects(logs)
    reporting.runtime.catch_up()
    store = store_of(reporting)
    live = store.all_facts()
    runner = LeftUnindexed(store)

    replay(databases(data_dir), shares=3, runner=runner)

    assert runner.kinds == []
    assert store.all_facts() == live
    with store.db.read() as conn:
        found = conn.exec_driver_sql("SELECT type, name, tbl_name FROM sqlite_master")
        rows = [(str(kind), str(name), str(table)) for kind, name, table in found]
    assert not [name for _, name, _ in rows if name.startswith("rp_next_")]
    for table in ("rp_participants", "rp_coaching", "rp_companies", "rp_costs"):
        assert len([n for k, n, t in rows if k == "index" and t == table and "ux_" in n]) == 1
