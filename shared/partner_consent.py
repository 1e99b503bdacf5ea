"""Partner feeds respect a withdrawn consent to share with partner projects.

A client's consent per purpose is an event on intake's log (``intake.consent_given`` and
``intake.consent_withdrawn``, purpose ``partner_sharing``). A partner relay publishes no
further event naming a client (payload ``client_id``) whose sharing consent is withdrawn,
until it is given again. The state is the one at publishing time: an event recorded
before the withdrawal but not yet published is held back too, which errs on the side of
the person.

The rule is one; where the relay learns who withdrew differs by service. Intake's relay
reads the consent events from the log it relays. Coaching and matching never read
intake's log: each follows intake's consent events with a subscription and keeps the
decision per client in its own table (``<service>_sharing_withdrawn``, declared here so
that its shape is the same in both), and their relays read that table.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)

from shared.eventlog.sql import SqlEventLog
from shared.events.envelope import RecordedEvent

SHARING: str = "partner_sharing"
GIVEN, WITHDRAWN = "intake.consent_given", "intake.consent_withdrawn"

STORED_IN: frozenset[str] = frozenset({"coaching", "matching"})
"""The services whose partner relays read the withdrawals from their own table."""

MAX_AGE_SECONDS = 1.0
"""A stored source is read again at least this often while a relay works through a
backlog, so that a withdrawal counts within a second even then."""


def withdrawn_table(metadata: MetaData, service: str) -> Table:
    """The service's table of intake's sharing decisions, one row per client asked.

    ``seen``: the version of the client's consent stream that decided it, so that an
    older decision delivered again is not applied over a newer one."""
    return Table(
        f"{service}_sharing_withdrawn",
        metadata,
        Column("client_id", String(36), primary_key=True),
        Column("project_id", String(64), nullable=False),
        Column("withdrawn", Boolean, nullable=False),
        Column("seen", Integer, nullable=False),
    )


def record_sharing(
    conn: Connection,
    table: Table,
    *,
    client_id: str,
    project_id: str,
    withdrawn: bool,
    seen: int,
) -> None:
    """Keep a sharing decision unless a newer one of the client's stream is kept already
    (idempotent: a replay writes the same row)."""
    c = table.c
    row = conn.execute(select(c.seen).where(c.client_id == client_id)).one_or_none()
    values = {"project_id": project_id, "withdrawn": withdrawn, "seen": seen}
    if row is None:
        conn.execute(insert(table).values(client_id=client_id, **values))
    elif seen > row[0]:
        conn.execute(update(table).where(c.client_id == client_id).values(**values))


class WithdrawnSource(Protocol):
    """Where a relay learns which clients withdrew their consent to partner sharing."""

    def due(self, event: RecordedEvent) -> bool:
        """Whether the answer may have changed since it was last read, judged when the
        relay is about to publish ``event``."""
        ...

    def withdrawn(self) -> set[str]:
        """The clients whose sharing consent is withdrawn now."""
        ...


class LogConsents:
    """Intake's source: the consent events of the log it relays, read incrementally."""

    def __init__(self, intake_log: SqlEventLog) -> None:
        self._log = intake_log
        self.position = 0
        """The last position of intake's log read."""
        self._withdrawn: set[str] = set()

    def due(self, event: RecordedEvent) -> bool:
        return event.position > self.position  # the log has grown past what was read

    def withdrawn(self) -> set[str]:
        for event in self._log.read_all(self.position):
            self.position = event.position
            if event.event_type in (GIVEN, WITHDRAWN) and event.payload.get("purpose") == SHARING:
                client = str(event.payload.get("client_id"))
                if event.event_type == WITHDRAWN:
                    self._withdrawn.add(client)
                else:
                    self._withdrawn.discard(client)
        return set(self._withdrawn)


class StoredWithdrawals:
    """Coaching's and matching's source: the service's own ``withdrawn_table``.

    Read again when the relay reaches an event appended after the last read (a new
    batch), or when the last read is older than ``MAX_AGE_SECONDS``."""

    def __init__(self, log: SqlEventLog, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._log = log
        self._table = withdrawn_table(MetaData(), log.name)
        self._clock = clock
        self.head = -1
        """The head position of the relayed log at the last read (-1: never read)."""
        self._read_at = 0.0

    def due(self, event: RecordedEvent) -> bool:
        stale = self._clock() - self._read_at > MAX_AGE_SECONDS
        return self.head < 0 or event.position > self.head or stale

    def withdrawn(self) -> set[str]:
        self.head = self._log.head().position
        self._read_at = self._clock()
        c = self._table.c
        with self._log.db.engine.connect() as conn:
            return set(conn.scalars(select(c.client_id).where(c.withdrawn.is_(True))))


class SharingConsents:
    """Clients whose consent to partner sharing is withdrawn, as ``source`` says."""

    def __init__(self, source: WithdrawnSource) -> None:
        self.source = source
        self.withdrawn: set[str] = set()

    def shared(self, event: RecordedEvent) -> bool:
        """Whether ``event`` may go to a partner: it names no client who withdrew."""
        if self.source.due(event):
            self.withdrawn = self.source.withdrawn()
        client = event.payload.get("client_id")
        return client is None or str(client) not in self.withdrawn


def consents_for(log: SqlEventLog) -> SharingConsents | None:
    """The sharing consents a relay of ``log`` follows; ``None`` for a service whose events
    name no client (reporting)."""
    if log.name == "intake":
        return SharingConsents(LogConsents(log))
    if log.name in STORED_IN:
        return SharingConsents(StoredWithdrawals(log))
    return None


def respecting_consent(
    accept: Callable[[RecordedEvent], bool], consents: SharingConsents
) -> Callable[[RecordedEvent], bool]:
    """``accept`` that also holds back events about clients who withdrew sharing."""

    def admitted(event: RecordedEvent) -> bool:
        return accept(event) and consents.shared(event)

    return admitted
