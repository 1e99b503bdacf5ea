"""Coaching follows intake's consents to sharing with partner projects (adapter layer).

Coaching's partner feeds must not name a client who withdrew that consent, but coaching
never reads intake's log: this subscription keeps intake's decisions per client in
``coaching_sharing_withdrawn``, in the same transaction as its checkpoint, and the relays
read that table (``shared.partner_consent``). Consents to other purposes are passed by.
"""

from __future__ import annotations

from sqlalchemy import Connection

from services.coaching.adapters.tables import sharing_withdrawn
from services.coaching.domain.upstream import ConsentGiven, ConsentWithdrawn, sharing_readers
from shared.eventlog.subscription import Dispatcher
from shared.events.envelope import RecordedEvent
from shared.partner_consent import SHARING, record_sharing


def _decided(
    event: ConsentGiven | ConsentWithdrawn, recorded: RecordedEvent, conn: Connection
) -> None:
    if event.purpose != SHARING:
        return
    record_sharing(
        conn,
        sharing_withdrawn,
        client_id=event.client_id,
        project_id=event.project_id or recorded.project_id,
        withdrawn=isinstance(event, ConsentWithdrawn),
        seen=recorded.stream_version,
    )


def sharing_projection() -> Dispatcher:
    """The handler of the ``coaching.intake_sharing`` subscription."""
    return Dispatcher(sharing_readers()).on(ConsentGiven, _decided).on(ConsentWithdrawn, _decided)
