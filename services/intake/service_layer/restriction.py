"""Restricting a person's data until the retention end (service layer).

One stream per client (``restriction-<client>``) holds the restriction and its lifting,
apart from the client's own stream, so that reading whether a record is restricted
loads a few events only. Only the data-protection role (``privacy.may_protect``: the
project's auditor or an administrator) restricts or lifts; the edges show a restricted
record to that role alone, and the sweep erases it at the retention end like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from services.intake.domain.errors import DomainError
from services.intake.domain.privacy import ErasePerson
from services.intake.domain.restriction import (
    LiftRestriction,
    Restriction,
    RestrictProcessing,
    decide_lifting,
    decide_restriction,
    evolve_restriction,
)
from services.intake.service_layer.enrolment import PersonalData
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.events.envelope import Context
from shared.messagebus import Accepted, CommandContext, Handler
from shared.web.principal import AUDITOR

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

RESTRICTION: Aggregate[Restriction | None] = Aggregate("restriction", evolve_restriction)
"""A person's restriction, on a stream of its own (``restriction-<client>``)."""


def may_see_restricted(context: CommandContext) -> bool:
    """The data-protection role: the project's auditor or an administrator."""
    return context.is_admin or AUDITOR in context.roles


def restriction_of(streams: AggregateStreams, client_id: str) -> Restriction | None:
    """The restriction in force on the client's data, or None."""
    return streams.load(RESTRICTION, client_id).state


def restrict(
    streams: AggregateStreams,
    people: PersonalData,
    command: RestrictProcessing | LiftRestriction,
    context: Context,
    today: date,
) -> Accepted:
    """Record a restriction or its lifting for a client of ``context.project_id``.

    Refused: another project's client or an erased one (``client_not_found``), and what
    the domain refuses. The caller has checked the role."""
    if people.get(context.project_id, command.client_id) is None:
        raise DomainError("client_not_found")
    loaded = streams.load(RESTRICTION, command.client_id)
    events = (
        decide_restriction(loaded.state, command, context.project_id, today)
        if isinstance(command, RestrictProcessing)
        else decide_lifting(loaded.state, command, context.project_id, today)
    )
    streams.append(RESTRICTION, command.client_id, loaded.version, events, context)
    return Accepted(command.client_id, False, len(events))


def restrict_processing(
    deps: IntakeDeps, command: RestrictProcessing | LiftRestriction, context: CommandContext
) -> Accepted:
    """The bus's handler of both commands; refused ``forbidden`` for anyone but the
    data-protection role."""
    if not may_see_restricted(context):
        raise DomainError("forbidden")
    return restrict(deps.streams, deps.people, command, context.event_context(), deps.today())


FOR_THE_RESTRICTED: tuple[type, ...] = (RestrictProcessing, LiftRestriction, ErasePerson)
"""Commands about a restricted person that the data-protection role gives: never refused
for the restriction (their handlers check the role)."""


def refuse_restricted_writes(
    handlers: Mapping[type, Handler], streams: AggregateStreams
) -> dict[type, Handler]:
    """The bus's handlers, each refusing (``record_restricted``) a command about a
    restricted client from anyone but the data-protection role: restricted data may be
    stored, not processed further, until the retention end (Art. 18(2))."""

    def wrapped(handler: Handler) -> Handler:
        def call(command: Any, context: CommandContext, /) -> Accepted:
            client_id = getattr(command, "client_id", None)
            if (
                isinstance(client_id, str)
                and not isinstance(command, FOR_THE_RESTRICTED)
                and not may_see_restricted(context)
                and restriction_of(streams, client_id) is not None
            ):
                raise DomainError("record_restricted")
            return handler(command, context)

        return call

    return {command_type: wrapped(handler) for command_type, handler in handlers.items()}
