"""``upsert``: a row set whether or not it was there, on SQLite and PostgreSQL alike.

Its statements are built once per table and set of columns and reused with new values, so
the same statement must serve rows of any value, including dates and a compound key.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, select

from shared.eventlog.sql import Database, open_database
from shared.eventlog.sql.rows import upsert

metadata = MetaData()
visits = Table(
    "upsert_visits",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("held_on", Date),
    Column("note", String(20)),
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = open_database(f"sqlite:///{tmp_path / 'rows.db'}")
    else:
        url = request.getfixturevalue("postgres_url")
        db = open_database(url, schema=request.getfixturevalue("pg_schema"))
    db.create(metadata)
    yield db
    db.dispose()


def test_a_row_is_added_then_changed_in_place_and_rows_of_other_keys_stay(
    database: Database,
) -> None:
    with database.engine.begin() as conn:
        upsert(conn, visits, {"client_id": "c-1", "number": 1},
               {"held_on": date(2026, 3, 2), "note": "first"})  # fmt: skip
        upsert(conn, visits, {"client_id": "c-1", "number": 2},
               {"held_on": date(2026, 3, 9), "note": "second"})  # fmt: skip
        upsert(conn, visits, {"client_id": "c-1", "number": 1},
               {"held_on": date(2026, 3, 3), "note": "moved"})  # fmt: skip
        repeated = {"client_id": "c-2", "number": 1}
        upsert(conn, visits, repeated, {**repeated, "held_on": None, "note": "keys repeated"})
    with database.read() as conn:
        rows = conn.execute(select(visits).order_by(visits.c.client_id, visits.c.number)).all()
    assert [tuple(row) for row in rows] == [
        ("c-1", 1, date(2026, 3, 3), "moved"),
        ("c-1", 2, date(2026, 3, 9), "second"),
        ("c-2", 1, None, "keys repeated"),
    ]


def test_an_upsert_that_sets_nothing_is_refused(database: Database) -> None:
    with database.engine.begin() as conn, pytest.raises(ValueError):
        upsert(conn, visits, {"client_id": "c-1", "number": 1}, {})
