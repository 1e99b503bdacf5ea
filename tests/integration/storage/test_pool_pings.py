"""Pooled PostgreSQL connections are tried before use only after lying idle.

A connection the server closed (a restart, an idle timeout) must not reach a request. It is
tried when it lay in the pool longer than ``PING_AFTER_IDLE_SECONDS``; one handed back a
moment ago is not, and if the server closed it in that moment its first read fails and
the pool is renewed, so the next read gets a fresh connection.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, exc, text

import shared.eventlog.sql.engine as engine
from shared.eventlog.sql import Database, open_database


@pytest.fixture
def database(postgres_url: str, pg_schema: str) -> Iterator[Database]:
    db = open_database(postgres_url, schema=pg_schema, pool_size=1)
    yield db
    db.dispose()


def _backend(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _closed_by_the_server(postgres_url: str, pid: int) -> None:
    other = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with other.begin() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    other.dispose()
    time.sleep(0.05)  # the backend is gone once the server has handled the signal


def test_a_connection_closed_while_idle_is_replaced_before_use(
    database: Database, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "PING_AFTER_IDLE_SECONDS", 0.1)
    first = _backend(database)
    _closed_by_the_server(postgres_url, first)
    time.sleep(0.2)

    second = _backend(database)

    assert second != first
    assert database.fetch("SELECT 1", ()) == [(1,)]


def test_a_connection_just_used_is_not_tried_and_a_failure_renews_the_pool(
    database: Database, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "PING_AFTER_IDLE_SECONDS", 60.0)
    first = _backend(database)
    _closed_by_the_server(postgres_url, first)

    with pytest.raises(exc.DBAPIError) as failed:
        _backend(database)

    assert failed.value.connection_invalidated
    assert _backend(database) != first
