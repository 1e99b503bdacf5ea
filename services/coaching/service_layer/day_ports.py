"""Ports of a coach's working day (service layer): the tasks derived and recorded, case
notes, the week's calendar and the calendar feeds' secrets, as Protocols.

``adapters/day_store.py`` implements them on coaching's own database.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Protocol

from services.coaching.domain.moves import Busy
from services.coaching.domain.tasks import Task
from services.coaching.service_layer.read_models import SessionRow


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class NoteRow:
    """A case note as listed: who wrote it, of what kind, when; its words are private text."""

    note_id: str
    client_id: str
    author_id: str
    kind: str
    noted_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientContact:
    """One of a coach's clients, with the last day she was in touch (a session held or a
    case note), if ever."""

    client_id: str
    active: bool
    last_contact_on: date | None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CalendarEntry:
    """A booked or held session, or a group meeting, on the calendar.

    ``starts_at`` is ``HH:MM``, or empty for a group meeting, which has a day but no hour.
    """

    entry_id: str
    kind: str
    """``session`` or ``meeting``."""
    coach_id: str
    held_on: date
    starts_at: str
    duration_minutes: int
    status: str
    client_id: str = ""
    """A session's client; empty for a meeting."""
    mode: str = ""
    programme_id: str = ""
    title: str = ""
    """A meeting's programme title (not personal data)."""
    place: str = ""
    """Where a group meets: its programme's municipality."""


class WorkDay(Protocol):
    """The tasks, notes and calendar of a coach's day, from coaching's read models."""

    def open_tasks(
        self, project_id: str, today: date, *, owner_id: str | None = None,
        client_id: str | None = None,
    ) -> list[Task]:  # fmt: skip
        """The open tasks of the project (one owner's, or one client's), due date first:
        those derived by rule as their recorded steps left them, and the coaches' own."""
        ...

    def notes_of(self, project_id: str, client_id: str) -> list[NoteRow]:
        """The client's case notes, latest first."""
        ...

    def clients_of(self, project_id: str, coach_id: str) -> list[ClientContact]:
        """The coach's clients, active ones first, each with the last contact."""
        ...

    def calendar(
        self, project_id: str, coach_id: str | None, first: date, last: date
    ) -> list[CalendarEntry]:
        """Sessions and group meetings from ``first`` to ``last``: one coach's, or the
        project's (``None``), in calendar order."""
        ...

    def sessions_between(
        self, project_id: str, coach_id: str | None, first: date, last: date
    ) -> list[SessionRow]:
        """Sessions from ``first`` to ``last`` (cancelled ones too), in calendar order: one
        coach's, or the project's (``None``)."""
        ...

    def busy(self, project_id: str, held_on: date, coach_id: str, client_id: str) -> list[Busy]:
        """The coach's and the client's sessions on ``held_on`` that are not cancelled."""
        ...

    def coaches(self, project_id: str) -> list[str]:
        """The coaches who hold clients, sessions or programmes in the project."""
        ...


class CalendarFeeds(Protocol):
    """The secrets of the coaches' calendar feeds: only their hashes are kept."""

    def issue(self, project_id: str, coach_id: str, token_hash: str) -> None:
        """Keep ``token_hash`` as the coach's one feed; an earlier one stops working."""
        ...

    def revoke(self, project_id: str, coach_id: str) -> bool:
        """Stop the coach's feed; whether there was one."""
        ...

    def holder(self, token_hash: str) -> tuple[str, str] | None:
        """The (project, coach) whose feed the hash opens, if any."""
        ...

    def issued(self, project_id: str, coach_id: str) -> bool: ...
