"""The hash chain that makes the log tamper-evident.

Each event's hash covers its whole canonical form (every envelope field and the payload
bytes exactly as stored) and the previous event's hash. Editing, deleting, inserting or
reordering any event therefore breaks every later link, and ``verify`` names the first
broken one. An auditor who wrote down the head hash can later prove nothing changed.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import orjson

GENESIS = "0" * 64


def header_time(moment: datetime) -> str | datetime:
    """``moment`` as ``header_bytes`` takes it: the log's one timestamp format, cheaply.

    The format is ``envelope.isoformat``'s: UTC, six fraction digits, ``+00:00``. orjson
    writes a ``datetime`` in UTC exactly so when its microseconds are not zero (it drops
    a zero fraction), and saves ``isoformat``'s 1.5 µs per event on the test machine, a
    quarter of an append's Python time; every other moment is formatted as text first.
    Both give the same header bytes, hence the same hash.
    """
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    if moment.microsecond and type(moment) is datetime:
        return moment
    return moment.isoformat(timespec="microseconds")


def header_bytes(
    position: int,
    event_id: str,
    stream_id: str,
    stream_version: int,
    event_type: str,
    schema_version: int,
    project_id: str,
    occurred_at: str | datetime,
    recorded_at: str,
    actor: str,
    correlation_id: str,
    causation_id: str | None,
) -> bytes:
    """The canonical header: RecordedEvent's first twelve fields as one JSON array."""
    return orjson.dumps(
        [
            position,
            event_id,
            stream_id,
            stream_version,
            event_type,
            schema_version,
            project_id,
            occurred_at,
            recorded_at,
            actor,
            correlation_id,
            causation_id,
        ]
    )


def link(previous_hash: str, header: bytes, payload_json: bytes) -> str:
    digest = hashlib.sha256(previous_hash.encode("ascii"))
    digest.update(header)
    digest.update(b"\n")
    digest.update(payload_json)
    return digest.hexdigest()
