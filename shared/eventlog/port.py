"""The event-log port: the one interface every engine implements.

Services depend on this protocol only; SQLite, PostgreSQL and the Kafka-relayed set-up are
adapters behind it, and one contract suite (tests/contract) holds them all to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple, Protocol

from shared.events.envelope import NewEvent, RecordedEvent


class _Any:
    def __repr__(self) -> str:
        return "ANY"


ANY: Final = _Any()
"""Expected version meaning: append whatever the stream's current version."""

NO_STREAM: Final = 0
"""Expected version of a stream that has no events yet."""

ExpectedVersion = int | _Any


class EventLogError(Exception):
    """Base class of the log's own errors."""


class WrongExpectedVersion(EventLogError):
    """Someone else appended to the stream first; nothing of this append was stored."""

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"stream {stream_id!r} is at version {actual}, not {expected}: "
            "it changed since it was read; reload and try again"
        )
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class DuplicateEvent(EventLogError):
    """Some, but not all, of the appended event ids are already stored."""


@dataclasses.dataclass(frozen=True, slots=True)
class AppendResult:
    stream_id: str
    first_position: int
    last_position: int
    stream_version: int
    duplicate: bool = False
    """True when the events (or the idempotency key) were already stored: nothing new."""


@dataclasses.dataclass(frozen=True, slots=True)
class LogHead:
    position: int
    hash: str


class RawEvent(NamedTuple):
    """A stored event before decoding: the exact texts the hash chain covers."""

    position: int
    header: str
    payload: str
    hash: str


class EventLog(Protocol):
    """An append-only, hash-chained log of events in gapless, commit-ordered positions."""

    name: str

    def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion,
        *,
        idempotency_key: str | None = None,
    ) -> AppendResult:
        """Store all of ``events`` or none, durably, before returning.

        Raises ``WrongExpectedVersion`` when the stream moved on. Re-sending the same event
        ids, or the same ``idempotency_key``, stores nothing and returns the first result.
        """
        ...

    def appended_with(self, idempotency_key: str) -> AppendResult | None:
        """What the append with ``idempotency_key`` stored, or ``None`` if none did."""
        ...

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]: ...

    def read_all(
        self, after_position: int = 0, limit: int | None = None
    ) -> Iterator[RecordedEvent]:
        """Events in position order; a position is visible only once all before it are."""
        ...

    def read_raw(self, after_position: int = 0, limit: int | None = None) -> Iterator[RawEvent]: ...

    def head(self) -> LogHead: ...

    def close(self) -> None: ...
