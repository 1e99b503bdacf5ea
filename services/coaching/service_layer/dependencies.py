"""What every coaching handler shares: its dependencies, the rule that only those who
write may, and how private text is saved with the events it belongs to (service layer).

Each handler loads an aggregate, asks the domain to decide (with the client's standing
from the projection of intake's clients where a client takes part) and appends with the
version read (``AggregateStreams.execute``). Private text a command brings (a booking's
or a session's note, a goal's wording) is a ``Remark``: written once the domain has
decided and the events passed the privacy check, just before they are appended, and
taken back if the append fails, so that neither is kept without the other. An aggregate
of another project answers ``*_not_found``, as if it did not exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.errors import DomainError
from services.coaching.service_layer.day_ports import CalendarFeeds, WorkDay
from services.coaching.service_layer.employer_ports import EmployerForms
from services.coaching.service_layer.link_port import Links
from services.coaching.service_layer.ports import (
    ClientDirectory,
    Employers,
    PrivateTexts,
    Written,
)
from services.coaching.service_layer.streams import change, create
from shared.business_dates import helsinki_today
from shared.eventlog.aggregates import Aggregate, AggregateStreams, checked
from shared.messagebus import Accepted, CommandContext

SESSION_NOTE = "session_note"
GOAL_TEXT = "goal"
IN_WORK_GOAL_TEXT = "in_work_goal"
FOLLOW_ON_TEXT = "in_work_follow_on"

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
    work_day: WorkDay | None = None
    """Tasks, notes and the calendar (``day_ports``): for the working-day handlers."""
    feeds: CalendarFeeds | None = None
    links: Links | None = None
    """Links without accounts, and the employer forms sent by them (``employer_forms``)."""
    employer_forms: EmployerForms | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Remark:
    """Free text a command brings for what it records: kept in coaching's private texts
    under ``kind`` and ``key`` (the new aggregate's id when ``None``), never in an event."""

    kind: str
    text: str
    key: str | None = None


class Keeper:
    """Saves one command's remark with its events (see the module's docstring)."""

    def __init__(self, c: Coaching, context: CommandContext, remark: Remark | None) -> None:
        self._c = c
        self._context = context
        self._remark = remark if remark is not None and remark.text.strip() else None
        self._written: tuple[str, Written | None] | None = None

    def keep(self, new_id: str, events: Sequence[object]) -> None:
        """Before ``events`` are appended: write the remark, if there are events to go
        with it and none of them would carry a personal identifier."""
        remark = self._remark
        if remark is None or not events:
            return
        checked(events, self._context.event_context())
        key = remark.key or new_id
        project_id = self._context.project_id
        before = self._c.texts.entry(remark.kind, key, project_id=project_id)
        self._c.texts.write(remark.kind, key, project_id=project_id, text=remark.text,
                            author=self._context.actor)  # fmt: skip
        self._written = (key, before)

    def take_back(self) -> None:
        """The events were not stored: remove the remark, or put back the text it replaced."""
        if self._written is None or self._remark is None:
            return
        (key, before), kind = self._written, self._remark.kind
        project_id = self._context.project_id
        if before is None:
            self._c.texts.forget(kind, key, project_id=project_id)
        else:
            self._c.texts.write(kind, key, project_id=project_id, text=before.text,
                                author=before.author)  # fmt: skip
        self._written = None


def keeping(
    c: Coaching,
    context: CommandContext,
    remark: Remark | None,
    run: Callable[[Keeper], Accepted],
) -> Accepted:
    """Run a command whose decision calls ``Keeper.keep``; if it fails after the remark was
    written (the append refused, the database gone), the remark is taken back."""
    keeper = Keeper(c, context, remark)
    try:
        return run(keeper)
    except BaseException:
        keeper.take_back()
        raise


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
    remark: Remark | None = None,
) -> Accepted:
    """Start an aggregate named by the form's submission (see ``streams.create``):
    ``command_of`` gives the domain's command for its new id; ``client_id`` names the
    client taking part, whose standing the domain checks; ``remark`` is saved with it."""
    may_write(context)
    standing = c.clients.standing(client_id) if client_id else None

    def run(keeper: Keeper) -> Accepted:
        def decide_new(new_id: str, state: S | None) -> list[Any]:
            events = decide(state, command_of(new_id), standing)
            keeper.keep(new_id, events)
            return events

        return create(c.streams, aggregate, context, decide_new)

    return keeping(c, context, remark, run)


def step(
    c: Coaching,
    context: CommandContext,
    target: Target[S],
    decide: Decide[S, C],
    command: C,
    client_id: str | None = None,
    remark: Remark | None = None,
) -> Accepted:
    """Decide ``command`` on ``target`` and append what it decided; ``client_id`` and
    ``remark`` as for ``start``."""
    aggregate, aggregate_id, missing = target

    def append(decided: Callable[[S | None], list[Any]]) -> Accepted:
        return change(c.streams, aggregate, aggregate_id, context, decided, missing)

    return _kept(c, context, aggregate_id, decide, command, client_id, remark, append)


def settle(
    c: Coaching,
    context: CommandContext,
    aggregate: Aggregate[S],
    aggregate_id: str,
    decide: Decide[S, C],
    command: C,
    client_id: str | None = None,
    remark: Remark | None = None,
) -> Accepted:
    """Decide ``command`` on ``aggregate_id`` whether it exists yet or not, for aggregates
    whose first command may be any (a client's plan) or whose project the handler has
    already checked (a booked session); ``client_id`` and ``remark`` as for ``start``."""

    def append(decided: Callable[[S | None], list[Any]]) -> Accepted:
        return c.streams.execute(aggregate, aggregate_id, decided, context)

    return _kept(c, context, aggregate_id, decide, command, client_id, remark, append)


def _kept(
    c: Coaching,
    context: CommandContext,
    aggregate_id: str,
    decide: Decide[S, C],
    command: C,
    client_id: str | None,
    remark: Remark | None,
    append: Callable[[Callable[[S | None], list[Any]]], Accepted],
) -> Accepted:
    """Decide ``command`` with the standing of the client taking part, and ``append`` the
    decision with ``remark`` saved under ``aggregate_id`` (see ``Keeper``)."""
    may_write(context)
    standing = c.clients.standing(client_id) if client_id else None

    def run(keeper: Keeper) -> Accepted:
        def decided(state: S | None) -> list[Any]:
            events = decide(state, command, standing)
            keeper.keep(aggregate_id, events)
            return events

        return append(decided)

    return keeping(c, context, remark, run)
