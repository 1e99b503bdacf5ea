"""Where reporting's database and the logs it reads live, in a form any process can open.

A replay in several processes hands each of them a ``LogDatabases`` (or, replaying from
the broker, a ``TopicsAndDatabases``): plain URLs, schemas and settings, which survive
pickling, unlike open engines, connections and consumers.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Sequence
from typing import Literal

from services.reporting.adapters.sources import LogSource
from services.reporting.adapters.store import SqlFactStore
from services.reporting.adapters.topics import TopicSource
from services.reporting.config import ReportingSettings
from services.reporting.service_layer.ports import Opened, ReplaySource
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore
from shared.settings import KafkaSettings


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    url: str
    schema: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class LogDatabases:
    """Reporting's own database and each upstream log's, by log name."""

    reporting: Place
    logs: tuple[tuple[str, Place], ...]
    synchronous: Literal["FULL", "NORMAL"] = "FULL"

    @classmethod
    def of(cls, settings: ReportingSettings) -> LogDatabases:
        own = Place(settings.resolved_database_url(), settings.resolved_schema())
        logs = []
        for name in SUBSCRIPTIONS:
            if name == settings.service:
                logs.append((name, own))
            else:
                logs.append((name, Place(*settings.upstream_log_url(name))))
        return cls(own, tuple(logs), settings.sqlite_synchronous)

    @contextlib.contextmanager
    def open(self) -> Iterator[tuple[Sequence[LogSource], SqlFactStore]]:
        """The logs as sources and the fact store, closed again at the end of the block."""
        opened: dict[Place, Database] = {}

        def database(place: Place) -> Database:
            if place not in opened:
                opened[place] = open_database(
                    place.url, schema=place.schema, sqlite_synchronous=self.synchronous,
                    pool_size=2,
                )  # fmt: skip
            return opened[place]

        try:
            own = database(self.reporting)
            store = SqlFactStore(own, ConsumerStore(own).create()).create()
            sources: Sequence[LogSource] = [
                LogSource(SqlEventLog(database(place), name).create()) for name, place in self.logs
            ]
            yield sources, store
        finally:
            for db in opened.values():
                db.dispose()


@dataclasses.dataclass(frozen=True, slots=True)
class TopicsAndDatabases:
    """A replay from the broker: the upstream logs' topics, and reporting's own log and
    fact tables in its database."""

    kafka: KafkaSettings
    databases: LogDatabases
    """Reporting's database and the logs not read from topics (its own log, at least)."""
    topics: tuple[str, ...] = ("intake", "coaching", "matching")

    @contextlib.contextmanager
    def open(self) -> Iterator[Opened]:
        with self.databases.open() as (logs, store):
            by_name: dict[str, ReplaySource] = {log.name: log for log in logs}
            by_name |= {name: TopicSource(self.kafka, name) for name in self.topics}
            yield [by_name[name] for name in SUBSCRIPTIONS if name in by_name], store
