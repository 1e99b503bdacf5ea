"""Loading an aggregate from its stream and appending what it decided (for service layers).

Every command handler follows the same steps: rebuild the state from the log, let the
domain decide, append with the version read (optimistic concurrency) and, when a form's
submission id is given, an idempotency key so that a resubmitted form stores once.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from shared.eventlog.port import EventLog, WrongExpectedVersion
from shared.events.codec import decode_event
from shared.events.contract import EventContracts
from shared.events.envelope import Context, NewEvent
from shared.ids import scoped_submission
from shared.messagebus import Accepted, CommandContext

S = TypeVar("S")


@dataclasses.dataclass(frozen=True, slots=True)
class Aggregate(Generic[S]):
    """How one kind of aggregate lives in the log: its stream names and its fold."""

    prefix: str
    evolve: Callable[[S | None, Any], S | None]

    def stream(self, aggregate_id: str) -> str:
        return f"{self.prefix}-{aggregate_id}"


@dataclasses.dataclass(frozen=True, slots=True)
class Loaded(Generic[S]):
    state: S | None
    version: int


def checked(events: Sequence[object], context: Context) -> None:
    """Refuse events that would carry a personal identifier (``PersonalDataInEvent``, a
    refusal at its field) before anything else is stored: a handler that saves personal
    data beside its events checks them first, so neither is stored without the other."""
    for event in events:
        NewEvent.of(event, context)


class AggregateStreams:
    """A service's log seen as aggregates; ``namespace`` keeps idempotency keys apart."""

    def __init__(self, log: EventLog, contracts: EventContracts, namespace: str) -> None:
        self.log = log
        self._contracts = contracts
        self._namespace = namespace

    def load(self, aggregate: Aggregate[S], aggregate_id: str) -> Loaded[S]:
        recorded = self.log.read_stream(aggregate.stream(aggregate_id))
        state: S | None = None
        for r in recorded:
            event = decode_event(self._contracts, r.event_type, r.schema_version, r.payload)
            state = aggregate.evolve(state, event)
        return Loaded(state, recorded[-1].stream_version if recorded else 0)

    def append(
        self,
        aggregate: Aggregate[S],
        aggregate_id: str,
        version: int,
        events: Sequence[object],
        context: Context,
        *,
        submission_id: str | None = None,
    ) -> bool:
        """Append ``events``; True when nothing new was stored (a resubmitted form)."""
        if not events:
            return False
        key = self.submission_key(aggregate, context, submission_id) if submission_id else None
        result = self.log.append(
            aggregate.stream(aggregate_id),
            [NewEvent.of(event, context) for event in events],
            expected_version=version,
            idempotency_key=key,
        )
        return result.duplicate

    def submission_key(
        self, aggregate: Aggregate[Any], context: Context, submission_id: str
    ) -> str:
        """The idempotency key of a form's submission: per service, kind of record, project
        and actor, so that no submission id can find another project's or user's write."""
        scoped = scoped_submission(context.project_id, context.actor, submission_id)
        return f"{self._namespace}:{aggregate.prefix}:{scoped}"

    def execute(
        self,
        aggregate: Aggregate[S],
        aggregate_id: str,
        decide: Callable[[S | None], Sequence[object]],
        context: CommandContext,
        *,
        attempts: int = 1,
    ) -> Accepted:
        """The unit of work of a command on one aggregate: load it, let the domain decide,
        append with the version read (a concurrent write raises ``WrongExpectedVersion``)
        and the submission's idempotency key (a resubmitted form stores nothing).

        With ``attempts`` over one, a concurrent write is met by loading again and
        deciding again, on the state that write left, up to ``attempts`` times in all:
        two coaches logging a contact with one company at the same moment both get it
        stored, and the domain's rules are checked again against what the other wrote.
        Only for a ``decide`` with no effect beyond the events it returns.
        """
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        for _ in range(attempts - 1):
            with contextlib.suppress(WrongExpectedVersion):
                return self._execute_once(aggregate, aggregate_id, decide, context)
        return self._execute_once(aggregate, aggregate_id, decide, context)

    def _execute_once(
        self,
        aggregate: Aggregate[S],
        aggregate_id: str,
        decide: Callable[[S | None], Sequence[object]],
        context: CommandContext,
    ) -> Accepted:
        loaded = self.load(aggregate, aggregate_id)
        events = decide(loaded.state)
        duplicate = self.append(
            aggregate, aggregate_id, loaded.version, events, context.event_context(),
            submission_id=context.submission_id,
        )  # fmt: skip
        return Accepted(aggregate_id, duplicate, 0 if duplicate else len(events))
