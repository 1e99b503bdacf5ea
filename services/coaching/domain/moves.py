"""Moving a booked session to another day or time, with a clash check (domain).

A session is moved only while it is booked, never into the past, and never onto a time
the coach or the client already has a session: the service layer hands over their other
sessions of that day (``Busy``), and the refusal names whose time clashes. The page names
the clashing sessions themselves with ``clashes``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import SessionMoved
from services.coaching.domain.sessions import MAX_SESSION_MINUTES, Session, whose
from services.coaching.domain.shapes import like
from shared.business_dates import PLANNED_AHEAD, DateRange


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Busy:
    """Another session of the coach's or the client's on the day asked for."""

    session_id: str
    coach_id: str
    client_id: str
    held_on: date
    starts_at: time
    duration_minutes: int


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class MoveSession:
    held_on: date
    starts_at: time
    duration_minutes: int
    today: date
    busy: tuple[Busy, ...] = ()


def _span(day: date, at: time, minutes: int) -> tuple[datetime, datetime]:
    start = datetime.combine(day, at)
    return start, start + timedelta(minutes=minutes)


def clashes(
    session: Session, held_on: date, starts_at: time, minutes: int, busy: Iterable[Busy]
) -> list[Busy]:
    """The other sessions of the session's coach or client that the new time overlaps
    (one ending as the next begins does not)."""
    start, end = _span(held_on, starts_at, minutes)
    found = []
    for other in busy:
        if other.session_id == session.session_id:
            continue
        if session.coach_id != other.coach_id and session.client_id != other.client_id:
            continue
        other_start, other_end = _span(other.held_on, other.starts_at, other.duration_minutes)
        if start < other_end and other_start < end:
            found.append(other)
    return sorted(found, key=lambda b: (b.starts_at, b.session_id))


def decide(state: Session | None, command: MoveSession) -> list[SessionMoved]:
    if state is None:
        raise DomainError("session_not_found", "session_id")
    if state.status != "booked":
        raise DomainError(f"session_already_{state.status}", "session_id")
    if not 1 <= command.duration_minutes <= MAX_SESSION_MINUTES:
        raise DomainError("invalid_duration", "duration_minutes")
    if command.held_on < command.today:
        raise DomainError("booking_in_the_past", "held_on")
    DateRange.around(command.today, ahead=PLANNED_AHEAD).check(command.held_on, "held_on")
    d = state.details
    if (command.held_on, command.starts_at, command.duration_minutes) == (
        d.held_on, d.starts_at, d.duration_minutes,
    ):  # fmt: skip
        raise DomainError("move_unchanged", "held_on")
    found = clashes(state, command.held_on, command.starts_at, command.duration_minutes,
                    command.busy)  # fmt: skip
    if found:
        coach = any(b.coach_id == state.coach_id for b in found)
        raise DomainError("clash_coach" if coach else "clash_client", "starts_at")
    return [like(SessionMoved, command, **whose(state), moved_from=d.held_on)]
