"""Whether a client may be presented to employers: the three decisions that meet."""

from __future__ import annotations

import pytest

from services.matching.domain.presentation import (
    presentable,
    presentation_decision,
    supersedes,
)
from services.matching.domain.upstream import ConsentGiven, ConsentWithdrawn


def _fields(purpose: str) -> dict[str, str]:
    return {"client_id": "c", "project_id": "A", "purpose": purpose, "version": "2026-02"}


def test_only_the_employer_presentation_purpose_decides() -> None:
    assert presentation_decision(ConsentGiven(**_fields("employer_presentation"))) is True
    assert presentation_decision(ConsentWithdrawn(**_fields("employer_presentation"))) is False
    for purpose in ("project_processing", "contact_by_email_sms", "partner_sharing"):
        assert presentation_decision(ConsentWithdrawn(**_fields(purpose))) is None


@pytest.mark.parametrize(("presentation", "expected"), [(None, True), (True, True), (False, False)])
def test_a_withdrawal_rules_out_and_never_asked_keeps_the_rule_before(
    presentation: bool | None, expected: bool
) -> None:
    assert (
        presentable(consent_given=True, employer_presentation=presentation, matching_consent=True)
        is expected
    )


def test_a_given_presentation_consent_does_not_override_the_other_two() -> None:
    assert not presentable(consent_given=True, employer_presentation=True, matching_consent=False)
    assert not presentable(consent_given=False, employer_presentation=True, matching_consent=True)


def test_only_a_newer_decision_supersedes_the_applied_one() -> None:
    assert supersedes(None, 1)
    assert supersedes(1, 2)
    assert not supersedes(2, 2)
    assert not supersedes(2, 1)
