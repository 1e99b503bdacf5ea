"""Canonical JSON and the typed-event codec: serialisation happens here, once per direction.

Canonical JSON (UTF-8, keys sorted, no insignificant white space, UTC timestamps) is what
the log stores, what the hash chain covers and what Kafka carries, so that any reader in
any language re-derives the same bytes.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import orjson
from pydantic import TypeAdapter

from shared.events.contract import EventContracts, Payload

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def canonical_json(value: object) -> bytes:
    return orjson.dumps(value, option=_OPTIONS, default=_default)


def loads(data: bytes | str) -> Any:
    return orjson.loads(data)


def payload_of(event: object) -> Payload:
    """The JSON-ready payload of a typed event (a dataclass)."""
    if not dataclasses.is_dataclass(event) or isinstance(event, type):
        raise TypeError(f"{type(event).__name__} is not an event dataclass")
    result: Payload = orjson.loads(canonical_json(event))
    return result


_adapters: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(cls: type[Any]) -> TypeAdapter[Any]:
    adapter = _adapters.get(cls)
    if adapter is None:
        adapter = _adapters[cls] = TypeAdapter(cls)
    return adapter


def event_from_payload(cls: type[Any], payload: Payload) -> Any:
    """Rebuild a typed event from its JSON payload, validating types on the way in."""
    return _adapter(cls).validate_python(payload)


def decode_event(contracts: EventContracts, name: str, version: int, payload: Payload) -> Any:
    """Upcast then rebuild; raises ``UnknownEventType`` for types the reader lacks."""
    cls = contracts.class_for(name)
    return event_from_payload(cls, contracts.upcast(name, version, payload))
