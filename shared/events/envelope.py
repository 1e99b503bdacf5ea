"""The event envelope: what the log adds around a domain event.

``NewEvent`` is what a service hands to ``append``; ``RecordedEvent`` is what every reader
gets back, with its place in the log and its link in the hash chain. Envelopes carry a
pseudonymous stream id and classification fields only: names, identity codes and contact
details stay in intake's personal-data store and must never reach a payload.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any, Final, NamedTuple

import msgspec

from shared.events.codec import canonical_json, payload_of
from shared.events.contract import Payload, schema_version_of, type_name_of
from shared.events.correlation import correlation_id_or_new
from shared.events.privacy import check_payload
from shared.ids import uuid7_str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Context:
    """Who acts, for which project, and the chain of messages that led here."""

    project_id: str
    actor: str
    correlation_id: str = dataclasses.field(default_factory=correlation_id_or_new)
    """The request's or the handled event's correlation id; a new one outside both."""
    causation_id: str | None = None

    def caused_by(self, event: RecordedEvent) -> Context:
        """The context for work done in reaction to ``event``."""
        return dataclasses.replace(
            self, correlation_id=event.correlation_id, causation_id=event.event_id
        )


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class NewEvent:
    """An event about to be appended: the log assigns position, version and hash."""

    event_type: str
    schema_version: int
    payload: Payload
    project_id: str
    actor: str
    correlation_id: str
    causation_id: str | None = None
    event_id: str = dataclasses.field(default_factory=uuid7_str)
    occurred_at: datetime = dataclasses.field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        check_payload(self.event_type, self.payload)

    @classmethod
    def of(cls, event: object, context: Context, *, event_id: str | None = None) -> NewEvent:
        """Wrap a typed domain event for appending."""
        return cls(
            event_type=type_name_of(event),
            schema_version=schema_version_of(event),
            payload=payload_of(event),
            project_id=context.project_id,
            actor=context.actor,
            correlation_id=context.correlation_id,
            causation_id=context.causation_id,
            event_id=event_id or uuid7_str(),
        )


class RecordedEvent(NamedTuple):
    """An event as stored: immutable, positioned, chained.

    A NamedTuple rather than a dataclass because replays build millions of these and
    tuple construction is several times cheaper.
    """

    position: int
    event_id: str
    stream_id: str
    stream_version: int
    event_type: str
    schema_version: int
    project_id: str
    occurred_at: str
    recorded_at: str
    actor: str
    correlation_id: str
    causation_id: str | None
    payload: Payload
    hash: str

    def to_wire(self) -> bytes:
        """The published form: canonical JSON of the whole envelope."""
        return canonical_json(self._asdict())

    @classmethod
    def from_wire(cls, data: bytes) -> RecordedEvent:
        """Parse the published form; raises ``ValueError`` on anything malformed."""
        from shared.events.codec import loads

        try:
            raw: Any = loads(data)
            fields = {name: raw[name] for name in cls._fields}
        except (ValueError, TypeError, KeyError) as error:
            raise ValueError(f"not an event envelope: {error}") from error
        if not isinstance(fields["payload"], dict):
            raise ValueError("not an event envelope: payload is not an object")
        for name in ("position", "stream_version", "schema_version"):
            if not isinstance(fields[name], int):
                raise ValueError(f"not an event envelope: {name} is not an integer")
        return cls(**fields)


_STORED: Final = msgspec.json.Decoder(RecordedEvent)


def stored_event(header: str, payload: str, hash_: str) -> RecordedEvent:
    """An event from its stored columns: the header (RecordedEvent's first twelve fields
    as one JSON array, ``shared.eventlog.chain``), the payload's JSON and the hash.

    Read paths build millions of these. The three texts are joined into one JSON array of
    every field and decoded straight into the tuple, in C: a tenth less than parsing the
    header and the payload apart and building the tuple from both.
    """
    return _STORED.decode(f'{header[:-1]},{payload},"{hash_}"]')


def isoformat(moment: datetime) -> str:
    """The one timestamp format of the log: UTC, microseconds, ``+00:00``."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
