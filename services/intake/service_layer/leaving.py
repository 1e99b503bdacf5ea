"""Handlers of what is recorded after a client has left (service layer): the status upon
leaving found out later, and the follow-ups (``domain/leaving.py``).

Any writer of the project may record them, like the end notice itself; the check's day
is a business date, checked like an exit date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.intake.domain.commands import RecordFollowUp, RecordStatusUponLeaving
from services.intake.service_layer.enrolment import (
    _change,
    _client_in,
    _writer,
    registered_project,
)
from shared.business_dates import DateRange
from shared.messagebus import Accepted, CommandContext

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps


def record_status_upon_leaving(
    deps: IntakeDeps, command: RecordStatusUponLeaving, context: CommandContext
) -> Accepted:
    """Complete or correct the status of the client's exit, without a new exit."""
    _writer(context)
    _client_in(deps, context.project_id, command.client_id)
    return _change(deps, command.client_id, command, context)


def record_follow_up(
    deps: IntakeDeps, command: RecordFollowUp, context: CommandContext
) -> Accepted:
    """Record a later status of a leaver, checked on a day that has come (or nearly)."""
    _writer(context)
    _client_in(deps, context.project_id, command.client_id)
    project = registered_project(deps.streams, context.project_id)
    DateRange.of(project.plan.starts_on, deps.today()).check(command.checked_on, "checked_on")
    return _change(deps, command.client_id, command, context)
