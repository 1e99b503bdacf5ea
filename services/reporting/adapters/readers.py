"""Upstream payloads decoded into reporting's readers, with msgspec (adapter layer).

One decoder per event type, built once: a payload's JSON goes straight into its reader
(a dataclass of ``domain/upstream.py``) in C, skipping every field reporting does not
read. The live projection converts the dictionaries it is handed with the same rules,
so a payload is refused alike live (dead-lettered) and in a replay (skipped).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final

import msgspec

from services.reporting.domain.upstream import Payload, readers


class PayloadRefused(ValueError):
    """A payload does not fit the reader of its event type."""


class PayloadReader:
    """Decoders and converters into the readers, by event type."""

    UNREADABLE: Final = (msgspec.ValidationError, msgspec.DecodeError)
    """What a decoder raises for a payload that does not fit its reader."""

    def __init__(self) -> None:
        self.classes = readers()
        self.decode_json = {
            name: msgspec.json.Decoder(cls).decode for name, cls in self.classes.items()
        }
        """The decoder of each type's JSON payloads, as the fold takes them (``Encoded``)."""

    def convert(self, event_type: str, payload: Mapping[str, Any]) -> Payload:
        """The reader of a decoded payload; raises ``PayloadRefused`` when it does not fit."""
        try:
            return msgspec.convert(payload, self.classes[event_type])
        except msgspec.ValidationError as error:
            raise PayloadRefused(f"{event_type}: {error}") from None

    def folds(self, event_type: str) -> bool:
        return event_type in self.classes


@functools.cache
def payload_reader() -> PayloadReader:
    """The one reader of a process: its decoders are built on first use, then shared."""
    return PayloadReader()
