"""The published contract of matching: every event type it writes, under its wire name."""

from __future__ import annotations

from typing import get_args

from services.matching.domain.events import Event
from shared.events.contract import EventContracts


def matching_contracts() -> EventContracts:
    """Every member of ``Event``: the union in ``events`` is the one list of them."""
    return EventContracts().register(*get_args(Event))
