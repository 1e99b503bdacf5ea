"""The public event contract: every published event type as JSON Schema, in one document.

Generated from the services' own event classes, so that it can never drift from the code
without the test noticing: ``docs/events/contract.json`` is committed, and a test fails
when the classes say something the committed document does not. A change to an event
therefore shows up in review as a change to the contract, with its version.

Partners read this document to know what they may receive; the partner feeds publish
only the types and versions it lists (``shared.partners``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from shared.events.contract import EventContracts
from shared.partners import DEFAULT_CONTRACT

CONTRACT_VERSION = "1.0.0"
"""Raised on any change: minor for a new type or version, major for a removal."""


def _publishers() -> dict[str, Callable[[], EventContracts]]:
    from services.coaching.domain.contracts import coaching_contracts
    from services.intake.domain.contracts import intake_contracts
    from services.matching.domain.contracts import matching_contracts

    return {
        "intake": intake_contracts,
        "coaching": coaching_contracts,
        "matching": matching_contracts,
    }


ENVELOPE = {
    "type": "object",
    "description": (
        "Kafka message value (canonical JSON, keys sorted); the key is the stream id. "
        "Headers repeat event_id, position, event_type, schema_version and log."
    ),
    "required": [
        "event_id",
        "position",
        "stream_id",
        "stream_version",
        "event_type",
        "schema_version",
        "project_id",
        "occurred_at",
        "recorded_at",
        "actor",
        "correlation_id",
        "payload",
        "hash",
    ],
    "properties": {
        "event_id": {"type": "string", "description": "UUIDv7, unique"},
        "position": {"type": "integer", "description": "Gapless position in the service's log"},
        "stream_id": {"type": "string", "description": "Pseudonymous aggregate id"},
        "stream_version": {"type": "integer"},
        "event_type": {"type": "string"},
        "schema_version": {"type": "integer"},
        "project_id": {"type": "string", "description": "The project (tenant) code"},
        "occurred_at": {"type": "string", "format": "date-time"},
        "recorded_at": {"type": "string", "format": "date-time"},
        "actor": {"type": "string", "description": "Pseudonymous id of the acting user"},
        "correlation_id": {"type": "string"},
        "causation_id": {"type": ["string", "null"]},
        "payload": {"type": "object", "description": "As the event type's schema"},
        "hash": {"type": "string", "description": "SHA-256 link of the log's hash chain"},
    },
}


def _description(cls: type[Any]) -> str | None:
    """The class's own docstring; dataclasses without one only repeat their signature."""
    text = " ".join((cls.__doc__ or "").split())
    return None if not text or text.startswith(f"{cls.__name__}(") else text


def contract_document() -> dict[str, Any]:
    events: dict[str, Any] = {}
    for service, contracts in _publishers().items():
        registry = contracts()
        for name in registry.names():
            cls = registry.class_for(name)
            schema = TypeAdapter(cls).json_schema()
            schema.pop("title", None)
            events[name] = {
                "service": service,
                "version": cls.__schema_version__,
                "description": _description(cls),
                "topic": f"<prefix>.{service}.events",
                "payload": schema,
            }
    return {
        "contract_version": CONTRACT_VERSION,
        "title": "Duuni public events",
        "envelope": ENVELOPE,
        "events": dict(sorted(events.items())),
    }


def render() -> str:
    return json.dumps(contract_document(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def export(path: Path = DEFAULT_CONTRACT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
