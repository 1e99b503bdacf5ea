"""The fact tables on PostgreSQL: live upserts, and replays swapped in twice in one schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.reporting.adapters.store import SqlFactRows, SqlFactStore
from services.reporting.domain.fold import Facts
from shared.eventlog.sql import Database, open_database
from shared.eventlog.subscription import ConsumerStore
from tests.unit.reporting.builders import (
    PROJECT,
    History,
    company,
    corrected,
    enrolled,
    exited,
    relation,
    session,
    target,
)


@pytest.fixture
def database(postgres_url: str, pg_schema: str) -> Iterator[Database]:
    opened = open_database(postgres_url, schema=pg_schema)
    yield opened
    opened.dispose()


def a_history() -> History:
    return History().given(
        enrolled("c1", "2019-02-01"), corrected("c1", gender="male"),
        exited("c1", "2019-04-01", "employed"), session("c1", "2019-02-02"),
        company("firm"), relation("firm", "supported", "2019-03-01"),
        target("participants.total", 10),
    )  # fmt: skip


def test_a_replay_swaps_in_on_postgres_and_can_be_repeated(database: Database) -> None:
    consumers = ConsumerStore(database).create()
    store = SqlFactStore(database, consumers).create()
    facts = a_history().facts

    store.replace_all(facts, {("reporting.intake", "intake"): 3})
    store.replace_all(facts, {("reporting.intake", "intake"): 3})

    assert store.all_facts() == facts
    with database.read() as conn:
        assert consumers.checkpoint(conn, "reporting.intake", "intake") == (3, 0)


def test_live_rows_are_read_and_rewritten_by_key_on_postgres(database: Database) -> None:
    store = SqlFactStore(database, ConsumerStore(database).create()).create()
    facts = a_history().facts
    with database.engine.begin() as conn:
        rows = SqlFactRows(conn)
        for kind, table in facts.rows.items():
            for key, fact in table.items():
                rows.put(kind, key, fact)
                rows.put(kind, key, fact)  # a second put rewrites, never duplicates

    assert store.all_facts() == facts
    assert store.project_facts(PROJECT).participants[0].gender == "male"
    assert store.all_facts() != Facts()
