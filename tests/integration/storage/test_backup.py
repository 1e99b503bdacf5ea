"""Backup and restore of the embedded default: a consistent copy taken while the logs are
written, a restore that refuses damaged or partial copies and verifies what it restored."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duuni.cli import app
from duuni.services import SERVICES
from shared import backup
from shared.backup import BackupRefused
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.runtime import open_runtime
from shared.settings import ServiceSettings
from tests.contract.events import added

SERVICE_NAMES = list(SERVICES)


def _logs(data_dir: Path) -> dict[str, SqlEventLog]:
    logs = {}
    for name in SERVICE_NAMES:
        settings = ServiceSettings(service=name, data_dir=data_dir)
        logs[name] = open_runtime(settings, trees=[SERVICES[name].tree]).log
    return logs


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    for name, log in _logs(folder).items():
        for n in range(30):
            log.append(f"{name}-stream-{n % 5}", [added(f"item-{n}")], ANY)
        log.db.dispose()
    return folder


def test_a_backup_taken_while_the_logs_grow_restores_to_verified_logs(
    data_dir: Path, tmp_path: Path
) -> None:
    logs = _logs(data_dir)
    stop = threading.Event()

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            for name, log in logs.items():
                log.append(f"{name}-busy", [added(f"busy-{n}")], ANY)
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        manifest = backup.take(data_dir, tmp_path / "backup", SERVICE_NAMES, "test")
    finally:
        stop.set()
        writer.join()

    restored = tmp_path / "restored"
    backup.restore(tmp_path / "backup", restored)
    heads = manifest["log_heads"]
    assert isinstance(heads, dict)
    for name in SERVICE_NAMES:
        log = SqlEventLog(open_database(f"sqlite:///{restored / f'{name}.sqlite3'}"), name)
        assert log.verify().ok
        assert log.head().position == heads[name]["position"] >= 30
        assert log.head().position <= logs[name].head().position


def _backup(data_dir: Path, target: Path) -> Path:
    backup.take(data_dir, target, SERVICE_NAMES, "test")
    return target


def test_a_damaged_backup_is_refused_and_nothing_is_restored(
    data_dir: Path, tmp_path: Path
) -> None:
    copy = _backup(data_dir, tmp_path / "backup")
    damaged = copy / "coaching.sqlite3"
    content = bytearray(damaged.read_bytes())
    content[len(content) // 2] ^= 0xFF
    damaged.write_bytes(bytes(content))

    with pytest.raises(BackupRefused, match=r"damaged: coaching\.sqlite3"):
        backup.restore(copy, tmp_path / "restored")
    assert not any((tmp_path / "restored").glob("*.sqlite3"))


def test_a_partial_backup_is_refused(data_dir: Path, tmp_path: Path) -> None:
    copy = _backup(data_dir, tmp_path / "backup")
    (copy / "matching.sqlite3").unlink()

    with pytest.raises(BackupRefused, match=r"partial: matching\.sqlite3 is missing"):
        backup.restore(copy, tmp_path / "restored")


def test_a_backup_whose_log_was_rewritten_to_match_is_caught_by_its_manifest(
    data_dir: Path, tmp_path: Path
) -> None:
    copy = _backup(data_dir, tmp_path / "backup")
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["log_heads"]["intake"]["position"] += 1
    (copy / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(BackupRefused, match="restored intake log ends at"):
        backup.restore(copy, tmp_path / "restored")


def test_restore_never_writes_over_a_data_folder(data_dir: Path, tmp_path: Path) -> None:
    copy = _backup(data_dir, tmp_path / "backup")

    with pytest.raises(BackupRefused, match="not empty"):
        backup.restore(copy, data_dir)


def test_the_commands_back_up_and_restore_with_one_line_errors(
    data_dir: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    target, restored = tmp_path / "backup", tmp_path / "restored"

    taken = runner.invoke(app, ["backup", str(target), "--data-dir", str(data_dir)])
    again = runner.invoke(app, ["restore", str(target), "--data-dir", str(restored)])

    assert taken.exit_code == 0 and "backup of 4 databases" in taken.output
    assert again.exit_code == 0 and "every log verifies" in again.output
    refused = subprocess.run(
        [sys.executable, "-m", "duuni", "restore", str(target), "--data-dir", str(restored)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2
    assert refused.stderr.strip().startswith("error:") and "not empty" in refused.stderr
    assert "Traceback" not in refused.stderr
