"""A fake of reporting's own log for the handlers' tests: streams in memory, no chain."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from shared.eventlog.port import ANY, WrongExpectedVersion
from shared.events.envelope import NewEvent


@dataclasses.dataclass(frozen=True)
class Stored:
    stream_version: int
    event_type: str
    schema_version: int
    payload: Any


@dataclasses.dataclass(frozen=True)
class Appended:
    duplicate: bool = False


class StreamLog:
    """Appends with the expected version and the idempotency key, as the engines do."""

    def __init__(self) -> None:
        self.streams: dict[str, list[Stored]] = {}
        self.keys: set[str] = set()

    def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: Any,
        *,
        idempotency_key: str | None = None,
    ) -> Appended:
        if idempotency_key is not None and idempotency_key in self.keys:
            return Appended(duplicate=True)
        stream = self.streams.setdefault(stream_id, [])
        if expected_version is not ANY and expected_version != len(stream):
            raise WrongExpectedVersion(stream_id, expected_version, len(stream))
        for new in events:
            stream.append(Stored(len(stream) + 1, new.event_type, new.schema_version, new.payload))
        if idempotency_key is not None:
            self.keys.add(idempotency_key)
        return Appended()

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[Stored]:
        return self.streams.get(stream_id, [])[after_version:]
