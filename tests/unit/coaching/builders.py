"""Test data for the coaching domain: sensible defaults, override only what a test is about."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, time
from typing import Any, TypeVar

import pytest

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import Mode, SessionKind, Topic
from shared.refusal import Refusal

PROJECT = "S21048"
OTHER_PROJECT = "S99999"
CLIENT = "client-7f3a"
OTHER_CLIENT = "client-91bc"
COACH = "coach-1"
TODAY = date(2026, 11, 23)

S = TypeVar("S")
E = TypeVar("E")
C = TypeVar("C")


def active(client_id: str = CLIENT, project_id: str = PROJECT) -> ClientStanding:
    return ClientStanding(client_id=client_id, project_id=project_id, coach_id=COACH, active=True)


def exited(client_id: str = CLIENT) -> ClientStanding:
    return dataclasses.replace(active(client_id), active=False)


def details(**changes: Any) -> SessionDetails:
    base = SessionDetails(
        held_on=TODAY,
        starts_at=time(9, 30),
        duration_minutes=60,
        mode=Mode.IN_PERSON,
        kind=SessionKind.PERSONAL_COACHING,
        topics=(Topic.CV, Topic.HIDDEN_JOBS),
    )
    return dataclasses.replace(base, **changes)


def replay(evolve: Callable[[Any, Any], S], events: Sequence[Any]) -> S | None:
    state: S | None = None
    for event in events:
        state = evolve(state, event)
    return state


def refusal(action: Callable[[], object]) -> tuple[str, str | None]:
    """The code and field of the refusal ``action`` raises (a domain error, or a shared
    rule's such as a business date's range)."""
    with pytest.raises(Refusal) as caught:
        action()
    return caught.value.code, caught.value.field
