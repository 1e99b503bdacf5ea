"""Runs every contract test against every engine: sqlite, postgres, kafka and memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.contract.backbones import Backbone, postgres_backbone, sqlite_backbone


@pytest.fixture(params=["sqlite", "postgres", "kafka", "memory"])
def backbone(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backbone]:
    kind = request.param
    if kind == "sqlite":
        made: Backbone = sqlite_backbone(tmp_path)
    elif kind == "postgres":
        url: str = request.getfixturevalue("postgres_url")
        schema: str = request.getfixturevalue("pg_schema")
        made = postgres_backbone(url, schema)
    elif kind == "kafka":
        from tests.contract.kafka_backbone import kafka_backbone

        made = kafka_backbone(request, tmp_path)
    else:
        from tests.contract.memory_backbone import MemoryBackbone

        made = MemoryBackbone(tmp_path)
    yield made
    made.close()
    if kind == "postgres":
        _drop_consumer_schemas(
            request.getfixturevalue("postgres_url"), request.getfixturevalue("pg_schema")
        )


def _drop_consumer_schemas(url: str, schema: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for (name,) in conn.execute(
            text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :p"), {"p": f"{schema}_c%"}
        ):
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    engine.dispose()
