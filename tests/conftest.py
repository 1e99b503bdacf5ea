"""Fixtures for the real dependencies: SQLite files, PostgreSQL schemas, a Kafka broker.

PostgreSQL comes from DATABASE_URL, else the local server at 127.0.0.1:5432 (which
``make services`` starts), else a testcontainers container where Docker runs; under
``CI=true`` a missing server fails the tests instead of skipping them. Every test gets its
own schema. The Kafka broker fixture lives in tests/kafka_broker.py.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

import tests.operator  # noqa: F401  (the operator token, in the environment from the start)
from tests.kafka_broker import (
    in_ci,
    kafka_broker,  # noqa: F401  (registers the session fixture)
)


def _local_postgres() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    except OSError:
        return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("DATABASE_URL") or _local_postgres()
    if url:
        yield url
        return
    try:
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine", driver="psycopg") as container:
            yield container.get_connection_url()
    except Exception as error:  # no server configured, none local, no Docker
        reason = f"no PostgreSQL: DATABASE_URL unset, none on 127.0.0.1:5432, no Docker ({error})"
        if in_ci():
            pytest.fail(f"CI needs PostgreSQL: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture
def pg_schema(postgres_url: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield schema
    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()
