"""What every coaching handler shares: its dependencies and the rule that only those who
write may (service layer).

Each handler loads an aggregate, asks the domain to decide (with the client's standing
from the projection of intake's clients where a client takes part), appends with the
version read (``AggregateStreams.execute``), and only then writes any private text (case
note, goal wording), idempotently: a note without its event would be an orphan, an event
without its note merely lacks a remark. An aggregate of another project answers
``*_not_found``, as if it did not exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.errors import DomainError
from services.coaching.service_layer.ports import ClientDirectory, Employers, PrivateTexts
from services.coaching.service_layer.streams import change, create
from shared.business_dates import helsinki_today
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.messagebus import Accepted, CommandContext

SESSION_NOTE = "session_note"
GOAL_TEXT = "goal"

S = TypeVar("S")
C = TypeVar("C")

Decide = Callable[[S | None, C, ClientStanding | None], list[Any]]
"""A domain's ``decide``: the state, its command and the standing of the client taking part."""

Target = tuple[Aggregate[S], str, tuple[str, str]]
"""An aggregate of the command's project: its kind, its id, and the (code, field) refused
when there is none (or it is another project's)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Coaching:
    """What every handler needs: the log as aggregates, the client projection, private text."""

    streams: AggregateStreams
    clients: ClientDirectory
    texts: PrivateTexts
    employers: Employers
    today: Callable[[], date] = helsinki_today


def may_write(context: CommandContext) -> None:
    """Coaches and project managers record work; auditors only read."""
    if not context.may_write():
        raise DomainError("forbidden")


def start(
    c: Coaching,
    context: CommandContext,
    aggregate: Aggregate[S],
    decide: Decide[S, C],
    command_of: Callable[[str], C],
    client_id: str | None = None,
) -> Accepted:
    """Start an aggregate named by the form's submission (see ``streams.create``):
    ``command_of`` gives the domain's command for its new id; ``client_id`` names the
    client taking part, whose standing the domain checks."""
    may_write(context)
    standing = c.clients.standing(client_id) if client_id else None

    def decide_new(new_id: str, state: S | None) -> list[Any]:
        return decide(state, command_of(new_id), standing)

    return create(c.streams, aggregate, context, decide_new)


def step(
    c: Coaching,
    context: CommandContext,
    target: Target[S],
    decide: Decide[S, C],
    command: C,
    client_id: str | None = None,
) -> Accepted:
    """Decide ``command`` on ``target`` and append what it decided; ``client_id`` as for
    ``start``."""
    may_write(context)
    standing = c.clients.standing(client_id) if client_id else None
    aggregate, aggregate_id, missing = target
    return change(
        c.streams,
        aggregate,
        aggregate_id,
        context,
        lambda state: decide(state, command, standing),
        missing,
    )
