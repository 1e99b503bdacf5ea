"""Read models are rebuilt by replay when their layout changes; records never are."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import text

from duuni.services import trees_of
from shared import migrations, projections
from shared.eventlog.sql import Database, open_database
from shared.eventlog.sql.schema import checkpoints
from shared.migrations import SchemaTree


@pytest.fixture
def database(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    migrations.upgrade(db, trees_of("intake"))
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO project_directory (project_id, name, plan, position) "
                "VALUES ('S1', 'DuuniAgentti', '{}', 3)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, password_hash, roles, active, "
                "created_at) VALUES ('u1', 'kaisa', 'Kaisa', 'x', 'coach', 1, '2026-01-01')"
            )
        )
        for name in ("intake.directory", "intake.timeline.coaching", "intake.other"):
            conn.execute(
                checkpoints.insert().values(
                    subscription=name, source="intake", partition=0, position=3, next_offset=0
                )
            )
    return db


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _subscriptions(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(
            conn.execute(text("SELECT subscription FROM subscription_checkpoints")).scalars()
        )


def _with_layout(tree: SchemaTree, layout: int) -> SchemaTree:
    assert tree.projections is not None
    return dataclasses.replace(
        tree, projections=dataclasses.replace(tree.projections, layout=layout)
    )


def test_a_first_start_records_the_layout_and_empties_nothing(database: Database) -> None:
    assert projections.rebuild_if_layout_changed(database, trees_of("intake")) == []
    assert _count(database, "project_directory") == 1


def test_a_new_layout_empties_the_read_models_and_restarts_their_subscriptions(
    database: Database,
) -> None:
    eventlog, intake = trees_of("intake")
    projections.rebuild_if_layout_changed(database, [eventlog, intake])

    rebuilt = projections.rebuild_if_layout_changed(database, [eventlog, _with_layout(intake, 2)])

    assert rebuilt == ["intake"]
    assert _count(database, "project_directory") == 0
    assert _count(database, "users") == 1  # a record, not a read model
    assert _subscriptions(database) == {"intake.other"}
    assert (
        projections.rebuild_if_layout_changed(database, [eventlog, _with_layout(intake, 2)]) == []
    )


def test_a_forced_rebuild_happens_once_at_the_next_start(database: Database) -> None:
    trees = trees_of("intake")
    projections.rebuild_if_layout_changed(database, trees)

    projections.rebuild_at_next_start(database, trees)

    assert projections.rebuild_if_layout_changed(database, trees) == ["intake"]
    assert projections.rebuild_if_layout_changed(database, trees) == []
