"""A share of a replay reads only its own projects' events from the log's table.

The database filters the projects, so the shares split the reading between them instead
of each reading every event and throwing the others' away; together they still read
every event exactly once, each share in position order. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from services.reporting.adapters.environment import LogDatabases, Place
from services.reporting.adapters.sources import LogSource
from services.reporting.service_layer.ports import Share, Wanted
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from services.reporting.service_layer.replay import plan_shares
from shared.eventlog.port import ANY
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import Wire, company, enrolled, exited, session

PROJECTS = ("S40001", "S40002", "S40003", "S40004")


def _history(record: Callable[..., Any]) -> None:
    """Each project a different number of clients, so the shares differ in size."""
    for n, project in enumerate(PROJECTS):
        for client in range(n + 1):
            c = f"{project}-c{client}"
            record(enrolled(c, "2019-02-01"), session(c, "2019-02-05"), company(f"{project}-f"),
                   exited(c, "2019-06-01", "employed"), project=project)  # fmt: skip


def _read(source: LogSource, wanted: Wanted) -> list[tuple[int, str]]:
    upto = source.slice().last_position
    return [(row[0], row[2]) for batch in source.rows(upto, wanted).batches for row in batch]


def _assert_split(sources: Sequence[LogSource]) -> None:
    shares = plan_shares({"S40004": 4, "S40003": 3, "S40002": 2}, 2)  # S40001 unknown
    assert not shares[0].others and shares[1].others
    for source in sources:
        everything = _read(source, Wanted())
        read = [_read(source, Wanted(share=share)) for share in shares]
        for share, rows in zip(shares, read, strict=True):
            assert {project for _, project in rows} <= _holding(share)
            assert [position for position, _ in rows] == sorted(position for position, _ in rows)
        assert sorted(row for rows in read for row in rows) == everything
        if everything:
            assert all(read), f"{source.name}: a share read nothing"


def _holding(share: Share) -> set[str]:
    return {project for project in PROJECTS if share.holds(project)}


def test_each_share_reads_only_its_projects_and_together_every_event(logs: Logs) -> None:
    _history(logs.record)
    sources = logs.sources()
    assert sum(source.slice().last_position for source in sources) > 0
    _assert_split(sources)


@pytest.fixture
def pg_logs(postgres_url: str, pg_schema: str) -> Iterator[LogDatabases]:
    places = {name: Place(postgres_url, f"{pg_schema}_{name}") for name in SUBSCRIPTIONS}
    yield LogDatabases(places["reporting"], tuple(places.items()))
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        for place in places.values():
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{place.schema}" CASCADE'))
    engine.dispose()


def test_each_share_reads_only_its_projects_on_postgres(pg_logs: LogDatabases) -> None:
    with pg_logs.open() as (sources, _store):
        by_name = {source.name: source.log for source in sources}

        def record(*events: Wire, project: str) -> None:
            for event_type, payload in events:
                new = NewEvent(
                    event_type=event_type, schema_version=1, payload=payload,
                    project_id=project, actor="test", correlation_id=uuid7_str(),
                )  # fmt: skip
                stream = str(payload.get("client_id") or payload.get("company_id") or "s")
                by_name[event_type.split(".")[0]].append(stream, [new], ANY)

        _history(record)
        _assert_split(sources)
