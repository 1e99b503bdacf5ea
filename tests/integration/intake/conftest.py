"""The account tables in a fresh SQLite file and in a fresh PostgreSQL schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.intake.adapters.accounts import SqlAccountStore
from shared.eventlog.sql import Database, open_database


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlAccountStore]:
    database: Database
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    else:
        url: str = request.getfixturevalue("postgres_url")
        schema: str = request.getfixturevalue("pg_schema")
        database = open_database(url, schema=schema)
    yield SqlAccountStore(database).create()
    database.dispose()
