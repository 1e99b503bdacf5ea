"""The published contract of coaching: every event type it writes, under its wire name."""

from __future__ import annotations

from services.coaching.domain.events import PUBLISHED
from shared.events.contract import EventContracts


def coaching_contracts() -> EventContracts:
    return EventContracts().register(*PUBLISHED)
