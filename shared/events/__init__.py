"""Event envelope, contracts and canonical serialisation."""

from shared.events.contract import (
    DomainEvent,
    EventContracts,
    Payload,
    UnknownEventType,
    event,
    event_type,
)
from shared.events.envelope import Context, NewEvent, RecordedEvent

__all__ = [
    "Context",
    "DomainEvent",
    "EventContracts",
    "NewEvent",
    "Payload",
    "RecordedEvent",
    "UnknownEventType",
    "event",
    "event_type",
]
