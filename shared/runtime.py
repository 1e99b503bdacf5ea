"""What a running service consists of once bootstrapped: its log, its consumers, its health.

Each service's ``bootstrap`` builds one of these; the single-process runner (``duuni up``)
and the one-service runner (``duuni serve``) both start and stop them the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.engine import make_url

from shared.eventlog.kafka import OutboxRelay
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.settings import KafkaSettings, ServiceSettings

log = logging.getLogger(__name__)


@dataclasses.dataclass
class ServiceRuntime:
    name: str
    log: SqlEventLog
    store: ConsumerStore
    subscriptions: list[LogSubscription] = dataclasses.field(default_factory=list)
    relays: list[OutboxRelay] = dataclasses.field(default_factory=list)
    """Set when Kafka is configured: publish this service's log to its topic."""

    def health(self) -> dict[str, Any]:
        head = self.log.head()
        return {
            "status": "ok",
            "log": {"position": head.position, "head_hash": head.hash},
            "subscriptions": {
                sub.name: {"position": sub.position(), **dataclasses.asdict(sub.stats)}
                for sub in self.subscriptions
            },
            "relays": {
                relay.name: {"position": (done := relay.checkpoint()), "lag": head.position - done}
                for relay in self.relays
            },
        }

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Run the consumers in the background; on exit, finish the batch in flight."""
        stop = asyncio.Event()
        workers: list[LogSubscription | OutboxRelay] = [*self.subscriptions, *self.relays]
        tasks = [asyncio.create_task(w.run(stop), name=w.name) for w in workers]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        self.log.close()
        if self.store.db is not self.log.db:
            self.store.db.dispose()


def open_runtime(settings: ServiceSettings, kafka: KafkaSettings | None = None) -> ServiceRuntime:
    """Open (and create, if new) the service's database: its log and its consumer tables.

    With Kafka configured, the service's log stays its log of record and an outbox relay
    publishes it to the service's topic.
    """
    database = open_database(
        settings.resolved_database_url(),
        schema=settings.resolved_schema(),
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    event_log = SqlEventLog(database, settings.service).create()
    store = ConsumerStore(database).create()
    url = make_url(settings.resolved_database_url()).render_as_string(hide_password=True)
    log.info("service %s: log at %s", settings.service, url)
    runtime = ServiceRuntime(settings.service, event_log, store)
    if kafka is not None and kafka.bootstrap_servers:
        runtime.relays.append(OutboxRelay(event_log, kafka))
    return runtime
