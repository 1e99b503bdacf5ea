"""Folding events into fact rows: live, one event at a time, or in memory for a replay.

Both paths read the payloads with the same domain steps (``fold.STEPS``), so a
replay's tables equal the live ones exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from services.reporting.domain.fold import EventRow, Facts, evolve, locate
from services.reporting.domain.upstream import Payload
from services.reporting.service_layer.ports import FactRows

SUBSCRIPTIONS: Final = {
    "intake": "reporting.intake",
    "coaching": "reporting.coaching",
    "matching": "reporting.matching",
    "reporting": "reporting.targets",
}
"""One subscription per log reporting reads, by the log's name."""


def project_event(
    rows: FactRows, event_type: str, payload: Payload, position: int, project_id: str
) -> bool:
    """Apply one event to the live rows; ``False`` when reporting does not fold its type."""
    found = locate(event_type, payload, project_id)
    if found is None:
        return False
    kind, key = found
    after = evolve(rows.get(kind, key), event_type, payload, position, project_id)
    if after is not None:
        rows.put(kind, key, after)
    return True


def fold(rows: Iterable[EventRow], facts: Facts | None = None) -> Facts:
    """Fold ``rows`` into ``facts`` (new ones by default) in memory."""
    facts = facts if facts is not None else Facts()
    facts.fold(rows)
    return facts
