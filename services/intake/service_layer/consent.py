"""Recording a client's consent per purpose (service layer).

One stream per client (``consent-<client>``) holds their decisions, apart from the client's
own stream, so that consent can change whatever the client's participation does. A
coach or project manager of the project records what the person said; the day may not
lie in the future. Other services (matching's rankings, partner feeds) read the events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.intake.domain.consent import (
    Consents,
    RecordConsent,
    decide_consent,
    evolve_consent,
)
from services.intake.domain.errors import DomainError
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.messagebus import Accepted, CommandContext

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

CONSENT: Aggregate[Consents] = Aggregate("consent", evolve_consent)


def record_consent(deps: IntakeDeps, command: RecordConsent, context: CommandContext) -> Accepted:
    """Refused: an auditor (``forbidden``), another project's client (``client_not_found``),
    a day after today (``consent_date_in_future``), and what ``decide_consent`` refuses."""
    if not context.may_write():
        raise DomainError("forbidden")
    if deps.people.get(context.project_id, command.client_id) is None:
        raise DomainError("client_not_found")
    if command.on > deps.today():
        raise DomainError("consent_date_in_future", field="on")
    loaded = deps.streams.load(CONSENT, command.client_id)
    events = decide_consent(loaded.state, command, context.project_id)
    duplicate = deps.streams.append(
        CONSENT, command.client_id, loaded.version, events, context.event_context(),
        submission_id=context.submission_id,
    )  # fmt: skip
    return Accepted(command.client_id, duplicate, 0 if duplicate else len(events))


def consents_of(streams: AggregateStreams, client_id: str) -> Consents:
    """The client's decisions in force (none recorded: an empty set)."""
    state = streams.load(CONSENT, client_id).state
    return state or Consents(client_id=client_id, purposes={})
