"""Referrals (propose, answer with a reason) and placement starts."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from services.matching.domain.commands import AnswerReferral
from services.matching.domain.errors import DomainError
from services.matching.domain.events import ClientReferred, PlacementStarted, ReferralAnswered
from services.matching.domain.referral import (
    Facts,
    decide_placement,
    decide_referral,
    rebuild_referral,
)
from services.matching.domain.vocabulary import AnswerReason, PlacementType, ReferralAnswer
from tests.unit.matching.builders import refer, start_placement

READY = Facts(client_active=True, client_consenting=True, lead_company_id="company-1")


def _answer(answer: ReferralAnswer, reason: AnswerReason, day: int = 6) -> AnswerReferral:
    return AnswerReferral(
        referral_id="referral-1", answer=answer, reason=reason, answered_on=date(2026, 11, day)
    )


def test_a_referral_names_the_company_of_its_lead() -> None:
    [event] = decide_referral(None, refer(), READY)
    assert isinstance(event, ClientReferred)
    assert event.company_id == "company-1"


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        (dataclasses.replace(READY, lead_company_id=None), "lead_not_found"),
        (dataclasses.replace(READY, client_active=False), "client_not_active"),
        (dataclasses.replace(READY, client_consenting=False), "client_not_consenting"),
        (dataclasses.replace(READY, lead_available=False), "lead_not_available"),
        (dataclasses.replace(READY, already_referred=True), "client_already_referred"),
    ],
)
def test_a_referral_is_refused_when_its_facts_do_not_allow_it(facts: Facts, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        decide_referral(None, refer(), facts)
    assert refused.value.code == code


def test_the_company_answers_once_with_a_fitting_reason() -> None:
    events = list(decide_referral(None, refer(), READY))
    state = rebuild_referral(events)
    with pytest.raises(DomainError, match="reason_does_not_fit_answer"):
        decide_referral(state, _answer(ReferralAnswer.DECLINED, AnswerReason.HIRED))
    [answered] = decide_referral(state, _answer(ReferralAnswer.ACCEPTED, AnswerReason.HIRED))
    assert isinstance(answered, ReferralAnswered)
    assert (answered.client_id, answered.reason) == ("client-1", AnswerReason.HIRED)
    state = rebuild_referral([*events, answered])
    assert decide_referral(state, _answer(ReferralAnswer.ACCEPTED, AnswerReason.OTHER)) == []
    with pytest.raises(DomainError, match="referral_already_answered"):
        decide_referral(state, _answer(ReferralAnswer.DECLINED, AnswerReason.TIMING))


def test_an_answer_cannot_precede_the_referral() -> None:
    state = rebuild_referral(decide_referral(None, refer(), READY))
    with pytest.raises(DomainError, match="answer_before_referral"):
        decide_referral(state, _answer(ReferralAnswer.NO_ANSWER, AnswerReason.NO_RESPONSE, 1))


def test_a_placement_starts_with_its_type_and_dates() -> None:
    event = decide_placement(False, start_placement(), READY)
    assert isinstance(event, PlacementStarted)
    assert event.placement_type is PlacementType.WAGE_SUBSIDISED
    assert (event.lead_id, event.ends_on) == ("lead-1", date(2027, 5, 31))


def test_a_placement_without_a_lead_needs_no_lead_facts() -> None:
    facts = Facts(client_active=True, company_known=True)
    command = start_placement(
        lead_id=None, referral_id=None, ends_on=None, placement_type=PlacementType.FULL_TIME
    )
    assert decide_placement(False, command, facts).lead_id is None


@pytest.mark.parametrize(
    ("changes", "facts", "code"),
    [
        ({}, dataclasses.replace(READY, lead_company_id="company-2"), "lead_of_another_company"),
        ({}, dataclasses.replace(READY, company_known=False), "company_not_found"),
        ({}, dataclasses.replace(READY, client_active=False), "client_not_active"),
        ({"ends_on": date(2026, 11, 1)}, READY, "end_before_start"),
        ({"placement_type": PlacementType.WORK_TRIAL, "ends_on": None}, READY, "end_date_required"),
    ],
)
def test_a_placement_is_refused_when_its_facts_or_dates_are_wrong(
    changes: dict[str, object], facts: Facts, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        decide_placement(False, start_placement(**changes), facts)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("exited_on", "accepted"),
    [
        (None, False),  # never active: nothing to be upon leaving from
        (date(2026, 11, 3), True),  # the start is the 28th day after the exit
        (date(2026, 11, 2), False),  # the 29th day
        (date.max, True),  # a mistyped exit never overflows
    ],
)
def test_an_exited_client_may_start_a_placement_upon_leaving(
    exited_on: date | None, accepted: bool
) -> None:
    facts = dataclasses.replace(READY, client_active=False, client_exited_on=exited_on)
    command = start_placement()
    assert command.starts_on == date(2026, 12, 1)
    if accepted:
        assert decide_placement(False, command, facts).client_id == command.client_id
    else:
        with pytest.raises(DomainError, match="client_not_active"):
            decide_placement(False, command, facts)


def test_a_placement_is_recorded_once() -> None:
    with pytest.raises(DomainError, match="placement_already_recorded"):
        decide_placement(True, start_placement(), READY)
