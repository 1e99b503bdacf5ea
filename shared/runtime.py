"""What a running service consists of once bootstrapped: its log, its consumers, its health.

Each service's ``bootstrap`` builds one of these; the single-process runner (``duuni up``)
and the one-service runner (``duuni serve``) both start and stop them the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.engine import make_url

from shared import backup, migrations, projections
from shared.eventlog.kafka import KafkaSubscription, OutboxRelay, events_topic
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.sql.migrations import EVENTLOG_TREE
from shared.eventlog.subscription import ConsumerStore, Handler, LogSubscription
from shared.partners import DEFAULT_CONTRACT, load_partners, partner_relays
from shared.settings import KafkaSettings, ServiceSettings
from shared.webhooks import WebhookRelay, WebhookSettings, webhook_relays

log = logging.getLogger(__name__)


class Worker(Protocol):
    """A background loop of a service beside its consumers (a message sender, say)."""

    name: str

    async def run(self, stop: asyncio.Event) -> None: ...


@dataclasses.dataclass
class ServiceRuntime:
    name: str
    log: SqlEventLog
    store: ConsumerStore
    settings: ServiceSettings | None = None
    kafka: KafkaSettings | None = None
    subscriptions: list[LogSubscription | KafkaSubscription] = dataclasses.field(
        default_factory=list
    )
    relays: list[OutboxRelay] = dataclasses.field(default_factory=list)
    """Set when Kafka is configured: publish this service's log to its topic."""
    webhooks: list[WebhookRelay] = dataclasses.field(default_factory=list)
    """Partners' webhooks (``shared.webhooks``), with or without Kafka. Not part of the
    readiness: a partner's endpoint being down must not take this service out of service."""
    upstream_logs: dict[str, SqlEventLog] = dataclasses.field(default_factory=dict)
    workers: list[Worker] = dataclasses.field(default_factory=list)
    """Other background loops, started and stopped with the consumers."""

    def subscribe(
        self, name: str, upstream: str, handler: Handler
    ) -> LogSubscription | KafkaSubscription:
        """Feed ``handler`` with every event of ``upstream``'s log, in this service's database.

        With Kafka configured the events come from ``upstream``'s topic through a consumer
        group; otherwise the upstream log of record is polled directly. Either way the
        handler sees the same events in the same order, and its effects commit together
        with the checkpoint. A service's own read models always poll its own log.
        """
        subscription: LogSubscription | KafkaSubscription
        if upstream != self.name and self.kafka is not None and self.kafka.bootstrap_servers:
            topic = events_topic(self.kafka, upstream)
            prefix = self.kafka.group_prefix or self.kafka.topic_prefix
            group = f"{prefix}.{name}"  # deployments sharing a broker stay apart
            subscription = KafkaSubscription(
                name, self.kafka, [topic], self.store, handler, group_id=group
            )
        else:
            subscription = LogSubscription(name, self.upstream_log(upstream), self.store, handler)
        self.subscriptions.append(subscription)
        return subscription

    def upstream_log(self, upstream: str) -> SqlEventLog:
        """Another service's log, opened for reading (built if its service never ran)."""
        if upstream == self.name:
            return self.log
        if upstream not in self.upstream_logs:
            if self.settings is None:
                raise RuntimeError(f"service {self.name} has no settings to find {upstream}")
            url, schema = self.settings.upstream_log_url(upstream)
            database = open_database(
                url, schema=schema, sqlite_synchronous=self.settings.sqlite_synchronous
            )
            # A log whose service never ran yet is built as its service would build it
            # (versioned, with its genesis head); one that exists is upgraded by its own
            # service, never by a reader.
            if migrations.states(database, [EVENTLOG_TREE])[0].fresh:
                migrations.upgrade(database, [EVENTLOG_TREE])
            self.upstream_logs[upstream] = SqlEventLog(database, upstream).create()
        return self.upstream_logs[upstream]

    def catch_up(self) -> int:
        """Apply every pending event of the polling subscriptions now (tests, the CLI)."""
        return sum(s.catch_up() for s in self.subscriptions if isinstance(s, LogSubscription))

    def health(self) -> dict[str, Any]:
        head = self.log.head()
        return {
            "status": "ok",
            "log": {"position": head.position, "head_hash": head.hash},
            "subscriptions": {
                sub.name: {**_position_of(sub), **dataclasses.asdict(sub.stats)}
                for sub in self.subscriptions
            },
            "relays": {
                relay.name: {"position": (done := relay.checkpoint()), "lag": head.position - done}
                for relay in self.relays
            },
            "webhooks": {
                hook.name: {"position": (done := hook.position()), "lag": head.position - done}
                for hook in self.webhooks
            },
        }

    def readiness(self, max_lag: int | None = None) -> tuple[bool, dict[str, Any]]:
        """Whether the service can take work: its database answers, its broker connections
        are up, and (when ``max_lag`` is given) its consumers are not too far behind."""
        checks: dict[str, Any] = {}
        try:
            head = self.log.head().position
            checks["database"] = {"ok": True}
        except Exception as error:  # any failure of the database makes the service unready
            return False, {"database": {"ok": False, "error": repr(error)}}
        for relay in self.relays:
            lag = head - relay.checkpoint()
            checks[relay.name] = {"ok": relay.healthy(lag), "lag": lag, "error": relay.last_error}
        for sub in self.subscriptions:
            entry: dict[str, Any] = {"ok": True}
            if isinstance(sub, KafkaSubscription):
                entry = {"ok": sub.connected, "error": sub.last_error}
            else:
                lag = sub.source.head().position - sub.position()
                entry = {"ok": max_lag is None or lag <= max_lag, "lag": lag}
            checks[sub.name] = entry
        return all(c["ok"] for c in checks.values()), checks

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Run the consumers in the background; on exit, finish the batch in flight."""
        stop = asyncio.Event()
        workers: list[LogSubscription | KafkaSubscription | OutboxRelay | WebhookRelay | Worker] = [
            *self.subscriptions,
            *self.relays,
            *self.webhooks,
            *self.workers,
        ]
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
        for upstream in self.upstream_logs.values():
            upstream.close()


def _position_of(sub: LogSubscription | KafkaSubscription) -> dict[str, int]:
    if isinstance(sub, LogSubscription):
        return {"position": sub.position(), "lag": sub.source.head().position - sub.position()}
    return {}


def open_runtime(
    settings: ServiceSettings,
    kafka: KafkaSettings | None = None,
    trees: Sequence[migrations.SchemaTree] = (),
) -> ServiceRuntime:
    """Open the service's database at this code's schema: its log, its consumer tables
    and the service's own ``trees`` (see ``shared.migrations.prepare``).

    With Kafka configured, the service's log stays its log of record and an outbox relay
    publishes it to the service's topic.
    """
    database = open_database(
        settings.resolved_database_url(),
        schema=settings.resolved_schema(),
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    prepare_schema(database, settings, trees)
    event_log = SqlEventLog(database, settings.service).create()
    store = ConsumerStore(database).create()
    url = make_url(settings.resolved_database_url()).render_as_string(hide_password=True)
    log.info("service %s: log at %s", settings.service, url)
    runtime = ServiceRuntime(settings.service, event_log, store, settings=settings, kafka=kafka)
    if kafka is not None and kafka.bootstrap_servers:
        runtime.relays.append(OutboxRelay(event_log, kafka))
        if kafka.partners_file is not None:
            partners = load_partners(kafka.partners_file)
            contract = kafka.contract_file or DEFAULT_CONTRACT
            runtime.relays.extend(partner_relays(event_log, kafka, partners, contract))
    if kafka is not None and kafka.partners_file is not None:
        contract = kafka.contract_file or DEFAULT_CONTRACT
        runtime.webhooks.extend(
            webhook_relays(event_log, kafka.partners_file, WebhookSettings(), contract)
        )
    return runtime


def prepare_schema(
    database: Database, settings: ServiceSettings, trees: Sequence[migrations.SchemaTree]
) -> None:
    """Build a new database; back up and upgrade an embedded one that is behind; refuse a
    PostgreSQL one that is behind (``duuni migrate upgrade`` is a deployment's own step)."""
    path = _sqlite_file(database)

    def take_backup() -> None:
        assert path is not None
        copy = backup.before_upgrade(path, settings.data_dir, settings.service)
        log.warning("service %s: schema upgrade, backup first: %s", settings.service, copy)

    every = [EVENTLOG_TREE, *trees]
    migrations.prepare(
        database, every, upgrade_existing=path is not None, before_upgrade=take_backup
    )
    projections.rebuild_if_layout_changed(database, every)


def _sqlite_file(database: Database) -> Path | None:
    name = database.engine.url.database
    if database.dialect != "sqlite" or not name or name == ":memory:":
        return None
    return Path(name)
