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


class LiveProjection:
    """The subscriptions' handler: folds each event reporting counts into the fact rows,
    in the subscription's transaction, and says which it counts (``wants``), so that a
    batch of events it does not count passes by without a transaction."""

    def __call__(self, event: RecordedEvent, conn: Connection) -> None:
        """A payload its reader refuses raises, and the subscription dead-letters it."""
        reader = payload_reader()
        if not reader.folds(event.event_type):
            return
        payload = reader.convert(event.event_type, event.payload)
        project_event(
            SqlFactRows(conn), event.event_type, payload, event.position, event.project_id
        )

    def wants(self, event_type: str) -> bool:
        return payload_reader().folds(event_type)


on_event = LiveProjection()
