"""Commands to the Client aggregate: what a coach, a manager or the service asks for."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from services.intake.domain.esf import (
    Destination,
    EntryRoute,
    EsfStartData,
    FollowUpSource,
    Improvement,
)
from services.intake.domain.target_group import TargetGroupOverride, TargetGroupRule


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EnrolClient:
    """Enrol a new participant; the identity code stays in the personal-data store."""

    client_id: str
    project_id: str
    coach_id: str
    entry_date: date
    entry_route: EntryRoute
    start_data: EsfStartData
    consent_version: str
    consented_at: datetime
    target_group: TargetGroupRule = dataclasses.field(default_factory=TargetGroupRule)
    override: TargetGroupOverride | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReEnterClient:
    """Record a former participant's return to the same project on their existing stream."""

    client_id: str
    project_id: str
    re_entry_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CorrectStartData:
    """Replace the start data with corrected ones; the reason is kept for auditors: its
    code in the event, its words (``reason``) sealed in intake's store under ``reason_id``
    (which the handler gives)."""

    client_id: str
    start_data: EsfStartData
    reason: str = ""
    reason_code: str = "other"
    reason_id: str | None = None
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AssignCoach:
    client_id: str
    coach_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ExitClient(Destination):
    """End the current participation; ``employment_type`` is required for ``employed``."""

    client_id: str
    exit_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordStatusUponLeaving(Destination):
    """Record, or correct, where a client who has left was within four weeks of leaving.

    The end notice is often written before the situation is known (``unknown``); this is
    the four-week follow-up that completes it, or corrects it, without a new exit.
    """

    client_id: str
    source: FollowUpSource


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordFollowUp(Destination):
    """A later status of a client who has left, checked on ``checked_on``: from six months
    after leaving on, the six-month follow-up (§6.4); before then, a status between."""

    client_id: str
    checked_on: date
    reached: bool
    """Whether the situation was found out; if not, the status is ``unknown``."""
    source: FollowUpSource
    improvement: Improvement | None = None
    """Only for a client employed at entry and employed at the check (CR07)."""
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


Command = (
    EnrolClient
    | ReEnterClient
    | CorrectStartData
    | AssignCoach
    | ExitClient
    | RecordStatusUponLeaving
    | RecordFollowUp
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RevealIdentityCode:
    """Show a client's full identity code to the acting user, for the reason they give.

    Not a command to the Client aggregate: nothing about the client changes, but who saw
    the code, when and why is recorded beside the person (``PersonalData.record_reveal``).
    """

    client_id: str
    reason: str
