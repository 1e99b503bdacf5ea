"""The individual Session aggregate: booked, then held or cancelled; or recorded as held.

One stream per session. The case note is not part of the aggregate: it is private text
kept beside the log by the service layer, never in an event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, time
from functools import reduce

from services.coaching.domain.clients import ClientStanding, require_active, require_known
from services.coaching.domain.errors import DomainError, require_new
from services.coaching.domain.events import (
    SessionBooked,
    SessionCancelled,
    SessionEvent,
    SessionHeld,
    SessionMoved,
)
from services.coaching.domain.shapes import like
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from shared.business_dates import PLANNED_AHEAD, DateRange

MAX_SESSION_MINUTES = 8 * 60
MAX_TOPICS = 8


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionDetails:
    """What a coach fills in for a session, booked or held."""

    held_on: date
    starts_at: time
    duration_minutes: int
    mode: Mode
    kind: SessionKind
    topics: tuple[Topic, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientSession:
    """A session of a client: whose it is (the client, the project and the coach) and what
    the coach filled in for it."""

    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    details: SessionDetails


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class BookSession(ClientSession):
    today: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordSession(ClientSession):
    """Record a session as held: a booked one (details as it went) or a drop-in."""

    today: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CancelSession:
    session_id: str
    reason: CancelReason


SessionCommand = BookSession | RecordSession | CancelSession


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Session(ClientSession):
    status: str
    """``booked``, ``held`` or ``cancelled``."""


def check_details(details: SessionDetails) -> None:
    if not 1 <= details.duration_minutes <= MAX_SESSION_MINUTES:
        raise DomainError("invalid_duration", "duration_minutes")
    if len(details.topics) > MAX_TOPICS or len(set(details.topics)) != len(details.topics):
        raise DomainError("invalid_topics", "topics")


def decide(
    state: Session | None, command: SessionCommand, client: ClientStanding | None
) -> list[SessionEvent]:
    match command:
        case BookSession():
            return _book(state, command, client)
        case RecordSession():
            return _record(state, command, client)
        case CancelSession():
            return _cancel(state, command)


def _book(
    state: Session | None, command: BookSession, client: ClientStanding | None
) -> list[SessionEvent]:
    require_new(state, "session_exists", "session_id")
    require_active(client, command.project_id)
    check_details(command.details)
    if command.details.held_on < command.today:
        raise DomainError("booking_in_the_past", "held_on")
    DateRange.around(command.today, ahead=PLANNED_AHEAD).check(command.details.held_on, "held_on")
    return [like(SessionBooked, command.details, **whose(command))]


def _record(
    state: Session | None, command: RecordSession, client: ClientStanding | None
) -> list[SessionEvent]:
    if state is None:
        require_active(client, command.project_id)
    else:
        if state.status != "booked":
            raise DomainError(f"session_already_{state.status}", "session_id")
        if command.client_id != state.client_id:
            raise DomainError("different_client", "client_id")
        # A booked session may be recorded after the client has left: it was agreed before.
        require_known(client, state.project_id)
    check_details(command.details)
    if command.details.held_on > command.today:
        raise DomainError("held_in_the_future", "held_on")
    DateRange.around(command.today).check(command.details.held_on, "held_on")
    held = like(SessionHeld, command.details, **whose(command), was_booked=state is not None)
    return [held]


def whose(session: ClientSession) -> dict[str, str]:
    """Whose session an event of it says it is; the rest of a booked or a held session's
    event comes from its details, of a moved one from the move."""
    return {
        "session_id": session.session_id,
        "client_id": session.client_id,
        "project_id": session.project_id,
        "coach_id": session.coach_id,
    }


def _cancel(state: Session | None, command: CancelSession) -> list[SessionEvent]:
    if state is None:
        raise DomainError("session_not_found", "session_id")
    if state.status != "booked":
        raise DomainError(f"session_already_{state.status}", "session_id")
    return [SessionCancelled(**whose(state), held_on=state.details.held_on, reason=command.reason)]


def evolve(state: Session | None, event: SessionEvent) -> Session:
    match event:
        case SessionBooked() | SessionHeld():
            status = "held" if isinstance(event, SessionHeld) else "booked"
            return like(Session, event, details=like(SessionDetails, event), status=status)
        case SessionCancelled():
            if state is None:
                raise ValueError("SessionCancelled before SessionBooked")
            return dataclasses.replace(state, status="cancelled")
        case SessionMoved():
            if state is None:
                raise ValueError("SessionMoved before SessionBooked")
            details = dataclasses.replace(
                state.details, held_on=event.held_on, starts_at=event.starts_at,
                duration_minutes=event.duration_minutes,
            )  # fmt: skip
            return dataclasses.replace(state, details=details)


def rebuild(events: Iterable[SessionEvent]) -> Session | None:
    state: Session | None = None
    return reduce(evolve, events, state)
