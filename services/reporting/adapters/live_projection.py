"""The live projection as its subscriptions call it (adapter layer): one recorded event
folded into the fact rows, inside the subscription's own transaction.

``bootstrap`` subscribes it to every log reporting reads (``projection.SUBSCRIPTIONS``),
so that the rows and the checkpoint commit together.
"""

from __future__ import annotations

from sqlalchemy import Connection

from services.reporting.adapters.readers import payload_reader
from services.reporting.adapters.store import SqlFactRows
from services.reporting.service_layer.projection import project_event
from shared.events.envelope import RecordedEvent


def on_event(event: RecordedEvent, conn: Connection) -> None:
    """Fold one event into the fact rows, in the subscription's transaction.

    A payload its reader refuses raises, and the subscription dead-letters the event.
    """
    reader = payload_reader()
    if not reader.folds(event.event_type):
        return
    payload = reader.convert(event.event_type, event.payload)
    project_event(SqlFactRows(conn), event.event_type, payload, event.position, event.project_id)
