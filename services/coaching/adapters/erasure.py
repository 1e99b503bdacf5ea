"""Coaching's part of an erasure: its words about the erased person go (adapter layer).

Intake erases a person by deleting their key and publishes ``intake.person_erased``.
Coaching keeps words about clients of its own (session and case notes, goal wording,
task and in-work texts) in ``coaching_private_texts``, keyed by the id of what they are
about; this subscription finds those ids in coaching's own events about the client and
deletes the texts, in the same transaction as the subscription's checkpoint. It is
idempotent: a replayed erasure finds nothing more to delete. The events stay, so the
figures do not change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select

from services.coaching.adapters.tables import private_texts
from services.coaching.domain.upstream import PersonErased, erasure_readers
from shared.eventlog.sql.schema import events
from shared.eventlog.subscription import Dispatcher
from shared.events.codec import loads
from shared.events.envelope import RecordedEvent

SHARED_IDS = frozenset(
    {
        "client_id", "project_id", "coach_id", "previous_coach_id", "author_id", "owner_id",
        "previous_owner_id", "company_id", "programme_id", "meeting_id", "course_id",
    }
)  # fmt: skip
"""Ids in coaching's events that name something other than the client's own record (a
group programme, a company, a user): texts keyed by them are not the client's."""


def own_ids(payload: dict[str, Any]) -> set[str]:
    """The ids of the client's own records an event names (a session, a goal, a note…)."""
    return {
        value
        for key, value in payload.items()
        if key.endswith("_id") and key not in SHARED_IDS and isinstance(value, str)
    }


def erase_client_texts(conn: Connection, project_id: str, client_id: str) -> int:
    """Delete the project's private texts about the client; how many were deleted."""
    pattern = f'%"client_id":"{client_id}"%'
    query = select(events.c.payload).where(
        events.c.project_id == project_id, events.c.payload.like(pattern)
    )
    keys: set[str] = set()
    for (payload,) in conn.execute(query):
        decoded = loads(payload)
        if isinstance(decoded, dict) and decoded.get("client_id") == client_id:
            keys |= own_ids(decoded)
    if not keys:
        return 0
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    deleted = 0
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        result = conn.execute(
            delete(private_texts).where(
                private_texts.c.project_id == project_id,
                private_texts.c.key.in_(ordered[start : start + 500]),
            )
        )
        deleted += result.rowcount or 0
    return deleted


def _erased(event: PersonErased, recorded: RecordedEvent, conn: Connection) -> None:
    erase_client_texts(conn, event.project_id or recorded.project_id, event.client_id)


def erasure_projection() -> Dispatcher:
    """The handler of the ``coaching.intake_erasures`` subscription."""
    return Dispatcher(erasure_readers()).on(PersonErased, _erased)
