"""The Client aggregate: ``decide`` turns a command into events, ``evolve`` folds them.

One stream per participant per project. The state before the first event is ``None``.
Re-entries reuse the stream: ESF counts a person once, with first-entry start data and
the final exit (research/esf-indicators.md §1.1).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from functools import reduce

from services.intake.domain.commands import (
    AssignCoach,
    Command,
    CorrectStartData,
    EnrolClient,
    ExitClient,
    RecordFollowUp,
    RecordStatusUponLeaving,
    ReEnterClient,
)
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    Destination,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    IntermediateKind,
    ReferralKind,
    details_of,
)
from services.intake.domain.events import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    Event,
    FollowUpRecorded,
    StartDataCorrected,
    StatusUponLeavingRecorded,
    TargetGroupRuleOverridden,
)
from services.intake.domain.leaving import (
    FollowUp,
    evolve_follow_up,
    evolve_status,
    record_follow_up,
    record_status_upon_leaving,
)
from services.intake.domain.reasons import checked_reason, kept_reason_id
from shared.business_dates import six_months_after


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Client:
    client_id: str
    project_id: str
    coach_id: str
    entered_on: date
    """First entry: the ESF start date."""
    entry_route: EntryRoute
    start_data: EsfStartData
    participation_started_on: date
    """Start of the current participation: the first entry or the latest re-entry."""
    participations: int = 1
    exited_on: date | None = None
    exit_status: ExitStatus | None = None
    employment_type: EmploymentType | None = None
    referral_kind: ReferralKind | None = None
    intermediate_kind: IntermediateKind | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    """Later statuses of the current exit, oldest first (``leaving.py``)."""

    @property
    def is_active(self) -> bool:
        return self.exited_on is None

    @property
    def follow_up_due_on(self) -> date | None:
        """When the six-month follow-up of the current exit falls due (§6.4)."""
        return None if self.exited_on is None else six_months_after(self.exited_on)


def decide(state: Client | None, command: Command) -> list[Event]:
    if isinstance(command, EnrolClient):
        return _enrol(state, command)
    if state is None:
        raise DomainError("client_not_enrolled")
    match command:
        case ReEnterClient():
            return _re_enter(state, command)
        case CorrectStartData():
            return _correct(state, command)
        case AssignCoach():
            return _assign(state, command)
        case ExitClient():
            return _exit(state, command)
        case RecordStatusUponLeaving():
            return list(record_status_upon_leaving(state, command))
        case RecordFollowUp():
            return list(record_follow_up(state, command))


def _enrol(state: Client | None, command: EnrolClient) -> list[Event]:
    if state is not None:
        raise DomainError("client_already_enrolled")
    if not command.consent_version.strip():
        raise DomainError("consent_required")
    if not command.coach_id.strip():
        raise DomainError("coach_required")
    command.start_data.check(command.entry_date)
    enrolled = ClientEnrolled(
        client_id=command.client_id,
        project_id=command.project_id,
        coach_id=command.coach_id,
        entered_on=command.entry_date,
        entry_route=command.entry_route,
        start_data=command.start_data,
        consent_version=command.consent_version,
        consented_at=command.consented_at,
    )
    breaches = command.target_group.breaches(command.start_data)
    if not breaches:
        return [enrolled]
    override = command.override
    if override is None:
        raise DomainError("outside_target_group", ", ".join(breaches))
    words = checked_reason(
        override.reason_code, override.reason, "override_reason_required", field="override_reason"
    )
    if not override.approved_by.strip():
        raise DomainError("override_approver_required")
    overridden = TargetGroupRuleOverridden(
        client_id=command.client_id,
        project_id=command.project_id,
        rule=command.target_group,
        breaches=breaches,
        reason_code=override.reason_code,
        reason_id=kept_reason_id(override.reason_id, words),
        approved_by=override.approved_by,
    )
    return [enrolled, overridden]


def _re_enter(state: Client, command: ReEnterClient) -> list[Event]:
    if command.project_id != state.project_id:
        raise DomainError("different_project")
    if state.exited_on is None:
        raise DomainError("client_still_active")
    if command.re_entry_date < state.exited_on:
        raise DomainError("re_entry_before_exit")
    return [
        ClientReEntered(
            client_id=state.client_id,
            project_id=state.project_id,
            re_entered_on=command.re_entry_date,
        )
    ]


def _correct(state: Client, command: CorrectStartData) -> list[Event]:
    words = checked_reason(command.reason_code, command.reason, "correction_reason_required")
    command.start_data.check(state.entered_on)
    changed = command.start_data.changed_fields(state.start_data)
    if not changed:
        raise DomainError("start_data_unchanged")
    return [
        StartDataCorrected(
            client_id=state.client_id,
            start_data=command.start_data,
            changed_fields=changed,
            reason_code=command.reason_code,
            reason_id=kept_reason_id(command.reason_id, words),
            entered_by=command.entered_by,
        )
    ]


def _assign(state: Client, command: AssignCoach) -> list[Event]:
    if not command.coach_id.strip():
        raise DomainError("coach_required")
    if not state.is_active:
        raise DomainError("client_exited")
    if command.coach_id == state.coach_id:
        return []
    return [
        CoachAssigned(
            client_id=state.client_id,
            coach_id=command.coach_id,
            previous_coach_id=state.coach_id,
        )
    ]


def _exit(state: Client, command: ExitClient) -> list[Event]:
    if not state.is_active:
        raise DomainError("client_already_exited")
    if command.exit_date < state.participation_started_on:
        raise DomainError("exit_before_entry")
    Destination.of(command).check()
    return [
        ClientExited(
            client_id=state.client_id,
            exited_on=command.exit_date,
            exit_status=command.exit_status,
            **details_of(command),
        )
    ]


def evolve(state: Client | None, event: Event) -> Client:
    if isinstance(event, ClientEnrolled):
        return Client(
            client_id=event.client_id,
            project_id=event.project_id,
            coach_id=event.coach_id,
            entered_on=event.entered_on,
            entry_route=event.entry_route,
            start_data=event.start_data,
            participation_started_on=event.entered_on,
        )
    if state is None:
        raise ValueError(f"{type(event).__name__} before ClientEnrolled")
    match event:
        case TargetGroupRuleOverridden():
            return state
        case ClientReEntered():
            return dataclasses.replace(
                state,
                participation_started_on=event.re_entered_on,
                participations=state.participations + 1,
                exited_on=None,
                exit_status=None,
                employment_type=None,
                referral_kind=None,
                intermediate_kind=None,
                follow_ups=(),
            )
        case StartDataCorrected():
            return dataclasses.replace(state, start_data=event.start_data)
        case CoachAssigned():
            return dataclasses.replace(state, coach_id=event.coach_id)
        case ClientExited():
            return dataclasses.replace(
                state,
                exited_on=event.exited_on,
                exit_status=event.exit_status,
                **details_of(event),
                follow_ups=(),
            )
        case StatusUponLeavingRecorded():
            return evolve_status(state, event)
        case FollowUpRecorded():
            return evolve_follow_up(state, event)


def rebuild(events: Iterable[Event]) -> Client | None:
    """The state after a stream: the fold of ``evolve`` from ``None``."""
    state: Client | None = None
    return reduce(evolve, events, state)
