"""After the exit: the status upon leaving recorded later, and the follow-ups (domain).

The end notice is often written on the last day, before anyone knows where the client
went: its status is then ``unknown``. ESF counts the situation within four weeks of the
exit (research/esf-indicators.md §6.3), so a project records it when it is known, as
its own event that replaces the exit's status (``StatusUponLeavingRecorded``); the exit
itself stays as it was. Six months after the exit the longer-term results are due
(§6.4): a follow-up (``FollowUpRecorded``) says where the leaver is then, where the
knowledge came from, and whether the leaver could be reached at all.

These rules concern only a client who has left; a re-entry starts a participation whose
own exit gets its own status and follow-ups.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from services.intake.domain.commands import RecordFollowUp, RecordStatusUponLeaving
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    Destination,
    ExitStatus,
    FollowUpSource,
    Improvement,
    LabourMarketStatus,
    details_of,
)
from services.intake.domain.events import FollowUpRecorded, StatusUponLeavingRecorded
from shared.business_dates import six_months_after

if TYPE_CHECKING:
    from datetime import date

    from services.intake.domain.client import Client


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FollowUp(Destination):
    """A follow-up of the current exit, as the client's page lists it."""

    checked_on: date
    due_on: date
    reached: bool
    source: FollowUpSource
    improvement: Improvement | None = None

    @property
    def six_months(self) -> bool:
        """Checked six months or more after the exit: the six-month follow-up."""
        return self.checked_on >= self.due_on


def record_status_upon_leaving(
    state: Client, command: RecordStatusUponLeaving
) -> list[StatusUponLeavingRecorded]:
    """The exit's status, now known or corrected; ``unknown`` is not a status to record."""
    if state.exited_on is None or state.exit_status is None:
        raise DomainError("client_not_exited")
    if command.exit_status is ExitStatus.UNKNOWN:
        raise DomainError("status_still_unknown")
    destination = Destination.of(command)
    destination.check()
    if destination == _current(state):
        raise DomainError("status_unchanged")
    return [
        StatusUponLeavingRecorded(
            client_id=state.client_id,
            exited_on=state.exited_on,
            exit_status=command.exit_status,
            previous_status=state.exit_status,
            source=command.source,
            **details_of(command),
        )
    ]


def _current(state: Client) -> Destination | None:
    if state.exit_status is None:
        return None
    return Destination(exit_status=state.exit_status, **details_of(state))


def record_follow_up(state: Client, command: RecordFollowUp) -> list[FollowUpRecorded]:
    """A later status of the current exit's leaver, on a day after the exit.

    A leaver not reached has an ``unknown`` status; one reached has a known one. The
    improvement of CR07 concerns only those employed at entry who are employed again.
    """
    if state.exited_on is None:
        raise DomainError("client_not_exited")
    if command.checked_on < state.exited_on:
        raise DomainError("check_before_exit")
    unknown = command.exit_status is ExitStatus.UNKNOWN
    if command.reached and unknown:
        raise DomainError("follow_up_status_required")
    if not command.reached and not unknown:
        raise DomainError("status_only_when_reached")
    Destination.of(command).check()
    if command.improvement is not None:
        employed_at_entry = state.start_data.labour_market_status in (
            LabourMarketStatus.EMPLOYED,
            LabourMarketStatus.SELF_EMPLOYED,
        )
        if not employed_at_entry:
            raise DomainError("improvement_only_when_employed_at_entry")
        if not command.exit_status.counts_as_employment:
            raise DomainError("improvement_only_when_employed")
    return [
        FollowUpRecorded(
            client_id=state.client_id,
            exited_on=state.exited_on,
            due_on=six_months_after(state.exited_on),
            checked_on=command.checked_on,
            reached=command.reached,
            source=command.source,
            exit_status=command.exit_status,
            **details_of(command),
            improvement=command.improvement,
            entered_by=command.entered_by,
        )
    ]


def evolve_status(state: Client, event: StatusUponLeavingRecorded) -> Client:
    if event.exited_on != state.exited_on:
        return state  # about an exit a re-entry has closed since: the current one stands
    return dataclasses.replace(
        state,
        exit_status=event.exit_status,
        **details_of(event),
    )


def evolve_follow_up(state: Client, event: FollowUpRecorded) -> Client:
    if event.exited_on != state.exited_on:
        return state
    follow_up = FollowUp(
        checked_on=event.checked_on,
        due_on=event.due_on,
        reached=event.reached,
        source=event.source,
        exit_status=event.exit_status,
        **details_of(event),
        improvement=event.improvement,
    )
    return dataclasses.replace(state, follow_ups=(*state.follow_ups, follow_up))
