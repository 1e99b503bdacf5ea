"""``duuni privacy``: verify the access log, erase a person, sweep past retention, write a
person's own copy; ``duuni log verify`` checks the access log beside intake's log."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from duuni.cli import app as duuni
from duuni.privacy_cli import PrivacyError
from shared.eventlog.sql import open_database
from tests.integration.intake.clients import CODE, database_url, enrol, sign_in

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(duuni, list(args))
    return result.exit_code, result.output


def test_export_then_erase_from_the_command_line(
    app: TestClient, data_dir: Path, tmp_path: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    folder = tmp_path / "copy"

    exported = _run("privacy", "export", client_id, "-o", str(folder), "--data-dir", str(data_dir))
    erased = _run("privacy", "erase", client_id, "--data-dir", str(data_dir))
    again = _run("privacy", "erase", client_id, "--data-dir", str(data_dir))
    verified = _run("log", "verify", "-s", "intake", "--data-dir", str(data_dir))

    assert exported[0] == 0, exported[1]
    held = json.loads((folder / f"{client_id}.json").read_text(encoding="utf-8"))
    assert held["person"]["identity_code"] == CODE
    assert held["access_log"][-1]["action"] == "export"
    assert "Henkilötietosi" in (folder / f"{client_id}.html").read_text(encoding="utf-8")
    assert erased[0] == 0 and "erased" in erased[1]
    assert app.get(f"/p/A/clients/{client_id}").status_code == 404
    assert again[0] != 0
    assert verified[0] == 0, verified[1]
    assert "intake: ok:" in verified[1] and "access log of intake — ok:" in verified[1]


def test_a_tampered_access_log_fails_both_verifications(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    app.get(f"/p/A/clients/{client_id}")
    db = open_database(database_url(data_dir))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM access_log WHERE seq = 1"))
    db.dispose()

    own = _run("privacy", "verify-access-log", "--data-dir", str(data_dir))
    log = _run("log", "verify", "-s", "intake", "--data-dir", str(data_dir))

    assert own[0] == 1 and "TAMPERED at entry 1" in own[1]
    assert log[0] == 1 and "TAMPERED at entry 1" in log[1]


def test_the_sweep_lists_in_a_dry_run_and_then_erases(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    args = ("--data-dir", str(data_dir))

    shown = _run("privacy", "retention", "A", *args)
    too_long = runner.invoke(duuni, ["privacy", "retention", "A", "--years", "101", *args])
    early = _run("privacy", "sweep", "--dry-run", "--today", "2034-12-31", *args)
    changed = _run("privacy", "retention", "A", "--until", "2030-06-30", *args)
    dry = _run("privacy", "sweep", "--dry-run", "--today", "2030-07-01", *args)
    still_there = app.get(f"/p/A/clients/{client_id}").status_code
    done = _run("privacy", "sweep", "--today", "2030-07-01", *args)

    assert "kept until 2034-12-31" in shown[1]
    assert isinstance(too_long.exception, PrivacyError)  # shown as one line by ``duuni``
    assert str(too_long.exception) == (
        "invalid_retention_years: give a number of years from 0 to 100"
    )
    assert "would erase 0 persons" in early[1]
    assert "kept until 2030-06-30" in changed[1]
    assert f"would erase {client_id} in A" in dry[1] and still_there == 200
    assert done[0] == 0 and "erased 1 persons" in done[1]
    assert app.get(f"/p/A/clients/{client_id}").status_code == 404
