"""Referrals and placements: a coach proposes a client for a lead, the company answers,
and a placement starts (with or without a lead). These events are what reporting counts.

The facts that live in other streams (is the client active and consenting, is the lead
still available, is the company registered) are looked up by the service layer and
passed in as ``Facts``, so that the rules themselves stay here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from functools import reduce

from services.matching.domain.commands import ReferClient, ReferralCommand, StartPlacement
from services.matching.domain.details import ReferralDetails
from services.matching.domain.errors import DomainError
from services.matching.domain.events import (
    ClientReferred,
    PlacementStarted,
    ReferralAnswered,
    ReferralEvent,
)
from services.matching.domain.vocabulary import AnswerReason, PlacementType, ReferralAnswer
from shared.business_dates import upon_leaving_ends
from shared.shapes import like

POSITIVE_REASONS = frozenset(
    {AnswerReason.HIRED, AnswerReason.INTERVIEW_AGREED, AnswerReason.WORK_TRIAL_AGREED}
)
REASONS: dict[ReferralAnswer, frozenset[AnswerReason]] = {
    ReferralAnswer.ACCEPTED: POSITIVE_REASONS | {AnswerReason.OTHER},
    ReferralAnswer.DECLINED: frozenset(AnswerReason)
    - POSITIVE_REASONS
    - {AnswerReason.NO_RESPONSE},
    ReferralAnswer.NO_ANSWER: frozenset({AnswerReason.NO_RESPONSE, AnswerReason.OTHER}),
}
"""Which reasons go with which answer: "declined because hired" is a typing slip."""

NEEDS_END_DATE = frozenset({PlacementType.FIXED_TERM, PlacementType.WORK_TRIAL})


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Facts:
    """What the service layer found in the projections for a referral or a placement."""

    client_active: bool
    client_exited_on: date | None = None
    """When an inactive client left the project: a placement may start upon leaving."""
    client_consenting: bool = True
    company_known: bool = True
    lead_company_id: str | None = None
    """The company of the named lead, when a lead was named and found."""
    lead_available: bool = True
    already_referred: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Referral(ReferralDetails):
    answer: ReferralAnswer | None = None


def decide_referral(
    state: Referral | None, command: ReferralCommand, facts: Facts | None = None
) -> list[ReferralEvent]:
    if isinstance(command, ReferClient):
        return [_refer(state, command, facts or Facts(client_active=False))]
    if state is None:
        raise DomainError("referral_not_found")
    if state.answer is not None:
        if state.answer is command.answer:
            return []
        raise DomainError("referral_already_answered")
    if command.reason not in REASONS[command.answer]:
        raise DomainError("reason_does_not_fit_answer")
    if command.answered_on < state.referred_on:
        raise DomainError("answer_before_referral")
    return [
        like(
            ReferralAnswered, command, referral_id=state.referral_id,
            client_id=state.client_id, project_id=state.project_id,
        )
    ]  # fmt: skip


def _refer(state: Referral | None, command: ReferClient, facts: Facts) -> ClientReferred:
    if state is not None:
        raise DomainError("referral_already_recorded")
    if facts.lead_company_id is None:
        raise DomainError("lead_not_found")
    if not facts.client_active:
        raise DomainError("client_not_active")
    if not facts.client_consenting:
        raise DomainError("client_not_consenting")
    if not facts.lead_available:
        raise DomainError("lead_not_available")
    if facts.already_referred:
        raise DomainError("client_already_referred")
    return like(ClientReferred, command, company_id=facts.lead_company_id)


def evolve_referral(state: Referral | None, event: ReferralEvent) -> Referral | None:
    match event:
        case ClientReferred():
            return like(Referral, event)
        case ReferralAnswered():
            return dataclasses.replace(state, answer=event.answer) if state else None


def rebuild_referral(events: Iterable[ReferralEvent]) -> Referral | None:
    return reduce(evolve_referral, events, None)


def decide_placement(
    already_started: bool, command: StartPlacement, facts: Facts
) -> PlacementStarted:
    """A placement starts once; a named lead must belong to the named company."""
    if already_started:
        raise DomainError("placement_already_recorded")
    if not facts.client_active and not _upon_leaving(facts.client_exited_on, command.starts_on):
        raise DomainError("client_not_active")
    if not facts.company_known:
        raise DomainError("company_not_found")
    if command.lead_id is not None and facts.lead_company_id is None:
        raise DomainError("lead_not_found")
    if command.lead_id is not None and facts.lead_company_id != command.company_id:
        raise DomainError("lead_of_another_company")
    if command.ends_on is not None and command.ends_on < command.starts_on:
        raise DomainError("end_before_start")
    if command.ends_on is None and command.placement_type in NEEDS_END_DATE:
        raise DomainError("end_date_required")
    return like(PlacementStarted, command)


def _upon_leaving(exited_on: date | None, starts_on: date) -> bool:
    """A placement agreed before the exit may start within 28 days of it: ESF counts it as
    a result upon leaving, so the write side accepts it too."""
    return exited_on is not None and starts_on <= upon_leaving_ends(exited_on)
