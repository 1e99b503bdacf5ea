"""Schema migrations: every table a service keeps is built and changed by Alembic revisions.

A database is brought to the code's schema by ``prepare`` when a service starts: a new
database is built from the revisions, an embedded (SQLite) one is backed up and then
upgraded, and a PostgreSQL one that is behind is refused until an operator has run
``duuni migrate upgrade`` (an explicit step of a real deployment). A database upgraded by
a newer version of Duuni is always refused: its code would not know its tables.

A database made before migrations existed (by version 0.1, which created missing tables)
is adopted: when every table of a tree's baseline is there, the baseline is recorded as
done and the later revisions run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from shared.eventlog.sql.engine import Database
from shared.migrations.tree import SchemaTree

__all__ = [
    "SchemaBehindCode",
    "SchemaError",
    "SchemaNewerThanCode",
    "SchemaTree",
    "TreeState",
    "prepare",
    "states",
    "upgrade",
    "upgrade_sql",
]

ENVIRONMENT = Path(__file__).parent
logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per revision is noise


class SchemaError(Exception):
    """The database's schema does not fit this code; the message says what to do."""


class SchemaNewerThanCode(SchemaError):
    pass


class SchemaBehindCode(SchemaError):
    pass


@dataclasses.dataclass(frozen=True)
class TreeState:
    tree: SchemaTree
    current: str | None
    head: str
    pending: tuple[str, ...]
    unknown: bool
    """The database is at a revision this code does not have: a newer version upgraded it."""
    adoptable: bool
    """No version recorded, but the baseline's tables are there (made by version 0.1)."""
    fresh: bool
    """None of the tree's tables exist yet."""
    like_code: bool = False
    """No version recorded, and the tables there are as this code declares them (some may
    be missing): made by ``create_all``, as tests do; recorded at the head, not migrated."""

    @property
    def up_to_date(self) -> bool:
        return self.current is not None and not self.unknown and not self.pending


def _config(tree: SchemaTree, **attributes: object) -> Config:
    output = attributes.pop("output", None) or io.StringIO()
    config = Config(output_buffer=output, stdout=io.StringIO())  # type: ignore[arg-type]
    config.set_main_option("script_location", str(ENVIRONMENT))
    config.set_main_option("version_locations", str(tree.versions))
    config.set_main_option("path_separator", "os")
    config.attributes["tree"] = tree
    config.attributes.update(attributes)
    return config


def _script(tree: SchemaTree) -> ScriptDirectory:
    return ScriptDirectory.from_config(_config(tree))


@contextlib.contextmanager
def migrating_connection(db: Database) -> Iterator[Connection]:
    """A connection whose unqualified names are the service's own schema.

    The engine's schema translation does not reach Alembic's reflection, so on
    PostgreSQL the migration runs with the service's schema first on the search path.
    """
    if not db.schema:
        with db.engine.connect() as conn:
            yield conn
        return
    engine = db.engine.execution_options(schema_translate_map=None)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{db.schema}"'))
        conn.execute(text(f'SET search_path TO "{db.schema}"'))
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.execute(text("RESET search_path"))
            conn.commit()


def _revisions(tree: SchemaTree) -> list[str]:
    """The tree's revisions, oldest first (every tree is one straight line)."""
    return [s.revision for s in reversed(list(_script(tree).walk_revisions()))]


def baseline_tables(tree: SchemaTree) -> frozenset[str]:
    """The tables the first revision creates: it lists them as ``TABLES``."""
    script = _script(tree)
    first = script.get_revision(_revisions(tree)[0])
    assert first is not None
    return frozenset(first.module.TABLES)


def _state(conn: Connection, tree: SchemaTree) -> TreeState:
    revisions = _revisions(tree)
    current = MigrationContext.configure(
        conn, opts={"version_table": tree.version_table}
    ).get_current_revision()
    present = set(inspect(conn).get_table_names()) & tree.table_names()
    conn.rollback()
    unknown = current is not None and current not in revisions
    complete = baseline_tables(tree) <= present
    like_code = current is None and bool(present) and _like_code(conn, tree, complete)
    adoptable = current is None and complete and not like_code
    if unknown:
        pending: tuple[str, ...] = ()
    elif current is not None:
        pending = tuple(revisions[revisions.index(current) + 1 :])
    else:
        pending = tuple(revisions[1:] if adoptable else revisions)
    return TreeState(
        tree, current, revisions[-1], pending, unknown, adoptable, not present, like_code
    )


def _like_code(conn: Connection, tree: SchemaTree, has_baseline: bool) -> bool:
    """Whether unversioned tables were made as this code declares them.

    With every table of the baseline there, only an exact match counts: a database of
    version 0.1 also has them all and lacks only the tables added since, and it must be
    migrated (and backed up, and on PostgreSQL upgraded by the operator) like any other.
    """
    context = MigrationContext.configure(
        conn, opts={"include_name": tree.includes, "compare_type": True}
    )
    differences = compare_metadata(context, list(tree.metadata))  # type: ignore[arg-type]
    conn.rollback()
    if has_baseline:
        return not differences
    missing = {d[1].name for d in differences if isinstance(d, tuple) and d[0] == "add_table"}
    return all(
        isinstance(d, tuple)
        and (d[0] == "add_table" or (d[0] == "add_index" and d[1].table.name in missing))
        for d in differences
    )


def states(db: Database, trees: Sequence[SchemaTree]) -> list[TreeState]:
    """Where each tree of the database stands against this code."""
    with migrating_connection(db) as conn:
        return [_state(conn, tree) for tree in trees]


def upgrade(db: Database, trees: Sequence[SchemaTree]) -> list[TreeState]:
    """Bring every tree to this code's head (adopting a 0.1 database); the states before."""
    before = states(db, trees)
    _refuse_newer(before)
    with migrating_connection(db) as conn:
        for state in before:
            if state.up_to_date:
                continue
            config = _config(state.tree, connection=conn)
            if state.like_code:
                for metadata in state.tree.metadata:
                    metadata.create_all(conn)
                command.stamp(config, "head")
                conn.commit()
                continue
            if state.adoptable:
                command.stamp(config, _revisions(state.tree)[0])
            command.upgrade(config, "head")
            conn.commit()
    return before


def upgrade_sql(db: Database, trees: Sequence[SchemaTree]) -> str:
    """The SQL ``upgrade`` would run, without running it (a dry run for an operator)."""
    url = db.engine.url.render_as_string(hide_password=False)
    printed: list[str] = []
    for state in states(db, trees):
        _refuse_newer([state])
        if state.up_to_date:
            continue
        start = state.current or (_revisions(state.tree)[0] if state.adoptable else None)
        output = io.StringIO()
        config = _config(state.tree, url=url, output=output)
        if state.like_code:
            output.write("-- the tables are as this code declares them: record the head\n")
            command.stamp(config, "head", sql=True)
        else:
            if state.adoptable and start:
                command.stamp(config, start, sql=True)
            command.upgrade(config, f"{start}:head" if start else "head", sql=True)
        printed.append(f"-- the {state.tree.name} tables\n{output.getvalue()}")
    if printed and db.schema:
        printed.insert(0, f'SET search_path TO "{db.schema}";\n')
    return "\n".join(printed)


def _refuse_newer(found: Sequence[TreeState]) -> None:
    for state in found:
        if state.unknown:
            raise SchemaNewerThanCode(
                f"the {state.tree.name} tables are at schema revision {state.current}, which "
                "this version of Duuni does not know: a newer version upgraded them. Run that "
                "version, or restore the backup taken before the upgrade."
            )


def prepare(
    db: Database,
    trees: Sequence[SchemaTree],
    *,
    upgrade_existing: bool,
    before_upgrade: Callable[[], object] | None = None,
) -> list[TreeState]:
    """At a service's start: build a new database, upgrade or refuse an existing one.

    ``upgrade_existing``: whether a database that holds data may be upgraded right away
    (the embedded default, after ``before_upgrade`` has taken a backup); otherwise a
    database behind the code is refused with the command that upgrades it.
    """
    found = states(db, trees)
    _refuse_newer(found)
    behind = [s for s in found if not s.up_to_date and not s.fresh and not s.like_code]
    if behind and not upgrade_existing:
        names = ", ".join(s.tree.name for s in behind)
        raise SchemaBehindCode(
            f"the database's {names} tables are older than this version of Duuni: run "
            "'duuni migrate upgrade' (after a backup) before starting the services"
        )
    if behind and before_upgrade is not None:
        before_upgrade()
    if any(not s.up_to_date for s in found):
        upgrade(db, trees)
    return found
