"""Folding events into fact rows: live, one event at a time, or in memory for a replay.

Both paths read the payloads with the same domain steps (``fold.STEPS``), so a
replay's tables equal the live ones exactly.
"""

from __future__ import annotations

from typing import Final

from services.reporting.domain.fold import STEPS, change
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
    if event_type not in STEPS:
        return False
    changed = change(event_type, payload, position, project_id, rows.get)
    if changed is not None:
        rows.put(*changed)
    return True
