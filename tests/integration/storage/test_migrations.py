"""Schema migrations: they build exactly the tables the code declares, on SQLite and
PostgreSQL; a database from before migrations is adopted; one that is newer than the
code, or (on PostgreSQL) older, is refused at start with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from duuni.services import SERVICES, trees_of
from shared import migrations
from shared.eventlog.sql import Database, open_database
from shared.migrations import SchemaBehindCode, SchemaNewerThanCode, SchemaTree, baseline_tables
from shared.migrations import migrating_connection as migration_connection
from shared.runtime import prepare_schema
from shared.settings import ServiceSettings

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "sqlite":
        return open_database(f"sqlite:///{tmp_path / 'service.sqlite3'}")
    url = request.getfixturevalue("postgres_url")
    return open_database(url, schema=request.getfixturevalue("pg_schema"))


def _as_release_0_1_made_it(db: Database, trees: list[SchemaTree]) -> None:
    """What version 0.1 did at every start: create the (baseline) tables that are missing."""
    for tree in trees:
        baseline = baseline_tables(tree)
        for metadata in tree.metadata:
            with db.engine.begin() as conn:
                if db.schema:
                    conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{db.schema}"'))
                wanted = [t for t in metadata.sorted_tables if t.name in baseline]
                metadata.create_all(conn, tables=wanted)


def _differences(db: Database, tree: SchemaTree) -> list[object]:
    with migration_connection(db) as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": tree.includes, "compare_type": True}
        )
        return list(compare_metadata(context, list(tree.metadata)))


@pytest.mark.parametrize("service", list(SERVICES))
def test_the_migrations_build_exactly_the_declared_tables(database: Database, service: str) -> None:
    trees = trees_of(service)

    migrations.upgrade(database, trees)

    for tree in trees:
        assert _differences(database, tree) == [], (
            f"the {tree.name} tables differ from its migrations: add a revision"
        )
    assert all(state.up_to_date for state in migrations.states(database, trees))


def test_a_database_made_before_migrations_is_adopted_and_keeps_its_rows(
    database: Database,
) -> None:
    trees = trees_of("intake")
    _as_release_0_1_made_it(database, trees)
    users = database.table("users")
    with database.engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO {users} (id, username, display_name, password_hash, roles, "
                "active, created_at) VALUES ('u1', 'kaisa', 'Kaisa', 'x', 'coach', true, "
                "'2026-01-01 00:00:00')"
            )
        )
    before = migrations.states(database, trees)
    assert all(state.adoptable and not state.up_to_date for state in before)

    migrations.upgrade(database, trees)

    assert all(state.up_to_date for state in migrations.states(database, trees))
    with database.engine.connect() as conn:
        assert conn.execute(text(f"SELECT username FROM {users}")).scalar() == "kaisa"


def _pretend_newer(db: Database, tree: SchemaTree) -> None:
    with migration_connection(db) as conn:
        conn.execute(text(f"UPDATE {tree.version_table} SET version_num = '9999'"))
        conn.commit()


def test_a_database_upgraded_by_a_newer_version_is_refused(database: Database) -> None:
    trees = trees_of("matching")
    migrations.upgrade(database, trees)
    _pretend_newer(database, trees[1])

    with pytest.raises(SchemaNewerThanCode, match="newer version"):
        migrations.prepare(database, trees, upgrade_existing=True)
    assert migrations.states(database, trees)[1].unknown


def test_postgresql_behind_the_code_waits_for_the_operator(
    postgres_url: str, pg_schema: str
) -> None:
    db = open_database(postgres_url, schema=pg_schema)
    trees = trees_of("coaching")
    _as_release_0_1_made_it(db, trees)
    settings = ServiceSettings(service="coaching", database_url=postgres_url)

    with pytest.raises(SchemaBehindCode, match="duuni migrate upgrade"):
        prepare_schema(db, settings.model_copy(update={"database_schema": pg_schema}), trees[1:])

    migrations.upgrade(db, trees)
    prepare_schema(db, settings.model_copy(update={"database_schema": pg_schema}), trees[1:])


def test_the_embedded_database_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "reporting.sqlite3"
    db = open_database(f"sqlite:///{path}")
    trees = trees_of("reporting")
    _as_release_0_1_made_it(db, trees)
    settings = ServiceSettings(service="reporting", data_dir=tmp_path)

    prepare_schema(db, settings, trees[1:])

    [copy] = (tmp_path / "backups").glob("before-upgrade-*/reporting.sqlite3")
    assert copy.stat().st_size > 0
    assert all(state.up_to_date for state in migrations.states(db, trees))


def test_a_dry_run_prints_the_sql_and_changes_nothing(database: Database) -> None:
    trees = trees_of("intake")

    sql = migrations.upgrade_sql(database, trees)

    assert "CREATE TABLE persons" in sql and "schema_version_intake" in sql
    assert all(state.fresh for state in migrations.states(database, trees))


def test_a_first_start_of_every_service_in_one_process_builds_versioned_schemas(
    tmp_path: Path,
) -> None:
    """Services read each other's logs: a log opened by a reader before its own service
    started must be built by migrations too, or that service could not start."""
    from duuni.app import create_app

    create_app(tmp_path)

    for name in SERVICES:
        db = open_database(f"sqlite:///{tmp_path / f'{name}.sqlite3'}")
        assert all(state.up_to_date for state in migrations.states(db, trees_of(name)))


def test_tables_made_as_the_code_declares_them_are_recorded_at_the_head(
    database: Database,
) -> None:
    """Tests and tools that create a store's tables before the service starts (as the
    code declares them, some maybe missing) get the rest built and the head recorded."""
    eventlog, matching = trees_of("matching")
    [metadata] = matching.metadata
    with database.engine.begin() as conn:
        if database.schema:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{database.schema}"'))
        metadata.create_all(conn, tables=[metadata.tables["matching_clients"]])

    [state] = migrations.states(database, [matching])
    assert state.like_code and not state.adoptable
    migrations.prepare(database, [eventlog, matching], upgrade_existing=False)

    assert all(s.up_to_date for s in migrations.states(database, [eventlog, matching]))
    assert _differences(database, matching) == []
