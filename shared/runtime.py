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

from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)


@dataclasses.dataclass
class ServiceRuntime:
    name: str
    log: SqlEventLog
    store: ConsumerStore
    subscriptions: list[LogSubscription] = dataclasses.field(default_factory=list)

    def health(self) -> dict[str, Any]:
        head = self.log.head()
        return {
            "status": "ok",
            "log": {"position": head.position, "head_hash": head.hash},
            "subscriptions": {
                sub.name: {"position": sub.position(), **dataclasses.asdict(sub.stats)}
                for sub in self.subscriptions
            },
        }

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Run the consumers in the background; on exit, finish the batch in flight."""
        stop = asyncio.Event()
        tasks = [asyncio.create_task(sub.run(stop), name=sub.name) for sub in self.subscriptions]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        self.log.close()
        if self.store.db is not self.log.db:
            self.store.db.dispose()


def open_runtime(settings: ServiceSettings) -> ServiceRuntime:
    """Open (and create, if new) the service's database: its log and its consumer tables."""
    database = open_database(
        settings.resolved_database_url(),
        schema=settings.resolved_schema(),
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    event_log = SqlEventLog(database, settings.service).create()
    store = ConsumerStore(database).create()
    url = make_url(settings.resolved_database_url()).render_as_string(hide_password=True)
    log.info("service %s: log at %s", settings.service, url)
    return ServiceRuntime(settings.service, event_log, store)
