"""Backups of the embedded default: a consistent copy of every service's database.

Each SQLite file is copied with SQLite's online backup API, so the services may keep
running and writing: each copy is one consistent snapshot of its database. A manifest
beside the copies names every file with its size and SHA-256 and every service's log
head (position and hash), so that a restore can refuse a damaged or partial backup and
check that the restored logs end where the backup said.

Keys that protect personal data are not part of a data backup, by design: a stolen
backup alone must not open the data. They are kept and backed up apart (see
deploy/README.md).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
FORMAT = 1


class BackupRefused(Exception):
    """The backup cannot be taken or restored; the message says why."""


@dataclasses.dataclass(frozen=True)
class Head:
    position: int
    hash: str


def copy_sqlite(source: Path, target: Path, pages_per_step: int = 1024) -> None:
    """One consistent copy of a live SQLite database (WAL included), taken in steps."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(sqlite3.connect(source, timeout=30)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst, pages=pages_per_step)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def log_head(database: Path) -> Head | None:
    """The log head recorded in one service's database (None for an empty log)."""
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as conn:
        try:
            row = conn.execute("SELECT position, hash FROM log_head WHERE id = 1").fetchone()
        except sqlite3.OperationalError:
            return None
    return Head(int(row[0]), str(row[1])) if row else None


def service_files(data_dir: Path, services: Sequence[str]) -> list[Path]:
    return [
        data_dir / f"{name}.sqlite3" for name in services if (data_dir / f"{name}.sqlite3").exists()
    ]


def take(
    data_dir: Path,
    target: Path,
    services: Sequence[str],
    version: str,
    progress: Callable[[str], None] = lambda _name: None,
) -> dict[str, object]:
    """Copy every service database of ``data_dir`` into ``target`` with a manifest."""
    if target.exists() and any(target.iterdir()):
        raise BackupRefused(f"{target} is not empty: name a new folder for the backup")
    sources = service_files(data_dir, services)
    if not sources:
        raise BackupRefused(f"no service databases in {data_dir}")
    files: dict[str, dict[str, object]] = {}
    heads: dict[str, object] = {}
    for source in sources:
        progress(source.stem)
        copy = target / source.name
        copy_sqlite(source, copy)
        files[source.name] = {"bytes": copy.stat().st_size, "sha256": sha256(copy)}
        head = log_head(copy)
        heads[source.stem] = dataclasses.asdict(head) if head else None
    manifest: dict[str, object] = {
        "format": FORMAT,
        "duuni": version,
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": files,
        "log_heads": heads,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def checked_manifest(backup: Path) -> dict[str, object]:
    """The manifest, once every file it names is there with its size and checksum."""
    try:
        manifest: dict[str, Any] = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupRefused(f"{backup} has no readable {MANIFEST}: not a Duuni backup") from error
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupRefused(f"{backup}: unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        copy = backup / Path(name).name
        if not copy.is_file():
            raise BackupRefused(f"{backup} is partial: {name} is missing")
        if copy.stat().st_size != expected["bytes"] or sha256(copy) != expected["sha256"]:
            raise BackupRefused(f"{backup} is damaged: {name} does not match its checksum")
    return manifest


def restore(backup: Path, data_dir: Path) -> dict[str, object]:
    """Copy a checked backup into an empty data folder; the restored heads must match."""
    manifest = checked_manifest(backup)
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BackupRefused(f"{data_dir} is not empty: restore into a new, empty folder")
    data_dir.mkdir(parents=True, exist_ok=True)
    files = manifest["files"]
    assert isinstance(files, dict)
    with _undone_on_failure(data_dir, list(files)):
        for name in files:
            shutil.copyfile(backup / name, data_dir / name)
        heads = manifest.get("log_heads") or {}
        assert isinstance(heads, dict)
        for service, expected in heads.items():
            head = log_head(data_dir / f"{service}.sqlite3")
            found = dataclasses.asdict(head) if head else None
            if found != expected:
                raise BackupRefused(f"the restored {service} log ends at {found}, not {expected}")
    return manifest


@contextlib.contextmanager
def _undone_on_failure(data_dir: Path, names: list[str]) -> Iterator[None]:
    try:
        yield
    except BaseException:
        for name in names:
            (data_dir / name).unlink(missing_ok=True)
        raise


def before_upgrade(database: Path, data_dir: Path, service: str) -> Path:
    """A copy of one service's database taken just before its schema is upgraded."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = data_dir / "backups" / f"before-upgrade-{stamp}" / f"{service}.sqlite3"
    copy_sqlite(database, target)
    return target
