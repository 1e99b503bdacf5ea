"""The hash chain that makes the log tamper-evident.

Each event's hash covers its whole canonical form (every envelope field and the payload
bytes exactly as stored) and the previous event's hash. Editing, deleting, inserting or
reordering any event therefore breaks every later link, and ``verify`` names the first
broken one. An auditor who wrote down the head hash can later prove nothing changed.
"""

from __future__ import annotations

import hashlib

import orjson

GENESIS = "0" * 64


def header_bytes(
    position: int,
    event_id: str,
    stream_id: str,
    stream_version: int,
    event_type: str,
    schema_version: int,
    project_id: str,
    occurred_at: str,
    recorded_at: str,
    actor: str,
    correlation_id: str,
    causation_id: str | None,
) -> bytes:
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
