"""Reporting's writes: the one command it takes, and who may give it (service layer).

Reporting is a projection of the other services' events; what it records itself is the
planned target of a figure, which a project manager or an administrator sets. The rule
of who may is checked here, from the ``CommandContext``, whichever edge the command came
through (the report page's form, the JSON API, a script). The bus brings the live tables
up to the new target after it was stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from services.reporting.domain import targets
from services.reporting.domain.errors import FORBIDDEN, PROJECT_NOT_FOUND, DomainError
from services.reporting.domain.targets import Planned, SetTarget, decide_target
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.messagebus import Accepted, CommandContext
from shared.web.principal import PROJECT_MANAGER

TARGETS: Aggregate[Planned] = Aggregate("targets", targets.evolve)
"""A project's targets: one stream per project in reporting's own log."""


@dataclasses.dataclass(frozen=True, slots=True)
class ReportingDeps:
    streams: AggregateStreams
    """Reporting's own log, as the targets' streams."""


def may_set_targets(context: CommandContext) -> bool:
    """Project managers and administrators plan; coaches and auditors only read."""
    return context.has_role(PROJECT_MANAGER)


def set_target(deps: ReportingDeps, command: SetTarget, context: CommandContext) -> Accepted:
    if command.project_id != context.project_id:
        raise DomainError(PROJECT_NOT_FOUND)
    if not may_set_targets(context):
        raise DomainError(FORBIDDEN)
    return deps.streams.execute(
        TARGETS, command.project_id, lambda _planned: decide_target(command), context
    )


COMMAND_HANDLERS: dict[type, Callable[..., Accepted]] = {
    SetTarget: set_target,
}
