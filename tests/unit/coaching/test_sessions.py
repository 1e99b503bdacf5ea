"""Individual sessions: given a session's past events, when a command, then these events."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.events import SessionBooked, SessionCancelled, SessionHeld
from services.coaching.domain.sessions import (
    BookSession,
    CancelSession,
    RecordSession,
    SessionCommand,
    decide,
    evolve,
    rebuild,
)
from services.coaching.domain.vocabulary import CancelReason, Topic
from tests.unit.coaching.builders import (
    CLIENT,
    COACH,
    OTHER_PROJECT,
    PROJECT,
    TODAY,
    active,
    details,
    exited,
    refusal,
)

SESSION = "session-1"


def book(**changes: Any) -> BookSession:
    fields: dict[str, Any] = {
        "session_id": SESSION,
        "client_id": CLIENT,
        "project_id": PROJECT,
        "coach_id": COACH,
        "details": details(held_on=TODAY + timedelta(days=2), topics=()),
        "today": TODAY,
    }
    return BookSession(**(fields | changes))


def record(**changes: Any) -> RecordSession:
    fields: dict[str, Any] = {
        "session_id": SESSION,
        "client_id": CLIENT,
        "project_id": PROJECT,
        "coach_id": COACH,
        "details": details(),
        "today": TODAY,
    }
    return RecordSession(**(fields | changes))


def when(past: list[Any], command: SessionCommand, client: ClientStanding | None = None) -> Any:
    return decide(rebuild(past), command, client or active())


def test_a_drop_in_session_is_recorded_as_held_with_its_topics() -> None:
    [held] = when([], record())
    assert isinstance(held, SessionHeld)
    assert held.topics == (Topic.CV, Topic.HIDDEN_JOBS)
    assert held.duration_minutes == 60
    assert held.was_booked is False


def test_a_booked_session_is_later_recorded_as_held_as_it_went() -> None:
    booked = when([], book())
    later = record(today=TODAY + timedelta(days=2), details=details(duration_minutes=45))
    [held] = when(booked, later)
    assert held.was_booked is True
    assert held.duration_minutes == 45
    assert rebuild([*booked, held]).status == "held"  # type: ignore[union-attr]


def test_an_exited_client_cannot_be_booked() -> None:
    assert refusal(lambda: when([], book(), exited())) == ("client_not_active", "client_id")


def test_a_client_of_another_project_is_not_found() -> None:
    other = active(project_id=OTHER_PROJECT)
    assert refusal(lambda: when([], book(), other)) == ("client_not_found", "client_id")


def test_a_client_unknown_to_coaching_is_not_found() -> None:
    assert refusal(lambda: decide(None, book(), None)) == ("client_not_found", "client_id")


def test_a_booked_session_may_be_recorded_after_the_client_has_left() -> None:
    booked = when([], book())
    later = record(today=TODAY + timedelta(days=3))
    assert len(when(booked, later, exited())) == 1


def test_a_booking_in_the_past_is_refused() -> None:
    past = book(details=details(held_on=TODAY - timedelta(days=1)))
    assert refusal(lambda: when([], past)) == ("booking_in_the_past", "held_on")


def test_a_session_cannot_be_recorded_as_held_in_the_future() -> None:
    future = record(details=details(held_on=TODAY + timedelta(days=1)))
    assert refusal(lambda: when([], future)) == ("held_in_the_future", "held_on")


def test_a_duration_of_zero_minutes_is_refused() -> None:
    assert refusal(lambda: when([], record(details=details(duration_minutes=0))))[0] == (
        "invalid_duration"
    )


def test_the_same_topic_twice_is_refused() -> None:
    twice = record(details=details(topics=(Topic.CV, Topic.CV)))
    assert refusal(lambda: when([], twice)) == ("invalid_topics", "topics")


def test_a_held_session_cannot_be_recorded_again() -> None:
    held = when([], record())
    assert refusal(lambda: when(held, record()))[0] == "session_already_held"


def test_cancelling_a_booking_as_a_no_show_keeps_its_day() -> None:
    booked = when([], book())
    [cancelled] = when(booked, CancelSession(session_id=SESSION, reason=CancelReason.NO_SHOW))
    assert isinstance(cancelled, SessionCancelled)
    assert cancelled.held_on == booked[0].held_on
    assert cancelled.reason is CancelReason.NO_SHOW


def test_a_cancelled_session_cannot_be_held() -> None:
    booked: list[Any] = when([], book())
    cancel = CancelSession(session_id=SESSION, reason=CancelReason.CANCELLED_BY_CLIENT)
    cancelled = when(booked, cancel)
    late = record(today=TODAY + timedelta(days=2))
    assert refusal(lambda: when([*booked, *cancelled], late))[0] == "session_already_cancelled"


def test_cancelling_an_unknown_session_is_refused() -> None:
    cancel = CancelSession(session_id=SESSION, reason=CancelReason.NO_SHOW)
    assert refusal(lambda: when([], cancel))[0] == "session_not_found"


def test_evolving_a_booking_keeps_it_booked() -> None:
    [booked] = when([], book())
    assert isinstance(booked, SessionBooked)
    assert evolve(None, booked).status == "booked"


def test_a_session_dated_years_away_is_refused_at_its_date() -> None:
    far = book(details=details(held_on=date(9999, 12, 31)))
    ancient = record(details=details(held_on=date(1900, 1, 1)))

    assert refusal(lambda: when([], far)) == ("date_too_far_ahead", "held_on")
    assert refusal(lambda: when([], ancient)) == ("date_before_project", "held_on")
