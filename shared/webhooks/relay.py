"""The webhook relay (adapter layer): a partner's feed from one service's log, over HTTPS.

The log of record is the outbox, as for the Kafka relays: the relay reads the events after
its position, keeps those the partner's feed admits (its projects, the published
contract's types and versions, the types its entry narrows to) and POSTs them as one JSON
batch::

    {"delivery_id": "…", "partner": "…", "service": "…", "events": [<envelope>, …]}

each envelope exactly as the partner's Kafka topic carries it. The request is signed
(``shared.webhooks.signing``) and names its delivery id in the ``Duuni-Delivery`` header.

At least once, never skipping: before the first attempt the batch's end is stored
(``pending_through``), and the position moves past it only after a 2xx answer. Until
then every attempt, after a failure or a crash, sends the same events under the same
delivery id, which is derived from the batch's range; a receiver drops a delivery id it
has seen (and may also drop events by ``event_id``). Failures back off
(``shared.webhooks.backoff``); the state (position, failures in a row, next attempt,
last error, last success) is kept per partner in ``webhook_deliveries``, in the log's own
database beside the Kafka relays' checkpoints. Only a status code or the transport
error's kind is stored, never what the receiver answered.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import random
import ssl
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import httpx
import orjson
from sqlalchemy import and_, insert, inspect, select, update
from sqlalchemy.exc import IntegrityError

from shared.eventlog.kafka.clients import sleep_unless_stopped, unless_stopped
from shared.eventlog.sql.engine import Database
from shared.eventlog.sql.log import SqlEventLog
from shared.eventlog.sql.schema import webhook_deliveries
from shared.events.envelope import RecordedEvent
from shared.partners import DEFAULT_CONTRACT, admits, public_versions
from shared.webhooks import backoff
from shared.webhooks.config import MIN_SECRET_LENGTH, Webhook, WebhookSettings, load_webhooks
from shared.webhooks.signing import DELIVERY_HEADER, SIGNATURE_HEADER, signature_header

log = logging.getLogger(__name__)

READ_PAGE = 2000
"""Log events read at once while looking for the next batch."""
_DELIVERY_IDS = uuid.UUID("5b0e9a6c-3f4d-4c1e-9d0b-7a2f6c1e8d55")
USER_AGENT = "Duuni-Webhooks/1"


@dataclasses.dataclass(frozen=True)
class DeliveryState:
    """One row of ``webhook_deliveries``: how far a partner's webhook got, and how it goes."""

    service: str
    partner: str
    endpoint: str
    position: int
    """Every event up to here was delivered (or is not the partner's)."""
    pending_through: int | None
    failures: int
    """Failed attempts in a row."""
    next_attempt_at: str | None
    last_attempt_at: str | None
    last_success_at: str | None
    last_error: str | None


@dataclasses.dataclass(frozen=True)
class Attempt:
    """What one ``run_once`` did."""

    passed: int = 0
    """Log events the position moved over."""
    delivered: int = 0
    """Events the receiver acknowledged."""
    error: str | None = None


def delivery_id(service: str, partner: str, after: int, through: int) -> str:
    """The same for every attempt at one batch, and different for every other batch."""
    return str(uuid.uuid5(_DELIVERY_IDS, f"{service}/{partner}/{after}/{through}"))


def delivery_body(
    identifier: str, partner: str, service: str, events: Sequence[RecordedEvent]
) -> bytes:
    """The JSON batch, each envelope in its published (canonical) form."""
    head = orjson.dumps({"delivery_id": identifier, "partner": partner, "service": service})
    return head[:-1] + b',"events":[' + b",".join(e.to_wire() for e in events) + b"]}"


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


class WebhookRelay:
    """Delivers one service's log to one partner's endpoint."""

    def __init__(
        self,
        log: SqlEventLog,
        webhook: Webhook,
        settings: WebhookSettings | None = None,
        contract: Path = DEFAULT_CONTRACT,
        *,
        environ: Mapping[str, str] = os.environ,
        clock: Callable[[], float] = time.time,
        draw: Callable[[], float] = random.random,
    ) -> None:
        """``environ`` holds the secret; ``clock`` and ``draw`` (the jitter) are for tests."""
        self.log = log
        self.webhook = webhook
        self.settings = settings or WebhookSettings()
        self.name = f"webhook:{webhook.name}"
        self.environ = environ
        self.clock = clock
        self.draw = draw
        self.last_error: str | None = None
        feed = admits(webhook.partner, public_versions(contract))
        types = webhook.event_types
        self.accept: Callable[[RecordedEvent], bool] = (
            feed if types is None else lambda event: event.event_type in types and feed(event)
        )
        self._key = and_(
            webhook_deliveries.c.service == log.name,
            webhook_deliveries.c.partner == webhook.name,
        )
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> WebhookRelay:
        await asyncio.to_thread(self.state)  # the row exists, so the status shows it at once
        ca_file = self.settings.ca_file
        verify: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=str(ca_file)) if ca_file else True
        )
        self._client = httpx.AsyncClient(
            verify=verify,
            timeout=self.settings.timeout_seconds,
            follow_redirects=False,  # a redirect could lead the signed body anywhere
            headers={"User-Agent": USER_AGENT},
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set: when due, as fast as the receiver acknowledges."""
        idle = self.settings.idle_seconds
        failures = 0
        while not stop.is_set():
            try:
                async with self:
                    while not stop.is_set():
                        wait = await asyncio.to_thread(self.seconds_until_due)
                        if wait > 0:
                            await sleep_unless_stopped(stop, min(wait, idle))
                            continue
                        attempt = await unless_stopped(self.run_once(), stop)
                        failures = 0
                        if attempt is not None and attempt.passed == 0 and attempt.error is None:
                            await sleep_unless_stopped(stop, idle)
            except Exception as error:  # the database or the TLS set-up: retry, never give up
                failures += 1
                self.last_error = repr(error)
                wait = backoff.delay(failures, idle, self.settings.backoff_cap_seconds, self.draw)
                log.warning("webhook relay %s failed (%r); retrying in %.1f s",
                            self.name, error, wait)  # fmt: skip
                await sleep_unless_stopped(stop, wait)

    async def run_once(self) -> Attempt:
        """Deliver the next batch (or the pending one again), whatever the schedule says."""
        if self._client is None:
            raise RuntimeError("use the relay as 'async with relay:' or call run()")
        state = await asyncio.to_thread(self.state)
        after = state.position
        events, through = await asyncio.to_thread(self._next_batch, state)
        if through is None:
            return Attempt()
        if not events:  # nothing of the partner's (any more): pass over it
            await asyncio.to_thread(self._advance, after, through, state.pending_through)
            return Attempt(passed=through - after)
        if state.pending_through is None and not await asyncio.to_thread(
            self._claim, after, through
        ):
            return Attempt()  # another relay moved the state meanwhile: read it again
        identifier = delivery_id(self.log.name, self.webhook.name, after, through)
        body = delivery_body(identifier, self.webhook.name, self.log.name, events)
        error = await self._post(identifier, body)
        if error is None:
            await asyncio.to_thread(self._succeeded, after, through)
            self.last_error = None
            return Attempt(passed=through - after, delivered=len(events))
        wait = await asyncio.to_thread(self._failed, error)
        self.last_error = error
        log.warning("webhook %s: delivery %s failed (%s); next attempt in %.1f s",
                    self.name, identifier, error, wait)  # fmt: skip
        return Attempt(error=error)

    def _next_batch(self, state: DeliveryState) -> tuple[list[RecordedEvent], int | None]:
        """The events to send and the position the batch ends at (None: nothing new)."""
        after = state.position
        if state.pending_through is not None:
            through = state.pending_through
            pending = self.log.read_all(after, through - after)
            return [e for e in pending if self.accept(e)], through
        page = list(self.log.read_all(after, READ_PAGE))
        if not page:
            return [], None
        chosen: list[RecordedEvent] = []
        for event in page:
            if self.accept(event):
                chosen.append(event)
                if len(chosen) == self.settings.batch_size:
                    return chosen, event.position
        return chosen, page[-1].position

    async def _post(self, identifier: str, body: bytes) -> str | None:
        """None when the receiver acknowledged; what went wrong otherwise."""
        assert self._client is not None
        secret = self.environ.get(self.webhook.secret_env, "")
        if len(secret) < MIN_SECRET_LENGTH:
            return (
                f"the secret in {self.webhook.secret_env} is missing or shorter than "
                f"{MIN_SECRET_LENGTH} characters"
            )
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_header(secret, int(self.clock()), body),
            DELIVERY_HEADER: identifier,
        }
        try:
            response = await self._client.post(self.webhook.url, content=body, headers=headers)
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}"[:300]
        if 200 <= response.status_code < 300:
            return None
        return f"HTTP {response.status_code}"

    # -- the delivery state ---------------------------------------------------

    def state(self) -> DeliveryState:
        """This webhook's row, made (at position 0) on first use."""
        with self.log.db.read() as conn:
            row = conn.execute(select(webhook_deliveries).where(self._key)).first()
        if row is not None and row.endpoint == self.webhook.url:
            return DeliveryState(**row._asdict())
        try:
            with self.log.db.engine.begin() as conn:
                if row is None:
                    conn.execute(
                        insert(webhook_deliveries).values(
                            service=self.log.name,
                            partner=self.webhook.name,
                            endpoint=self.webhook.url,
                            position=0,
                            failures=0,
                        )
                    )
                else:  # the partner moved its endpoint: continue where the old one stood
                    conn.execute(
                        update(webhook_deliveries)
                        .where(self._key)
                        .values(endpoint=self.webhook.url)
                    )
        except IntegrityError:
            pass  # made meanwhile by another relay of the same partner
        with self.log.db.read() as conn:
            return DeliveryState(
                **conn.execute(select(webhook_deliveries).where(self._key)).one()._asdict()
            )

    def position(self) -> int:
        """How far delivery got (0 before the first attempt); reads only, for health."""
        with self.log.db.read() as conn:
            found = conn.execute(select(webhook_deliveries.c.position).where(self._key)).scalar()
        return int(found or 0)

    def seconds_until_due(self) -> float:
        """How long to wait before the next attempt (0: now)."""
        due = self.state().next_attempt_at
        if due is None:
            return 0.0
        return max(0.0, datetime.fromisoformat(due).timestamp() - self.clock())

    def _claim(self, after: int, through: int) -> bool:
        """Store the batch's end before sending it, unless the state moved meanwhile."""
        with self.log.db.engine.begin() as conn:
            result = conn.execute(
                update(webhook_deliveries)
                .where(
                    self._key,
                    webhook_deliveries.c.position == after,
                    webhook_deliveries.c.pending_through.is_(None),
                )
                .values(pending_through=through)
            )
            return bool(result.rowcount == 1)

    def _advance(self, after: int, through: int, pending: int | None) -> None:
        """Pass over events none of which is the partner's. A pending batch can become
        empty too, when the partner's entry was narrowed meanwhile; it is dropped then."""
        column = webhook_deliveries.c.pending_through
        with self.log.db.engine.begin() as conn:
            conn.execute(
                update(webhook_deliveries)
                .where(
                    self._key,
                    webhook_deliveries.c.position == after,
                    column.is_(None) if pending is None else column == pending,
                )
                .values(position=through, pending_through=None)
            )

    def _succeeded(self, after: int, through: int) -> None:
        now = _iso(self.clock())
        with self.log.db.engine.begin() as conn:
            conn.execute(
                update(webhook_deliveries)
                .where(self._key, webhook_deliveries.c.position == after)
                .values(
                    position=through,
                    pending_through=None,
                    failures=0,
                    next_attempt_at=None,
                    last_attempt_at=now,
                    last_success_at=now,
                    last_error=None,
                )
            )

    def _failed(self, error: str) -> float:
        """Count the failure and schedule the next attempt; return the wait in seconds."""
        now = self.clock()
        with self.log.db.engine.begin() as conn:
            failures = 1 + int(
                conn.execute(
                    select(webhook_deliveries.c.failures).where(self._key).with_for_update()
                ).scalar_one()
            )
            wait = backoff.delay(
                failures,
                self.settings.backoff_base_seconds,
                self.settings.backoff_cap_seconds,
                self.draw,
            )
            conn.execute(
                update(webhook_deliveries)
                .where(self._key)
                .values(
                    failures=failures,
                    next_attempt_at=datetime.fromtimestamp(now + wait, UTC).isoformat(),
                    last_attempt_at=_iso(now),
                    last_error=error,
                )
            )
        return wait


def webhook_relays(
    log: SqlEventLog,
    partners_file: Path,
    settings: WebhookSettings | None = None,
    contract: Path = DEFAULT_CONTRACT,
) -> list[WebhookRelay]:
    """A relay for every partner that registered a webhook and wants this service."""
    settings = settings or WebhookSettings()
    return [
        WebhookRelay(log, webhook, settings, contract)
        for webhook in load_webhooks(partners_file, settings, contract)
        if webhook.partner.wants(log.name)
    ]


def delivery_states(db: Database) -> list[DeliveryState]:
    """Every webhook's state in this database (none before its schema has the table)."""
    if not inspect(db.engine).has_table("webhook_deliveries", schema=db.schema):
        return []
    with db.read() as conn:
        rows = conn.execute(
            select(webhook_deliveries).order_by(
                webhook_deliveries.c.partner, webhook_deliveries.c.service
            )
        ).all()
    return [DeliveryState(**row._asdict()) for row in rows]
