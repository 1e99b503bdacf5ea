"""A running project's history of coaching sessions, brought in from its records (domain).

Each row of a sessions sheet says that a participant had a session of some kind on some
day, held or missed. It becomes the events a coach's own recording gives, so every
service counts it alike: a held session is ``session_held`` (not booked beforehand), a
no-show is the booking and its cancellation for ``no_show``, which is how coaching
records a missed session today. Three things keep the import honest:

* the client must be known to coaching (imported or enrolled in intake first); one who
  has left since is still known, the history predates the leaving;
* the business date is the file's, and the session id is derived from the project, the
  participant's reference, the day, the kind and the row's whole content
  (``imported_session_id``), so importing the same file twice creates nothing new;
* nothing is invented: a row without topics has none, and without a time of day the
  session is set at midnight (``NO_TIME``), which no coach's session ever is by chance;
  only how it was held, which the events need, is in person unless the sheet says.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, time
from typing import Any, Final

from services.coaching.domain.clients import ClientStanding, require_known
from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import SessionBooked, SessionCancelled, SessionHeld
from services.coaching.domain.sessions import SessionDetails, check_details
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from shared.business_dates import DateRange

NO_TIME: Final = time(0, 0)
"""A sheet gives the day of a session, not its time: the session is set at the day's start."""
DEFAULT_MODE: Final = Mode.IN_PERSON
"""How a session was held when the sheet has no ``mode`` (in person): an earlier project's
records rarely say, and coaching's events need one; the sheet's help says so."""
_SESSIONS: Final = uuid.UUID("2b7c9d0e-8f41-4c3a-a1d6-5e0f7a9b3c24")
"""Of the imported sessions' ids: fixed, so that the same row gives the same id again."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ImportSession:
    """Bring in one session from row ``row`` of a file whose SHA-256 is ``file_sha256``
    (a row of ``commands.ImportSessions``; only a project manager imports).

    ``reference`` is the participant's reference in the project's records, the same the
    participants sheet has: only the client id derived from it reaches an event."""

    reference: str
    held_on: date
    kind: SessionKind
    duration_minutes: int
    held: bool
    """False for a no-show."""
    topics: tuple[Topic, ...] = ()
    mode: Mode = DEFAULT_MODE
    coach_id: str | None = None
    """The coach's user id (the edge finds it from the username the file gives); the
    importing user's when the file names nobody."""
    file_sha256: str
    row: int
    dry_run: bool = False
    """Check everything and answer as the import would, storing nothing."""


def row_content(command: ImportSession) -> str:
    """What the row says, in a stable form: two rows that say the same are one session."""
    topics = ",".join(sorted(t.value for t in command.topics))
    return "\x1f".join((
        command.held_on.isoformat(), command.kind.value, str(command.duration_minutes),
        command.mode.value, "held" if command.held else "no_show", topics,
        command.coach_id or "",
    ))  # fmt: skip


def imported_session_id(project_id: str, reference: str, command: ImportSession) -> str:
    """The session id of an imported row: from the project, the participant, the day, the
    kind and the rest of the row, so the same row gives the same session every import."""
    name = "\x1e".join((project_id, reference.strip(), row_content(command)))
    return str(uuid.uuid5(_SESSIONS, name))


def decide_imported(
    command: ImportSession,
    *,
    session_id: str,
    client_id: str,
    project_id: str,
    coach_id: str,
    client: ClientStanding | None,
    today: date,
) -> list[SessionHeld | SessionBooked | SessionCancelled]:
    """The events of an imported session; a ``DomainError`` (or ``Refusal``) for a row
    coaching cannot take: an unknown client, a day ahead of today, a wrong duration."""
    require_known(client, project_id)
    details = SessionDetails(
        held_on=command.held_on, starts_at=NO_TIME, duration_minutes=command.duration_minutes,
        mode=command.mode, kind=command.kind, topics=command.topics,
    )  # fmt: skip
    check_details(details)
    if command.held_on > today:
        raise DomainError("held_in_the_future", "held_on")
    DateRange.around(today).check(command.held_on, "held_on")
    fields: dict[str, Any] = {
        "session_id": session_id, "client_id": client_id, "project_id": project_id,
        "coach_id": coach_id, "held_on": command.held_on, "starts_at": NO_TIME,
        "duration_minutes": command.duration_minutes, "mode": command.mode,
        "kind": command.kind,
    }  # fmt: skip
    if command.held:
        return [SessionHeld(**fields, topics=command.topics, was_booked=False)]
    return [
        SessionBooked(**fields, topics=command.topics),
        SessionCancelled(
            session_id=session_id, client_id=client_id, project_id=project_id,
            coach_id=coach_id, held_on=command.held_on, reason=CancelReason.NO_SHOW,
        ),
    ]  # fmt: skip
