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
    _check_day_after_entry,
    _writable_client,
)
from shared.messagebus import Accepted, CommandContext

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps


def record_status_upon_leaving(
    deps: IntakeDeps, command: RecordStatusUponLeaving, context: CommandContext
) -> Accepted:
    """Complete or correct the status of the client's exit, without a new exit."""
    _writable_client(deps, context, command.client_id)
    return _change(deps, command.client_id, command, context)


def record_follow_up(
    deps: IntakeDeps, command: RecordFollowUp, context: CommandContext
) -> Accepted:
    """Record a later status of a leaver, checked on a day that has come (or nearly)."""
    _writable_client(deps, context, command.client_id)
    _check_day_after_entry(deps, context, command.checked_on, "checked_on")
    return _change(deps, command.client_id, command, context)
