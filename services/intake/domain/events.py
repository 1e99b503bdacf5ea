"""Events of the Client aggregate, with their stable wire names and schema versions.

They carry a pseudonymous client id and never a name, identity code or contact detail.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from services.intake.domain.cost_vocabulary import CostCategory
from services.intake.domain.document_kind import DocumentKind
from services.intake.domain.esf import (
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    FollowUpSource,
    Improvement,
    IntermediateKind,
    ReferralKind,
)
from services.intake.domain.target_group import TargetGroupRule
from shared.events.contract import event


@event("intake.client_enrolled", version=1)
class ClientEnrolled:
    client_id: str
    project_id: str
    coach_id: str
    entered_on: date
    entry_route: EntryRoute
    start_data: EsfStartData
    consent_version: str
    consented_at: datetime


@event("intake.target_group_rule_overridden", version=2)
class TargetGroupRuleOverridden:
    """A project manager enrolled the client outside the target group. Version 2 carries
    a reason code and the id of the words intake keeps (sealed with the person's key),
    never the words: version 1's free ``reason`` upcasts to the code ``other``."""

    client_id: str
    project_id: str
    rule: TargetGroupRule
    breaches: tuple[str, ...]
    reason_code: str
    reason_id: str | None = None
    approved_by: str


@event("intake.client_re_entered", version=1)
class ClientReEntered:
    client_id: str
    project_id: str
    re_entered_on: date


@event("intake.start_data_corrected", version=2)
class StartDataCorrected:
    """The full corrected start data, which fields changed, and why: a reason code and
    the id of the words intake keeps sealed with the person's key (version 1 carried the
    words themselves; they upcast to the code ``other``)."""

    client_id: str
    start_data: EsfStartData
    changed_fields: tuple[str, ...]
    reason_code: str
    reason_id: str | None = None
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


@event("intake.coach_assigned", version=1)
class CoachAssigned:
    client_id: str
    coach_id: str
    previous_coach_id: str


@event("intake.client_exited", version=1)
class ClientExited:
    client_id: str
    exited_on: date
    exit_status: ExitStatus
    employment_type: EmploymentType | None = None
    referral_kind: ReferralKind | None = None
    intermediate_kind: IntermediateKind | None = None


@event("intake.status_upon_leaving_recorded", version=1)
class StatusUponLeavingRecorded:
    """The status within four weeks of the exit on ``exited_on``, recorded after the exit:
    it replaces the exit's status (``previous_status``, often ``unknown``)."""

    client_id: str
    exited_on: date
    exit_status: ExitStatus
    previous_status: ExitStatus
    source: FollowUpSource
    employment_type: EmploymentType | None = None
    referral_kind: ReferralKind | None = None
    intermediate_kind: IntermediateKind | None = None


@event("intake.follow_up_recorded", version=1)
class FollowUpRecorded:
    """A later status of the leaver of ``exited_on``, checked on ``checked_on``; from
    ``due_on`` (six months after the exit) on, it is the six-month follow-up. A later
    record of the same exit's follow-up replaces an earlier one."""

    client_id: str
    exited_on: date
    due_on: date
    checked_on: date
    reached: bool
    source: FollowUpSource
    exit_status: ExitStatus
    employment_type: EmploymentType | None = None
    referral_kind: ReferralKind | None = None
    intermediate_kind: IntermediateKind | None = None
    improvement: Improvement | None = None
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FundingShare:
    """Who pays which share of the project's eligible costs (ESF, state, municipalities…)."""

    source: str
    percent: float


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProjectPlan:
    """What the funding decision fixes: area, period, target group and planned targets."""

    name: str
    municipalities: tuple[str, ...]
    starts_on: date
    ends_on: date
    target_group: TargetGroupRule
    planned_participants: int
    planned_companies: int
    funding: tuple[FundingShare, ...] = ()
    budget_cents: int | None = None
    """The approved budget (total eligible cost) in euro cents; ``None``: not given."""


@event("intake.project_registered", version=1)
class ProjectRegistered:
    """A project (tenant) is hosted here; its code is its id, e.g. ``S21048``."""

    project_id: str
    plan: ProjectPlan


@event("intake.project_plan_changed", version=2)
class ProjectPlanChanged:
    """The whole new plan, which parts changed, and why (a funder's amended decision…):
    a reason code and the id of the words intake keeps (version 1 carried the words)."""

    project_id: str
    plan: ProjectPlan
    changed_fields: tuple[str, ...]
    reason_code: str
    reason_id: str | None = None


ProjectEvent = ProjectRegistered | ProjectPlanChanged


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CostBooking:
    """One booking of a project's cost: its category, period and amount in euro cents, as
    a booking and its correction both carry it (and the commands that ask for them)."""

    booking_id: str
    project_id: str
    category: CostCategory
    period_start: date
    period_end: date
    amount_cents: int


@event("intake.cost_booked", version=1)
class CostBooked(CostBooking):
    """A cost booked to the project for a period (the final report's money), in euro cents."""

    booked_on: date


@event("intake.cost_booking_corrected", version=1)
class CostBookingCorrected(CostBooking):
    """The whole booking as corrected: it replaces the booking of the same id."""

    corrected_on: date


CostEvent = CostBooked | CostBookingCorrected

Event = (
    ClientEnrolled
    | TargetGroupRuleOverridden
    | ClientReEntered
    | StartDataCorrected
    | CoachAssigned
    | ClientExited
    | StatusUponLeavingRecorded
    | FollowUpRecorded
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ConsentDecision:
    """What a consent given and a consent withdrawn both name: whose, to which purpose,
    the version of the text shown and how the person said so."""

    client_id: str
    project_id: str
    purpose: str
    version: str
    channel: str


@event("intake.consent_given", version=1)
class ConsentGiven(ConsentDecision):
    """The person consented to one purpose, having been shown the text of ``version``
    (the text itself stays in intake: events carry the purpose and version only)."""

    given_on: date
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


@event("intake.consent_withdrawn", version=1)
class ConsentWithdrawn(ConsentDecision):
    """The person withdrew their consent to one purpose: it is respected at once."""

    withdrawn_on: date
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


@event("intake.document_added", version=1)
class DocumentAdded:
    """A document of ``kind`` was kept with the client; its content and name stay sealed in
    intake's store under ``document_id``."""

    client_id: str
    project_id: str
    document_id: str
    kind: DocumentKind


@event("intake.document_removed", version=1)
class DocumentRemoved:
    """The document was removed: its sealed content is deleted from intake's store."""

    client_id: str
    document_id: str
    kind: DocumentKind


@event("intake.contact_details_changed", version=1)
class ContactDetailsChanged:
    """Which of the client's contact details changed (``phone``, ``email``, ``address``,
    ``language``); the values stay sealed in the personal-data store."""

    client_id: str
    project_id: str
    changed_fields: tuple[str, ...]


@event("intake.message_sent", version=1)
class MessageSent:
    """How one message to the client ended: ``result`` is ``sent``, ``failed`` (after its
    last attempt), ``skipped_no_consent``, ``skipped_no_address``, ``withheld_restricted``
    or ``withheld_erased`` (the person's processing restricted, or the person erased, when
    it was due). Never the text or the address: ``message_id`` is the outbox row,
    ``template_version`` the wording used (0 for the default wording; none for a message
    skipped before it was written)."""

    message_id: str
    client_id: str
    project_id: str
    kind: str
    channel: str
    template_version: int | None
    result: str
    attempts: int


@event("intake.person_erased", version=1)
class PersonErased:
    """The person's personal data were erased in intake (their key deleted) on ``basis``
    (``request``, ``retention_ended``, ``consent_withdrawn``): every service erases what
    it holds in words about ``client_id``. The events about them stay, so figures do not
    change."""

    client_id: str
    project_id: str
    basis: str
    erased_on: date


@event("intake.processing_restricted", version=1)
class ProcessingRestricted:
    """An erasure request had to wait for the retention end: the person's data is
    restricted to the data-protection role from ``restricted_on`` until then, on
    ``basis`` (``esf_retention``: GDPR Art. 17(3)(b)). Never the words of the request."""

    client_id: str
    project_id: str
    basis: str
    restricted_on: date


@event("intake.processing_restriction_lifted", version=1)
class ProcessingRestrictionLifted:
    """The restriction ended before the retention end on ``basis``
    (``request_withdrawn``): the person's data is shown as before."""

    client_id: str
    project_id: str
    basis: str
    lifted_on: date
