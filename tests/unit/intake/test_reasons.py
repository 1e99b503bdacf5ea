"""Reasons as codes in events, their words kept apart; events of version 1 still read."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.errors import DomainError
from services.intake.domain.events import StartDataCorrected
from services.intake.domain.reasons import checked_reason
from shared.events.codec import decode_event, payload_of
from tests.unit.intake.builders import CLIENT, start_data
from tests.unit.intake.fakes import PROJECT, a_person, an_intake, as_

STAFF = {(PROJECT, "coach"): ["kaisa"], (PROJECT, "project_manager"): ["maija"]}


def test_a_version_1_correction_reads_as_the_code_other_without_its_words() -> None:
    stored = payload_of(
        StartDataCorrected(
            client_id=CLIENT, start_data=start_data(), changed_fields=("education",),
            reason_code="other",
        )
    )  # fmt: skip
    version_1 = {k: v for k, v in stored.items() if k not in ("reason_code", "reason_id")}
    version_1["reason"] = "Aino's diagnosis came in"

    event = decode_event(intake_contracts(), "intake.start_data_corrected", 1, version_1)

    assert (event.reason_code, event.reason_id) == ("other", None)
    assert "diagnosis" not in str(payload_of(event))


@pytest.mark.parametrize("name", ["intake.target_group_rule_overridden",
                                  "intake.project_plan_changed"])  # fmt: skip
def test_every_event_that_carried_words_has_an_upcaster_from_version_1(name: str) -> None:
    upcast = intake_contracts().upcast(name, 1, {"reason": "words", "x": 1})

    assert upcast == {"x": 1, "reason_code": "other", "reason_id": None}


def test_other_needs_words_and_any_other_code_may_go_without() -> None:
    assert checked_reason("typing_error", "  ", "correction_reason_required") == ""
    with pytest.raises(DomainError, match="correction_reason_required"):
        checked_reason("other", " ", "correction_reason_required")


def test_an_override_keeps_its_words_apart_sealed_for_the_client_under_the_events_id() -> None:
    intake = an_intake(STAFF)
    young = a_person(identity_code=None, birth_date=date(1990, 1, 1),
                     override_reason="family of a client")  # fmt: skip

    accepted = intake.bus.handle(young, as_("maija", "project_manager"))

    [override] = [e for e in intake.log.read_all()
                  if e.event_type == "intake.target_group_rule_overridden"]  # fmt: skip
    assert "family" not in str(override.payload)
    kept = intake.reasons.kept[override.payload["reason_id"]]
    assert kept == (PROJECT, accepted.id, "family of a client")


def test_words_holding_a_phone_number_are_refused_at_their_field() -> None:
    intake = an_intake(STAFF)
    young = a_person(identity_code=None, birth_date=date(1990, 1, 1),
                     override_reason="call her at 040 123 4567")  # fmt: skip

    with pytest.raises(DomainError) as refusal:
        intake.bus.handle(young, as_("maija", "project_manager"))

    assert (refusal.value.code, refusal.value.field) == ("personal_data_in_text", "override_reason")
    assert intake.reasons.kept == {}
