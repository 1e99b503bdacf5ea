"""Ports of the reporting service layer: where events come from and where fact rows go."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, Protocol

from services.reporting.domain.facts import Fact, Key, ProjectFacts
from services.reporting.domain.fold import Facts
from shared.eventlog.verify import Verdict


class EventRow(NamedTuple):
    """What the fold reads of one stored event: the envelope fields it needs, the payload."""

    position: int
    event_id: str
    event_type: str
    project_id: str
    payload: Mapping[str, Any]


@dataclasses.dataclass(frozen=True, slots=True)
class LogSlice:
    """A prefix of one upstream log: positions 1..last, whose chain ends in ``head_hash``."""

    source: str
    last_position: int
    head_hash: str


class EventSource(Protocol):
    """One upstream log as reporting reads it."""

    name: str

    def slice(self, *, recorded_by: str | None = None, upto: int | None = None) -> LogSlice:
        """The whole log, the events recorded by ``recorded_by`` (ISO time), or 1..``upto``."""
        ...

    def rows(self, upto: int) -> Iterator[EventRow]:
        """Events 1..``upto`` of the types reporting folds, in position order."""
        ...

    def verify(self) -> Verdict:
        """Recompute the whole hash chain."""
        ...


class FactRows(Protocol):
    """Fact rows by kind and key, inside the caller's transaction (the live projection)."""

    def get(self, kind: str, key: Key) -> Fact | None: ...

    def put(self, kind: str, key: Key, fact: Fact) -> None: ...


class FactStore(Protocol):
    """The live fact tables as the reports and the replay see them."""

    def project_facts(self, project_id: str) -> ProjectFacts: ...

    def all_facts(self) -> Facts: ...

    def replace_all(self, facts: Facts, checkpoints: Mapping[tuple[str, str], int]) -> None:
        """Build every table aside from ``facts``, then swap them in with the checkpoints."""
        ...
