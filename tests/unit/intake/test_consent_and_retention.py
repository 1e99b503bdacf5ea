"""Consent per purpose and the retention rule, as pure rules."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.consent import RecordConsent, decide_consent, evolve_consent
from services.intake.domain.errors import DomainError
from services.intake.domain.events import ConsentGiven, ConsentWithdrawn
from services.intake.domain.privacy import RetentionRule, retention_end


def _consent(**changes: object) -> RecordConsent:
    fields: dict[str, object] = {"client_id": "c1", "purpose": "employer_presentation",
                                 "version": "2026-01", "given": True, "channel": "paper",
                                 "on": date(2026, 11, 2)}  # fmt: skip
    return RecordConsent(**(fields | changes))  # type: ignore[arg-type]


def test_a_withdrawal_replaces_the_consent_and_a_repeat_records_nothing() -> None:
    [given] = decide_consent(None, _consent(), "A")
    state = evolve_consent(None, given)
    [withdrawn] = decide_consent(state, _consent(given=False), "A")
    after = evolve_consent(state, withdrawn)

    assert isinstance(given, ConsentGiven) and isinstance(withdrawn, ConsentWithdrawn)
    assert state.allows("employer_presentation") and not after.allows("employer_presentation")
    assert decide_consent(after, _consent(given=False), "A") == []
    assert decide_consent(after, _consent(given=False, version="2027-01"), "A") != []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"purpose": "selling"}, "purpose"),
        ({"channel": "telepathy"}, "channel"),
        ({"version": " "}, "version"),
    ],
)
def test_a_decision_is_refused_at_its_field(changes: dict[str, str], field: str) -> None:
    with pytest.raises(DomainError) as refused:
        decide_consent(None, _consent(**changes), "A")

    assert refused.value.field == field


def test_retention_ends_on_31_december_years_after_the_projects_end() -> None:
    assert retention_end(date(2029, 7, 31), RetentionRule()) == date(2034, 12, 31)
    assert retention_end(date(2029, 7, 31), RetentionRule(years=10)) == date(2039, 12, 31)
    named = RetentionRule(until=date(2036, 6, 30))
    assert retention_end(date(2029, 7, 31), named) == date(2036, 6, 30)
