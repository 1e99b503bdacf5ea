"""``duuni replay``, ``duuni report`` and ``duuni audit export|verify`` on a data folder."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from services.reporting.cli import reporting_cli
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import PROJECT, enrolled, exited

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(reporting_cli, list(args))
    return result.exit_code, result.output


def test_replay_rebuilds_and_tells_the_rate(logs: Logs, data_dir: Path) -> None:
    logs.record(enrolled("c1", "2019-02-01"), exited("c1", "2019-03-01", "employed"))

    code, output = run("replay", "--data-dir", str(data_dir))

    assert code == 0, output
    assert "replayed 2 events" in output
    assert "events/s" in output


def test_report_as_of_a_day_shows_the_figures_of_that_day(logs: Logs, data_dir: Path) -> None:
    logs.record(enrolled("c1", "2019-02-01"))

    _, today = run("report", "--project", PROJECT, "--end", "2019-12-31", "--format", "json",
                   "--data-dir", str(data_dir))  # fmt: skip
    _, long_ago = run("report", "--project", PROJECT, "--as-of", "2019-07-31", "--format",
                      "json", "--data-dir", str(data_dir))  # fmt: skip

    assert json.loads(today)["figures"]["participants.total"]["cumulative"] == 1
    assert json.loads(long_ago)["figures"]["participants.total"]["cumulative"] == 0


def test_report_refuses_a_period_that_starts_after_it_ends(logs: Logs, data_dir: Path) -> None:
    code, output = run("report", "--project", PROJECT, "--start", "2019-05-01", "--end",
                       "2019-04-01", "--data-dir", str(data_dir))  # fmt: skip

    assert code == 2
    assert "--start is after --end" in output


def test_an_exported_pack_verifies_until_the_log_is_tampered_with(
    logs: Logs, data_dir: Path, tmp_path: Path
) -> None:
    logs.record(enrolled("c1", "2019-02-01"), exited("c1", "2019-03-01", "employed"))
    pack = tmp_path / "pack.json"

    code, output = run("audit", "export", "--project", PROJECT, "--end", "2019-12-31",
                       "--output", str(pack), "--data-dir", str(data_dir))  # fmt: skip
    assert code == 0, output
    assert run("audit", "verify", str(pack), "--data-dir", str(data_dir))[0] == 0

    with logs.logs["intake"].db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE events SET payload = replace(payload, 'employed', 'inactive')"
                " WHERE position = 2"
            )
        )
    code, output = run("audit", "verify", str(pack), "--data-dir", str(data_dir))

    assert code == 1
    assert "first bad event at position 2" in output
