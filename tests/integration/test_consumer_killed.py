"""A consumer process killed with SIGKILL mid-stream resumes with no lost, no doubled effect.

The contract suite simulates the crash inside one process; this test kills a real one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select, text

from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events import NewEvent

WORKER = textwrap.dedent(
    """
    import sys, time
    from sqlalchemy import insert
    from shared.eventlog.sql import SqlEventLog, open_database
    from shared.eventlog.subscription import ConsumerStore, LogSubscription
    from tests.contract.events import effects, effects_metadata

    source = SqlEventLog(open_database(sys.argv[1]), "source")
    store = ConsumerStore(open_database(sys.argv[2])).create()
    store.db.create(effects_metadata)

    def project(event, conn):
        conn.execute(insert(effects).values(position=event.position, event_id=event.event_id))
        time.sleep(0.002)

    subscription = LogSubscription("projector", source, store, project, batch_size=40)
    while subscription.run_once():
        pass
    """
)


def test_a_consumer_killed_with_sigkill_resumes_exactly_once(tmp_path: Path) -> None:
    source_url = f"sqlite:///{tmp_path}/source.db"
    sink_url = f"sqlite:///{tmp_path}/sink.db"
    log = SqlEventLog(open_database(source_url), "source").create()
    for n in range(400):
        log.append(f"s-{n % 9}", [_event(n)], ANY)
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}

    worker = subprocess.Popen([sys.executable, str(script), source_url, sink_url], env=env)
    sink = open_database(sink_url)
    deadline = time.monotonic() + 30
    while _applied(sink) < 120 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    applied_at_kill = _applied(sink)
    resumed = subprocess.run(
        [sys.executable, str(script), source_url, sink_url], env=env, timeout=60
    )

    assert 120 <= applied_at_kill < 400
    assert resumed.returncode == 0
    with sink.read() as conn:
        positions = list(
            conn.execute(text("SELECT position FROM effects ORDER BY position")).scalars()
        )
    assert positions == list(range(1, 401))


def _event(n: int) -> NewEvent:
    return NewEvent(
        event_type="test.item_added", schema_version=2, payload={"item": f"i{n}", "quantity": 1},
        project_id="S21048", actor="coach-1", correlation_id="c",
    )  # fmt: skip


def _applied(sink: object) -> int:
    from shared.eventlog.sql import Database
    from tests.contract.events import effects

    assert isinstance(sink, Database)
    try:
        with sink.read() as conn:
            return int(conn.execute(select(func.count()).select_from(effects)).scalar_one())
    except Exception:  # the worker has not created the table yet
        return 0
