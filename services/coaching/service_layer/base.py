"""What every coaching handler shares: its dependencies, its answer, and the one way it
runs a command on an aggregate (service layer).

Each handler loads an aggregate, asks the domain to decide (with the client's standing
from the projection of intake's clients where a client takes part), appends with the
version read, and only then writes any private text (case note, goal wording),
idempotently: a note without its event would be an orphan, an event without its note
merely lacks a remark. An aggregate of another project answers ``*_not_found``, as if it
did not exist.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from services.coaching.domain import courses, in_work, plans, programmes, sessions
from services.coaching.domain.errors import DomainError
from services.coaching.service_layer.ports import ClientDirectory, PrivateTexts
from services.coaching.service_layer.streams import Aggregate, Loaded, Streams
from shared.events.envelope import Context
from shared.ids import uuid7_str

SESSIONS: Aggregate[sessions.Session] = Aggregate("session", sessions.evolve)
PROGRAMMES: Aggregate[programmes.Programme] = Aggregate("programme", programmes.evolve)
COURSES: Aggregate[courses.Course] = Aggregate("course", courses.evolve)
PLANS: Aggregate[plans.Plan] = Aggregate("plan", plans.evolve)
IN_WORK: Aggregate[in_work.InWorkPlan] = Aggregate("in-work", in_work.evolve)

SESSION_NOTE = "session_note"
GOAL_TEXT = "goal"
_SUBMISSIONS = uuid.UUID("6f0c2a47-3f43-4d51-9a7e-6f1c0b1f7c10")
HELSINKI = ZoneInfo("Europe/Helsinki")

S = TypeVar("S")


def helsinki_today() -> date:
    """The coaches' calendar day: what "today" means for a booking or a meeting."""
    return datetime.now(HELSINKI).date()


@dataclasses.dataclass(frozen=True, slots=True)
class Coaching:
    """What every handler needs: the log as aggregates, the client projection, private text."""

    streams: Streams
    clients: ClientDirectory
    texts: PrivateTexts
    today: Callable[[], date] = helsinki_today


@dataclasses.dataclass(frozen=True, slots=True)
class Done:
    id: str
    duplicate: bool = False
    """The same form had been submitted before: nothing new was stored."""
    recorded: int = 0
    """How many events were stored."""


def new_id(submission_id: str | None) -> str:
    """A resubmitted form names the same aggregate, so its second append is a duplicate."""
    return str(uuid.uuid5(_SUBMISSIONS, submission_id)) if submission_id else uuid7_str()


def context_of(project_id: str, actor: str) -> Context:
    return Context(project_id=project_id, actor=actor)


def in_project(loaded: Loaded[S], project_id: str, missing: str, field: str) -> S:
    state = loaded.state
    if state is None or getattr(state, "project_id", None) != project_id:
        raise DomainError(missing, field)
    return state


def run(
    c: Coaching,
    aggregate: Aggregate[S],
    aggregate_id: str,
    project_id: str,
    actor: str,
    decide: Callable[[S | None], list[Any]],
    *,
    submission_id: str | None = None,
) -> Done:
    loaded = c.streams.load(aggregate, aggregate_id)
    events = decide(loaded.state)
    duplicate = c.streams.append(
        aggregate,
        aggregate_id,
        loaded.version,
        events,
        context_of(project_id, actor),
        submission_id=submission_id,
    )
    return Done(aggregate_id, duplicate, 0 if duplicate else len(events))


def resubmitted(c: Coaching, aggregate: Aggregate[Any], submission_id: str | None) -> Done | None:
    """The answer to a form already stored under this submission id, if it was."""
    if submission_id is None:
        return None
    aggregate_id = new_id(submission_id)
    if c.streams.load(aggregate, aggregate_id).state is None:
        return None
    return Done(aggregate_id, duplicate=True)
