"""The matching log seen as aggregates (see ``shared.eventlog.aggregates``)."""

from __future__ import annotations

from services.matching.domain.contracts import matching_contracts
from shared.eventlog.aggregates import Aggregate, AggregateStreams, Loaded
from shared.eventlog.port import EventLog
from shared.events.contract import EventContracts

__all__ = ["Aggregate", "Loaded", "Streams"]


class Streams(AggregateStreams):
    def __init__(self, log: EventLog, contracts: EventContracts | None = None) -> None:
        super().__init__(log, contracts or matching_contracts(), namespace="matching")
