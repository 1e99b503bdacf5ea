"""The privacy guard of events: no typed words declared, no phone number in a payload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.events.contract import EventContracts, event
from shared.events.envelope import NewEvent
from shared.events.privacy import FREE_TEXT_FIELDS, PersonalDataInEvent, check_payload

CONTRACT = Path(__file__).resolve().parents[3] / "docs" / "events" / "contract.json"


@event("test.thing_corrected", version=1)
class WithWords:
    thing_id: str
    reason: str


@event("test.session_cancelled", version=1)
class WithCode:
    thing_id: str
    reason_code: str
    reason_id: str | None = None


def test_an_event_declaring_a_free_text_field_is_refused_at_declaration() -> None:
    with pytest.raises(PersonalDataInEvent, match="free-text fields \\['reason'\\]"):
        EventContracts().register(WithWords)


def test_an_event_with_a_reason_code_and_the_words_id_is_accepted() -> None:
    assert EventContracts().register(WithCode).names() == ["test.session_cancelled"]


@pytest.mark.parametrize("phone", ["040 123 4567", "+358 40 1234567", "0401234567", "09-1234567"])
def test_a_phone_number_in_a_payload_is_refused_at_its_field(phone: str) -> None:
    with pytest.raises(PersonalDataInEvent) as refusal:
        check_payload("test.thing_corrected", {"thing_id": "t-1", "kind": f"call {phone}"})

    assert (refusal.value.code, refusal.value.field) == ("personal_data_in_text", "kind")


@pytest.mark.parametrize(
    "value",
    ["0112038-9", "2026-12-03", "0190aaaa-0000-7000-8000-000000000001",
     "00000000-0000-7000-8000-000000000001", "S21048", "00100"],
)  # fmt: skip
def test_ids_dates_business_ids_and_postal_codes_are_not_phone_numbers(value: str) -> None:
    NewEvent(event_type="test.thing_corrected", schema_version=1, payload={"value": value},
             project_id="S21048", actor="coach-1", correlation_id="c-1")  # fmt: skip


def test_the_published_contract_lists_no_free_text_field() -> None:
    """Every event of every service: no field named as typed words holds text."""
    document = json.loads(CONTRACT.read_text(encoding="utf-8"))
    found = []
    for name, entry in document["events"].items():
        schema = entry["payload"]
        for field, spec in schema.get("properties", {}).items():
            kinds = {spec.get("type")} | {s.get("type") for s in spec.get("anyOf", [])}
            if field in FREE_TEXT_FIELDS and "string" in kinds and "enum" not in spec:
                found.append(f"{name}.{field}")
    assert found == []
