"""Free-standing case notes on a client (domain): a call, a message, a meeting outside the
sessions. One stream per note; the event says which client, what kind and on which day,
while the words are private text kept by the service layer, never in the event.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from services.coaching.domain.clients import ClientStanding, require_known
from services.coaching.domain.day_vocabulary import NoteKind
from services.coaching.domain.errors import DomainError, require_new, require_text
from services.coaching.domain.events import CaseNoteWritten
from services.coaching.domain.shapes import like
from shared.business_dates import DateRange

MAX_NOTE_TEXT = 4000


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CaseNote:
    """A note as its event says it: on which client, in which project, by whom, of what
    kind and on which day; never its words."""

    note_id: str
    client_id: str
    project_id: str
    author_id: str
    kind: NoteKind
    noted_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class WriteCaseNote(CaseNote):
    text: str
    """Checked here, kept as private text: never in the event."""
    today: date


def decide(
    state: CaseNote | None, command: WriteCaseNote, client: ClientStanding | None
) -> list[CaseNoteWritten]:
    """A note may be written on a client who has left too: a follow-up call is contact."""
    require_new(state, "note_exists", "note_id")
    require_known(client, command.project_id)
    require_text(command.text, MAX_NOTE_TEXT, "note", "note")
    if command.noted_on > command.today:
        raise DomainError("noted_in_the_future", "noted_on")
    DateRange.around(command.today).check(command.noted_on, "noted_on")
    return [like(CaseNoteWritten, command)]


def evolve(_state: CaseNote | None, event: CaseNoteWritten) -> CaseNote:
    return like(CaseNote, event)
