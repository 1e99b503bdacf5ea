"""Secure links for people without an account: participants and employers' contacts.

A link lets one person do one thing (its ``purpose``: fill in a start form, give consent,
assess a work demonstration …) about one subject (a client, an employer contact) in one
project, until it expires, is revoked, or is used. The address carries a random secret
(``secrets.token_urlsafe(32)``); the store keeps only its SHA-256 hash, as the calendar
feed does, so that a copy of the database gives no working link and there is nothing to
enumerate: an unknown token and a wrong one are the same miss.

Each service keeps its own ``links`` table in its own store (``links_table(metadata)``)
and wraps it in a ``LinkStore``. The pages that answer a link are rate-limited per client
address (``RateLimiter``), so that guessing costs more than it could ever find.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Index,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)

from shared.ids import uuid7_str

REFUSALS: Final = ("unknown", "expired", "used", "revoked")
"""Why a link does not open: never found, past its time, used up, taken back."""
TOKEN_BYTES: Final = 32
MAX_VALID_DAYS: Final = 90
"""No link lives longer than a quarter: a forgotten one should not open a form for good."""


class LinkRefused(Exception):
    """The link does not open; ``reason`` is one of ``REFUSALS``."""

    def __init__(self, reason: str) -> None:
        if reason not in REFUSALS:
            raise ValueError(f"unknown refusal {reason!r}")
        super().__init__(reason)
        self.reason = reason


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LinkGrant:
    """What a link allows, to whom, and how far it has got (never its token)."""

    link_id: str
    project_id: str
    purpose: str
    subject_id: str
    language: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    single_use: bool
    """Usable once: its first submission marks it done (``True``); or "until done": it
    takes submissions until the service marks it done (``False``). Done, it opens no more."""
    opened_at: datetime | None = None
    done_at: datetime | None = None
    revoked_at: datetime | None = None

    def state(self, now: datetime) -> str:
        """``revoked``, ``done``, ``expired``, ``opened`` or ``open``, as lists show it."""
        if self.revoked_at is not None:
            return "revoked"
        if self.done_at is not None:
            return "done"
        if now >= self.expires_at:
            return "expired"
        return "opened" if self.opened_at is not None else "open"


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def links_table(metadata: MetaData) -> Table:
    """The ``links`` table of one service's store."""
    return Table(
        "links",
        metadata,
        Column("link_id", String(36), primary_key=True),
        Column("token_hash", String(64), nullable=False),
        Column("project_id", String(64), nullable=False),
        Column("purpose", String(64), nullable=False),
        Column("subject_id", String(64), nullable=False),
        Column("language", String(8), nullable=False),
        Column("created_by", String(64), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("expires_at", DateTime(timezone=True), nullable=False),
        Column("single_use", Boolean, nullable=False),
        Column("opened_at", DateTime(timezone=True), nullable=True),
        Column("done_at", DateTime(timezone=True), nullable=True),
        Column("revoked_at", DateTime(timezone=True), nullable=True),
        Index("links_by_token", "token_hash", unique=True),
        Index("links_by_subject", "project_id", "subject_id", "created_at"),
    )


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; the store writes UTC only."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _grant(row: Any) -> LinkGrant:
    created_at, expires_at = _aware(row["created_at"]), _aware(row["expires_at"])
    assert created_at is not None and expires_at is not None
    return LinkGrant(
        link_id=row["link_id"],
        project_id=row["project_id"],
        purpose=row["purpose"],
        subject_id=row["subject_id"],
        language=row["language"],
        created_by=row["created_by"],
        created_at=created_at,
        expires_at=expires_at,
        single_use=bool(row["single_use"]),
        opened_at=_aware(row["opened_at"]),
        done_at=_aware(row["done_at"]),
        revoked_at=_aware(row["revoked_at"]),
    )


class LinkStore:
    """Issues, opens and closes the links of one service's ``links`` table."""

    def __init__(self, engine: Engine, table: Table) -> None:
        self.engine = engine
        self.table = table

    def issue(
        self,
        *,
        project_id: str,
        purpose: str,
        subject_id: str,
        language: str,
        created_by: str,
        now: datetime,
        valid_for: timedelta,
        single_use: bool = False,
    ) -> tuple[LinkGrant, str]:
        """A new link and its token: the token is shown once and never kept."""
        if not timedelta(0) < valid_for <= timedelta(days=MAX_VALID_DAYS):
            raise ValueError("a link is valid for more than nothing and at most 90 days")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        grant = LinkGrant(
            link_id=uuid7_str(),
            project_id=project_id,
            purpose=purpose,
            subject_id=subject_id,
            language=language,
            created_by=created_by,
            created_at=now,
            expires_at=now + valid_for,
            single_use=single_use,
        )
        row = dataclasses.asdict(grant) | {"token_hash": token_hash(token)}
        with self.engine.begin() as conn:
            conn.execute(insert(self.table).values(**row))
        return grant, token

    def find(self, token: str) -> LinkGrant | None:
        """The link of ``token`` whatever its state; ``None`` when there is none."""
        query = select(self.table).where(self.table.c.token_hash == token_hash(token))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _grant(row) if row else None

    def get(self, link_id: str) -> LinkGrant | None:
        query = select(self.table).where(self.table.c.link_id == link_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _grant(row) if row else None

    def check(self, token: str, now: datetime) -> LinkGrant:
        """The link of ``token`` if it may be used now, without marking it opened."""
        grant = self.find(token) if token else None
        if grant is None:
            raise LinkRefused("unknown")
        if grant.revoked_at is not None:
            raise LinkRefused("revoked")
        if grant.done_at is not None:
            raise LinkRefused("used")
        if now >= grant.expires_at:
            raise LinkRefused("expired")
        return grant

    def open(self, token: str, now: datetime) -> LinkGrant:
        """Use the link: refused (``LinkRefused``) unless it may be used now; the first
        opening is remembered (the coach's list shows the link as opened)."""
        grant = self.check(token, now)
        if grant.opened_at is not None:
            return grant
        t = self.table
        with self.engine.begin() as conn:
            conn.execute(
                update(t).where(t.c.link_id == grant.link_id, t.c.opened_at.is_(None))
                .values(opened_at=now)
            )  # fmt: skip
        return dataclasses.replace(grant, opened_at=now)

    def mark_done(self, link_id: str, now: datetime) -> None:
        """The task is done: the link opens no more."""
        t = self.table
        with self.engine.begin() as conn:
            conn.execute(
                update(t).where(t.c.link_id == link_id, t.c.done_at.is_(None)).values(done_at=now)
            )

    def revoke(self, link_id: str, now: datetime) -> None:
        """Take the link back: it opens no more (a used or revoked one stays as it was)."""
        t = self.table
        with self.engine.begin() as conn:
            conn.execute(
                update(t)
                .where(t.c.link_id == link_id, t.c.revoked_at.is_(None), t.c.done_at.is_(None))
                .values(revoked_at=now)
            )

    def for_subject(self, project_id: str, subject_id: str) -> list[LinkGrant]:
        """The subject's links in the project, newest first."""
        t = self.table
        query = (
            select(t)
            .where(t.c.project_id == project_id, t.c.subject_id == subject_id)
            .order_by(t.c.created_at.desc(), t.c.link_id.desc())
        )
        with self.engine.connect() as conn:
            return [_grant(row) for row in conn.execute(query).mappings()]


class RateLimiter:
    """At most ``limit`` requests per ``window`` seconds from one key (a client address).

    In memory, per process: enough to make guessing tokens pointless (2^256 of them), and
    it forgets nothing that matters on a restart. Keys idle for a window are dropped.
    """

    def __init__(
        self,
        limit: int = 30,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one request from ``key``; ``False`` when it is over the limit."""
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:
                self._forget(now)
            return True

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may ask again (at least 1)."""
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 1
            return max(1, int(hits[0] + self.window - self._clock()) + 1)

    def _forget(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]
