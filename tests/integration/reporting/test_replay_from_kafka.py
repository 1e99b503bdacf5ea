"""A replay from the broker: the upstream logs relayed to topics of three partitions each,
read back merged by position, in shares each a process of its own; it must rebuild
exactly what the live projection holds."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from pathlib import Path

import pytest

from services.reporting.adapters.environment import LogDatabases, TopicsAndDatabases
from services.reporting.adapters.processes import ProcessRunner
from services.reporting.adapters.store import SqlFactStore
from services.reporting.adapters.topics import TopicSource
from services.reporting.config import ReportingSettings
from services.reporting.domain.figures import Period, report
from services.reporting.service_layer.replay import replay
from shared.eventlog.kafka import OutboxRelay
from shared.settings import KafkaSettings
from shared.web.service import WebService
from tests.integration.reporting.builders import Logs
from tests.integration.reporting.test_parallel_replay import PROJECTS, many_projects
from tests.kafka_broker import KafkaBroker

UPSTREAM = ("intake", "coaching", "matching")
YEAR = Period(date(2019, 1, 1), date(2019, 12, 31))


async def _relay(logs: Logs, settings: KafkaSettings) -> None:
    for name in UPSTREAM:
        async with OutboxRelay(logs.logs[name], settings, batch_size=7) as relay:
            while await relay.run_once():
                pass


def _topics(broker: KafkaBroker, tmp_path: Path, data_dir: Path) -> TopicsAndDatabases:
    settings = broker.settings(topic_prefix=f"r{uuid.uuid4().hex[:12]}", partitions=3)
    own = LogDatabases.of(ReportingSettings(data_dir=data_dir))
    own = LogDatabases(own.reporting, tuple(p for p in own.logs if p[0] == "reporting"))
    return TopicsAndDatabases(settings, own, UPSTREAM)


def test_a_replay_from_the_topics_rebuilds_exactly_the_live_projection(
    logs: Logs, reporting: WebService, data_dir: Path, tmp_path: Path, kafka_broker: KafkaBroker
) -> None:
    many_projects(logs)
    reporting.runtime.catch_up()
    store = SqlFactStore(reporting.runtime.log.db, reporting.runtime.store)
    live = store.all_facts()
    world = _topics(kafka_broker, tmp_path, data_dir)
    asyncio.run(_relay(logs, world.kafka))

    result = replay(world, shares=2, runner=ProcessRunner(), period=YEAR)

    assert store.all_facts() == live  # the same rows, event positions in the same order
    assert {s.source: s.last_position for s in result.slices} == {
        name: log.head().position for name, log in logs.logs.items()
    }
    for project in PROJECTS:
        assert result.figures[project] == report(live.of_project(project), YEAR).values()


def test_a_topic_gives_its_events_in_the_order_of_the_log(
    logs: Logs, data_dir: Path, tmp_path: Path, kafka_broker: KafkaBroker
) -> None:
    many_projects(logs)
    world = _topics(kafka_broker, tmp_path, data_dir)
    asyncio.run(_relay(logs, world.kafka))
    source = TopicSource(world.kafka, "coaching")

    cut = source.slice()
    positions = [row[0] for batch in source.rows(cut.last_position).batches for row in batch]

    assert cut.last_position == logs.logs["coaching"].head().position
    assert cut.head_hash == logs.logs["coaching"].head().hash
    assert positions == sorted(positions) == list(range(1, cut.last_position + 1))
    with pytest.raises(ValueError, match="replayed whole"):
        source.slice(recorded_by="2019-07-31T23:59:59")
