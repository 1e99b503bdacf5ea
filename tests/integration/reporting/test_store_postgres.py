"""The fact tables on PostgreSQL: live upserts, replays swapped in twice in one schema, and
a replay in shares, each a process of its own, from PostgreSQL logs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from services.reporting.adapters.environment import LogDatabases, Place
from services.reporting.adapters.processes import ProcessRunner
from services.reporting.adapters.store import SqlFactRows, SqlFactStore
from services.reporting.domain.figures import Period
from services.reporting.domain.fold import Facts
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from services.reporting.service_layer.replay import replay
from services.reporting.service_layer.reports import fold_slices, slices
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, open_database
from shared.eventlog.subscription import ConsumerStore
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.unit.reporting.builders import (
    PROJECT,
    History,
    Wire,
    attendance,
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


def events() -> list[Wire]:
    return [
        enrolled("c1", "2019-02-01"), corrected("c1", gender="male"),
        exited("c1", "2019-04-01", "employed"), session("c1", "2019-02-02"),
        attendance("c1", "m1", "2019-02-03"), company("firm"),
        relation("firm", "supported", "2019-03-01"), target("participants.total", 10),
    ]  # fmt: skip


def a_history() -> History:
    return History().given(*events())


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


def test_shares_in_processes_replay_postgres_logs_into_postgres(
    postgres_url: str, pg_schema: str
) -> None:
    places = {name: Place(postgres_url, f"{pg_schema}_{name}") for name in SUBSCRIPTIONS}
    world = LogDatabases(places["reporting"], tuple(places.items()))
    with world.open() as (sources, store):
        logs = {source.name: source.log for source in sources}  # type: ignore[attr-defined]
        for project in ("S20001", "S20002", "S20003"):
            for event_type, payload in events():
                new = NewEvent(
                    event_type=event_type,
                    schema_version=1,
                    payload=payload,
                    project_id=project,
                    actor="test",
                    correlation_id=uuid7_str(),
                )
                logs[event_type.split(".")[0]].append("s", [new], ANY)  # fmt: skip
        expected = fold_slices(sources, slices(sources))

        year = Period(date(2019, 1, 1), date(2019, 12, 31))
        result = replay(world, shares=2, runner=ProcessRunner(), period=year)

        assert isinstance(store, SqlFactStore)
        assert store.all_facts().rows == expected.rows
        assert sorted(result.figures) == ["S20001", "S20002", "S20003"]
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        for place in places.values():
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{place.schema}" CASCADE'))
    engine.dispose()
