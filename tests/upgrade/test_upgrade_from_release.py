"""An upgrade keeps every record: the data of the previous release, made and used by that
release's own code, is taken over by this code with its figures, personal data, logs and
audit packs intact, on the embedded SQLite default and on PostgreSQL.

The previous release's code is taken from git (its tag, or its commit where a clone has
no tags) and run as it was; only the checks use the current code.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.kafka_broker import in_ci
from tests.upgrade.releases import PREVIOUS

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "S21048"
SERVICES = ("intake", "coaching", "matching", "reporting")
MASTER_KEY = "5a" * 32
"""PostgreSQL has no data folder for a key file: the master key comes from the environment."""

# The previous release loads the demo through its API: minutes on PostgreSQL.
pytestmark = pytest.mark.timeout(1800)


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)


def _release_code(target: Path) -> Path:
    """The previous release's packages, extracted from git into ``target``."""
    for ref in (PREVIOUS.tag, PREVIOUS.commit):
        if _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0:
            archive = _git("archive", "--format=tar", ref, "duuni", "shared", "services", "bench")
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(target, filter="data")
            return target
    reason = f"release {PREVIOUS.version} ({PREVIOUS.tag}) is not in this clone's history"
    if in_ci():
        pytest.fail(f"CI needs the previous release's code: {reason}", pytrace=False)
    pytest.skip(reason)


@dataclasses.dataclass
class Place:
    """Where the four services keep their data: a data folder, or one PostgreSQL database."""

    data: Path
    postgres: str | None = None

    def env(self) -> dict[str, str]:
        if self.postgres is None:
            return {}  # the embedded default keeps its master key in the data folder
        urls = {f"DUUNI_{name.upper()}_DATABASE_URL": self.postgres for name in SERVICES}
        return urls | {"DUUNI_MASTER_KEY": MASTER_KEY}

    def duuni(self, code: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``duuni`` from ``code`` (a release's packages or this checkout)."""
        done = subprocess.run(
            [sys.executable, "-m", "duuni", *args, "--data-dir", str(self.data)],
            capture_output=True,
            text=True,
            env={**os.environ, **self.env(), "PYTHONPATH": str(code)},
            cwd=code,
            check=False,
            timeout=600,
        )
        if ok:
            assert done.returncode == 0, f"duuni {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done

    def rows(self, service: str, query: str) -> list[Any]:
        if self.postgres is None:
            url, prefix = f"sqlite:///{self.data / f'{service}.sqlite3'}", ""
        else:
            url, prefix = self.postgres, f'"{service}".'
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return list(conn.execute(text(query.format(prefix))))
        finally:
            engine.dispose()

    def heads(self) -> dict[str, tuple[int, str]]:
        found = {}
        for name in SERVICES:
            [row] = self.rows(name, "SELECT position, hash FROM {}log_head")
            found[name] = (int(row[0]), str(row[1]))
        return found

    def people(self) -> dict[str, tuple[str, str, str]]:
        """Names and e-mails: readable in the release's table, sealed (and read through
        this code with the master key) once upgraded."""
        columns = "SELECT * FROM {}persons WHERE 1 = 0"
        if "first_name" in self._columns("intake", columns):
            query = "SELECT client_id, first_name, last_name, email FROM {}persons"
            return {row[0]: (row[1], row[2], row[3]) for row in self.rows("intake", query)}
        from services.intake.adapters.personal_data import SqlPersonalData
        from services.intake.adapters.sealing import MasterKey, key_folder
        from shared.eventlog.sql import open_database

        url = self.postgres or f"sqlite:///{self.data / 'intake.sqlite3'}"
        db = open_database(url, schema="intake" if self.postgres else None)
        master = (
            MasterKey.of_bytes(bytes.fromhex(MASTER_KEY))
            if self.postgres
            else MasterKey(key_folder(url, self.data))
        )
        projects = [
            row[0] for row in self.rows("intake", "SELECT DISTINCT project_id FROM {}persons")
        ]
        try:
            store = SqlPersonalData(db, master=master).create()
            persons = [store.get(p, c) for p in projects for c in store.client_ids(p)]
        finally:
            db.dispose()
        return {p.client_id: (p.first_name, p.last_name, p.email) for p in persons if p}

    def _columns(self, service: str, query: str) -> list[str]:
        if self.postgres is None:
            url, prefix = f"sqlite:///{self.data / f'{service}.sqlite3'}", ""
        else:
            url, prefix = self.postgres, f'"{service}".'
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return list(conn.execute(text(query.format(prefix))).keys())
        finally:
            engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def place(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Place]:
    work = tmp_path_factory.mktemp(f"upgrade-{request.param}")
    if request.param == "sqlite":
        yield Place(work / "data")
        return
    server = make_url(request.getfixturevalue("postgres_url"))
    name = f"upgrade_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield Place(work / "data", server.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def before(place: Place, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The previous release's data with the demo in it, and what that release showed."""
    old = _release_code(tmp_path_factory.mktemp("release"))
    place.duuni(old, "demo", "--clients", "30")
    figures = place.duuni(old, "report", "-p", PROJECT, "--format", "json").stdout
    pack = place.data.parent / "pack.json"
    place.duuni(old, "audit", "export", "-p", PROJECT, "-o", str(pack))
    return {
        "figures": json.loads(figures),
        "pack": pack,
        "heads": place.heads(),
        "people": place.people(),
    }


@pytest.fixture(scope="module")
def upgraded(place: Place, before: dict[str, Any]) -> Place:
    """The same data once this code has taken it over."""
    assert "0.1 (unversioned)" in place.duuni(ROOT, "migrate", "status").stdout
    if place.postgres is not None:
        refused = place.duuni(ROOT, "serve", "intake", "--port", "1", ok=False)
        assert refused.returncode != 0 and "duuni migrate upgrade" in refused.stderr
        place.duuni(ROOT, "migrate", "upgrade")
    with _Environment(place.env()):
        from duuni.app import create_app

        create_app(place.data)  # the embedded default upgrades itself at start
    return place


class _Environment:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.saved: dict[str, str | None] = {}

    def __enter__(self) -> None:
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = value

    def __exit__(self, *_exc: object) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_every_schema_is_current_and_the_embedded_one_was_backed_up(upgraded: Place) -> None:
    status = upgraded.duuni(ROOT, "migrate", "status").stdout
    assert "0.1 (unversioned)" not in status and status.count("up to date") == 2 * len(SERVICES)
    copies = {p.name for p in (upgraded.data / "backups").glob("before-upgrade-*/*.sqlite3")}
    expected = set() if upgraded.postgres else {f"{name}.sqlite3" for name in SERVICES}
    assert copies == expected


def test_the_logs_are_untouched_and_verify(before: dict[str, Any], upgraded: Place) -> None:
    assert upgraded.heads() == before["heads"]
    verified = upgraded.duuni(ROOT, "log", "verify").stdout
    assert verified.count(": ok:") == len(SERVICES)


def test_the_figures_are_the_same(before: dict[str, Any], upgraded: Place) -> None:
    """Every figure the release reported keeps its value; a later release may add figures
    and raise the counting rules' version, never change what was counted."""
    now = json.loads(upgraded.duuni(ROOT, "report", "-p", PROJECT, "--format", "json").stdout)
    old = before["figures"]
    assert {k: v for k, v in now.items() if k not in ("figures", "counting_rules_version")} == {
        k: v for k, v in old.items() if k not in ("figures", "counting_rules_version")
    }
    assert {key: now["figures"].get(key) for key in old["figures"]} == old["figures"]


def test_personal_data_is_all_there(before: dict[str, Any], upgraded: Place) -> None:
    assert len(before["people"]) >= 30
    assert upgraded.people() == before["people"]


def test_an_audit_pack_exported_before_the_upgrade_still_verifies(
    before: dict[str, Any], upgraded: Place
) -> None:
    verdict = upgraded.duuni(ROOT, "audit", "verify", str(before["pack"])).stdout
    assert "match" in verdict.lower() and "differ" not in verdict.lower()
