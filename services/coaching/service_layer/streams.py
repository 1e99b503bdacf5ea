"""Coaching's log seen as aggregates (service layer): the kinds of stream, how a new
aggregate is named, and the check that an aggregate belongs to the command's project.

The unit of work itself is ``shared.eventlog.aggregates.AggregateStreams.execute``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from services.coaching.domain import courses, in_work, notes, plans, programmes, sessions, tasks
from services.coaching.domain.contracts import coaching_contracts
from services.coaching.domain.errors import DomainError
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.eventlog.port import EventLog
from shared.ids import id_for_submission
from shared.messagebus import Accepted, CommandContext

SESSIONS: Aggregate[sessions.Session] = Aggregate("session", sessions.evolve)
PROGRAMMES: Aggregate[programmes.Programme] = Aggregate("programme", programmes.evolve)
COURSES: Aggregate[courses.Course] = Aggregate("course", courses.evolve)
PLANS: Aggregate[plans.Plan] = Aggregate("plan", plans.evolve)
IN_WORK: Aggregate[in_work.InWorkPlan] = Aggregate("in-work", in_work.evolve)
TASKS: Aggregate[tasks.Task] = Aggregate("task", tasks.evolve)
NOTES: Aggregate[notes.CaseNote] = Aggregate("note", notes.evolve)

_SUBMISSIONS = uuid.UUID("6f0c2a47-3f43-4d51-9a7e-6f1c0b1f7c10")

S = TypeVar("S")


def coaching_streams(log: EventLog) -> AggregateStreams:
    return AggregateStreams(log, coaching_contracts(), namespace="coaching")


def new_id(context: CommandContext) -> str:
    """A resubmitted form names the same aggregate, so its second append is a duplicate;
    the submission is scoped to the project and the actor, so it names only theirs."""
    return id_for_submission(_SUBMISSIONS, context.scoped_submission)


def owned(state: S | None, project_id: str, missing: str, field: str) -> S:
    """The state of an aggregate of ``project_id``; one of another project answers
    ``missing``, as if it did not exist."""
    if state is None or getattr(state, "project_id", None) != project_id:
        raise DomainError(missing, field)
    return state


def in_project(
    streams: AggregateStreams, aggregate: Aggregate[S], aggregate_id: str, project_id: str,
    missing: str, field: str,
) -> S:  # fmt: skip
    """The aggregate loaded, if it is of ``project_id`` (see ``owned``)."""
    return owned(streams.load(aggregate, aggregate_id).state, project_id, missing, field)


def change(
    streams: AggregateStreams,
    aggregate: Aggregate[S],
    aggregate_id: str,
    context: CommandContext,
    decide: Callable[[S], list[Any]],
    missing: tuple[str, str],
) -> Accepted:
    """Decide on an aggregate of the command's project and append what it decided; one of
    another project (or none) answers the ``missing`` (code, field), as if it did not exist."""
    code, field = missing

    def decide_owned(state: S | None) -> list[Any]:
        return decide(owned(state, context.project_id, code, field))

    return streams.execute(aggregate, aggregate_id, decide_owned, context)


def create(
    streams: AggregateStreams,
    aggregate: Aggregate[S],
    context: CommandContext,
    decide: Callable[[str, S | None], list[Any]],
) -> Accepted:
    """Start an aggregate named by the form's submission (see ``new_id``): ``decide`` gets
    its new id and state. A form already stored answers that aggregate's id, a duplicate."""
    if done := resubmitted(streams, aggregate, context):
        return done
    aggregate_id = new_id(context)
    return streams.execute(aggregate, aggregate_id, partial(decide, aggregate_id), context)


def resubmitted(
    streams: AggregateStreams, aggregate: Aggregate[Any], context: CommandContext
) -> Accepted | None:
    """The answer to a form already stored under this submission id, if it was."""
    if context.submission_id is None:
        return None
    aggregate_id = new_id(context)
    if streams.load(aggregate, aggregate_id).state is None:
        return None
    return Accepted(aggregate_id, duplicate=True)
