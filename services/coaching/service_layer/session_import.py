"""Importing a running project's history of sessions: the handler of ``ImportSessions``.

Only a project manager (or an administrator) brings a project's earlier records in. Each
row is one session stream whose id is derived from the row (``imported_session_id``),
appended on a stream that must still be empty under an idempotency key of that id: an
import run twice, or by two managers at once, stores each session once. Every event of
an import carries ``import:<the file's SHA-256>`` as its correlation id (as intake's
import of participants does), so the log says which file each session came from; the
acting manager is its actor. A refused row refuses only itself.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from services.coaching.domain.commands import ImportSessions
from services.coaching.domain.errors import DomainError
from services.coaching.domain.session_import import (
    ImportSession,
    decide_imported,
    imported_session_id,
)
from services.coaching.service_layer.dependencies import Coaching
from services.coaching.service_layer.streams import SESSIONS
from shared.eventlog.aggregates import checked
from shared.events.envelope import NewEvent
from shared.import_ids import imported_client_id
from shared.messagebus import Accepted, CommandContext
from shared.refusal import Refusal
from shared.web.principal import PROJECT_MANAGER

WORKERS: Final = 8
"""Rows of a batch stored at once, each on its own stream: the log commits concurrent
appends together (group commit), so a batch costs a few commits, not one per row. Two
rows of one batch never share a stream: the sheet refuses a session twice."""
SOURCE: Final = "import"
"""The correlation id's prefix that marks an imported event."""


def import_correlation_id(file_sha256: str) -> str:
    """What every event of an import of the file with this SHA-256 is correlated by."""
    return f"{SOURCE}:{file_sha256}"


@dataclasses.dataclass(frozen=True, slots=True)
class BatchAccepted(Accepted):
    """A batch's answer: each row's own, in order (``Accepted`` or the ``Refusal``)."""

    outcomes: tuple[Accepted | Refusal, ...] = ()


def import_sessions(c: Coaching, command: ImportSessions, context: CommandContext) -> BatchAccepted:
    """Every row checked and (unless a dry run) stored; a duplicate row stores nothing."""
    if not context.has_role(PROJECT_MANAGER):
        raise DomainError("forbidden")

    def one(row: ImportSession) -> Accepted | Refusal:
        try:
            return _import_one(c, row, context)
        except Refusal as refusal:
            return refusal

    with ThreadPoolExecutor(WORKERS, thread_name_prefix="session-import") as pool:
        outcomes = list(pool.map(one, command.rows))
    recorded = sum(o.recorded for o in outcomes if isinstance(o, Accepted))
    return BatchAccepted(context.project_id, recorded=recorded, outcomes=tuple(outcomes))


def _import_one(c: Coaching, row: ImportSession, context: CommandContext) -> Accepted:
    project_id = context.project_id
    session_id = imported_session_id(project_id, row.reference, row)
    if c.streams.load(SESSIONS, session_id).state is not None:
        return Accepted(session_id, duplicate=True)
    client_id = imported_client_id(project_id, row.reference)
    events = decide_imported(
        row,
        session_id=session_id,
        client_id=client_id,
        project_id=project_id,
        coach_id=row.coach_id or context.actor,
        client=c.clients.standing(client_id),
        today=c.today(),
    )
    event_context = dataclasses.replace(
        context.event_context(), correlation_id=import_correlation_id(row.file_sha256)
    )
    checked(events, event_context)
    if row.dry_run:
        return Accepted(session_id)
    result = c.streams.log.append(
        SESSIONS.stream(session_id),
        [NewEvent.of(event, event_context) for event in events],
        expected_version=0,
        idempotency_key=f"coaching:import:{session_id}",
    )
    return Accepted(session_id, result.duplicate, 0 if result.duplicate else len(events))
