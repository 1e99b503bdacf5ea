"""``duuni migrate``, ``duuni backup`` and ``duuni restore``: keeping every record across
upgrades (entrypoint layer).

An operator upgrades a PostgreSQL deployment with ``duuni migrate upgrade`` before the
new services start (the embedded default upgrades itself at start, after a backup);
``--sql`` prints what would run instead. ``duuni backup`` copies a running embedded
system; ``duuni restore`` refuses a damaged or partial copy and verifies what it restored.
"""

from __future__ import annotations

import time
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from duuni.services import SERVICES, settings_for, trees_of
from shared import backup, migrations, projections
from shared.cli import DataDir, err, out
from shared.eventlog.sql import Database, SqlEventLog, open_database

migrate_app = typer.Typer(
    help="Schema migrations of every service's database.", no_args_is_help=True
)


class StorageError(Exception):
    """A refusal to show as one line (the command line turns it into exit code 2)."""


def _database(name: str, data_dir: Path) -> Database:
    settings = settings_for(name, data_dir)
    return open_database(settings.resolved_database_url(), schema=settings.resolved_schema())


def _existing(names: list[str], data_dir: Path) -> list[str]:
    """Services whose database exists (a SQLite file that is missing is not created)."""
    found = []
    for name in names:
        url = settings_for(name, data_dir).resolved_database_url()
        if not url.startswith("sqlite") or (data_dir / f"{name}.sqlite3").exists():
            found.append(name)
    return found


@migrate_app.command("status")
def status(data_dir: DataDir = Path("data")) -> None:
    """Each schema tree's revision in the database against this code's."""
    table = Table("service", "tables", "database", "this code", "to run")
    for name in SERVICES:
        if name not in _existing([name], data_dir):
            table.add_row(name, "–", "no database yet", "", "")
            continue
        db = _database(name, data_dir)
        try:
            for state in migrations.states(db, trees_of(name)):
                now = state.current or ("0.1 (unversioned)" if state.adoptable else "–")
                todo = "newer than this code!" if state.unknown else ", ".join(state.pending)
                if state.adoptable:
                    todo = ", ".join(("record 0001", *state.pending))
                if state.like_code:
                    now, todo = "unversioned", f"record {state.head}"
                table.add_row(name, state.tree.name, now, state.head, todo or "up to date")
        finally:
            db.dispose()
    out.print(table)


@migrate_app.command("upgrade")
def upgrade(
    sql: Annotated[
        bool, typer.Option("--sql", help="Print the SQL instead of running it.")
    ] = False,
    data_dir: DataDir = Path("data"),
) -> None:
    """Bring every service's tables to this code's schema (back up first)."""
    for name in _existing(list(SERVICES), data_dir):
        db = _database(name, data_dir)
        try:
            if sql:
                out.print(
                    f"-- {name}\n{migrations.upgrade_sql(db, trees_of(name))}", highlight=False
                )
                continue
            before = migrations.upgrade(db, trees_of(name))
            ran = [f"{s.tree.name} {_at(s)} → {s.head}" for s in before if not s.up_to_date]
            out.print(f"{name}: {'; '.join(ran) if ran else 'up to date'}", highlight=False)
        finally:
            db.dispose()


@migrate_app.command("rebuild-projections")
def rebuild_projections(
    service: Annotated[str, typer.Option("--service", "-s", help="A service, or all.")] = "all",
    data_dir: DataDir = Path("data"),
) -> None:
    """Have the read models rebuilt from the first event at the next start (after a
    restore, or when a read model is in doubt); records are not touched."""
    names = list(SERVICES) if service == "all" else [service]
    if any(name not in SERVICES for name in names):
        raise StorageError(f"unknown service {service!r}: choose one of {', '.join(SERVICES)}")
    for name in _existing(names, data_dir):
        db = _database(name, data_dir)
        try:
            projections.rebuild_at_next_start(db, trees_of(name))
        finally:
            db.dispose()
        out.print(f"{name}: read models will be rebuilt by replay at the next start")


def backup_command(
    target: Annotated[Path, typer.Argument(help="A new, empty folder for the copy.")],
    data_dir: DataDir = Path("data"),
) -> None:
    """Copy every service's database while the system runs, with a manifest and checksums."""
    started = time.perf_counter()
    manifest = backup.take(
        data_dir,
        target,
        list(SERVICES),
        version("duuni"),
        progress=lambda name: err.print(f"copying {name}…", highlight=False),
    )
    files = manifest["files"]
    assert isinstance(files, dict)
    size = sum(int(f["bytes"]) for f in files.values())
    out.print(
        f"backup of {len(files)} databases ({size / 1e6:.1f} MB) in {target} "
        f"in {time.perf_counter() - started:.2f} s",
        highlight=False,
    )


def restore_command(
    source: Annotated[Path, typer.Argument(help="A folder written by 'duuni backup'.")],
    data_dir: DataDir = Path("data"),
) -> None:
    """Restore a backup into an empty data folder, then verify every restored log."""
    started = time.perf_counter()
    manifest = backup.restore(source, data_dir)
    for name in _existing(list(SERVICES), data_dir):
        settings = settings_for(name, data_dir)
        db = open_database(settings.resolved_database_url())
        try:
            verdict = SqlEventLog(db, name).verify()
        finally:
            db.dispose()
        if not verdict.ok:
            raise StorageError(f"the restored {name} log does not verify: {verdict.describe()}")
    out.print(
        f"restored the backup of {manifest['taken_at']} into {data_dir}; every log verifies "
        f"({time.perf_counter() - started:.2f} s)",
        highlight=False,
    )


def _at(state: migrations.TreeState) -> str:
    return state.current or ("0.1" if state.adoptable else "new")
