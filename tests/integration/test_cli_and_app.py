"""The command line and the single-process app, as a user meets them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from duuni.app import create_app
from duuni.services import SERVICES
from shared.eventlog.port import ANY
from shared.events import Context, NewEvent
from tests.operator import OPERATOR


def duuni(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "duuni", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def seed_intake(data_dir: Path, count: int) -> None:
    runtime = SERVICES["intake"].start(data_dir).runtime
    context = Context(project_id="S21048", actor="coach-1")
    for n in range(count):
        event = NewEvent(
            event_type="intake.test_recorded", schema_version=1, payload={"n": n},
            project_id=context.project_id, actor=context.actor,
            correlation_id=context.correlation_id,
        )  # fmt: skip
        runtime.log.append(f"client-{n % 3}", [event], ANY)
    runtime.close()


def test_the_app_serves_health_docs_and_a_home_page(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path)) as client:
        health = client.get("/health", headers=OPERATOR)
        docs = client.get("/docs")
        home = client.get("/")
        one = client.get("/api/reporting/health", headers=OPERATOR)

    assert health.status_code == 200
    assert set(health.json()["services"]) == {"intake", "coaching", "matching", "reporting"}
    assert health.json()["status"] == "ok"
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert home.status_code == 200 and 'lang="fi"' in home.text
    assert one.json()["log"]["position"] == 0
    assert sorted(p.name for p in tmp_path.glob("*.sqlite3")) == [
        "coaching.sqlite3", "intake.sqlite3", "matching.sqlite3", "reporting.sqlite3",
    ]  # fmt: skip


def test_log_verify_passes_then_names_the_tampered_event(tmp_path: Path) -> None:
    seed_intake(tmp_path / "data", 12)

    clean = duuni("log", "verify", "-s", "intake", cwd=tmp_path)
    runtime = SERVICES["intake"].start(tmp_path / "data").runtime
    with runtime.log.db.engine.begin() as conn:
        conn.execute(text("UPDATE events SET payload = :p WHERE position = 7"), {"p": '{"n":99}'})
    runtime.close()
    tampered = duuni("log", "verify", "-s", "intake", cwd=tmp_path)

    assert clean.returncode == 0, clean.stderr
    assert "intake: ok: 12 events verified" in clean.stdout
    assert tampered.returncode == 1
    assert "TAMPERED at position 7" in tampered.stdout


def test_log_tail_prints_one_line_per_event(tmp_path: Path) -> None:
    seed_intake(tmp_path / "data", 5)

    result = duuni("log", "tail", "-s", "intake", "--limit", "3", cwd=tmp_path)

    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0
    assert [line.split()[0] for line in lines] == ["3", "4", "5"]
    assert "intake.test_recorded" in lines[0] and "actor=coach-1" in lines[0]


def test_a_user_mistake_is_one_clear_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    missing = duuni("log", "verify", cwd=tmp_path)
    unknown = duuni("log", "tail", "-s", "payroll", cwd=tmp_path)

    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "error: no intake log in data: start the system with 'duuni up' first"
    )
    assert unknown.returncode == 2
    assert "unknown service 'payroll'" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr


def test_every_page_forbids_framing_and_scripts(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from duuni.app import create_app

    with TestClient(create_app(tmp_path / "data", ["intake"])) as client:
        page = client.get("/login")
        docs = client.get("/docs")

    assert page.status_code == 200
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in docs.headers
