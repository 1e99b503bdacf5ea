"""The adapters decode payloads into ``Struct`` mirrors of the readers: they must read
and refuse exactly what the readers declare, live and in a replay alike."""

from __future__ import annotations

import dataclasses
from datetime import date

import msgspec
import orjson
import pytest

from services.reporting.adapters.readers import PayloadRefused, payload_reader
from services.reporting.domain.fold import Facts
from services.reporting.domain.upstream import readers


def test_every_mirror_has_its_readers_fields_and_defaults() -> None:
    reader = payload_reader()

    for name, cls in readers().items():
        mirror = reader.classes[name]
        fields = {field.name: field for field in dataclasses.fields(cls)}
        assert sorted(mirror.__struct_fields__) == sorted(fields), name
        defaults = msgspec.structs.fields(mirror)
        for field in defaults:
            declared = fields[field.name]
            has_default = (
                declared.default is not dataclasses.MISSING
                or declared.default_factory is not dataclasses.MISSING
            )
            assert field.required is not has_default, (name, field.name)


def test_a_payload_decodes_and_converts_alike_with_defaults_filled() -> None:
    reader = payload_reader()
    payload = {"client_id": "c1", "entered_on": "2025-02-03", "unread": "ignored"}

    decoded = reader.decode_json["intake.client_enrolled"](orjson.dumps(payload))
    converted = reader.convert("intake.client_enrolled", payload)

    assert decoded == converted
    assert decoded.entered_on == date(2025, 2, 3)
    assert decoded.start_data.sensitive == {}
    assert decoded.start_data.age_at_entry is None


def test_a_payload_that_does_not_fit_is_refused_both_ways() -> None:
    reader = payload_reader()
    payload = {"session_id": "s1", "client_id": "c1", "held_on": "2025-02-03",
               "duration_minutes": "sixty"}  # fmt: skip

    with pytest.raises(reader.UNREADABLE):
        reader.decode_json["coaching.session_held"](orjson.dumps(payload))
    with pytest.raises(PayloadRefused):
        reader.convert("coaching.session_held", payload)


def test_a_decoded_correction_counts_as_a_correction() -> None:
    """The fold tells a correction by its event type, whatever class the payload has."""
    reader = payload_reader()
    booking = {"booking_id": "b1", "category": "staff", "period_start": "2025-01-01",
               "period_end": "2025-01-31", "amount_cents": 1000}  # fmt: skip
    corrected = {**booking, "amount_cents": 1500}
    facts = Facts()

    first = reader.convert("intake.cost_booked", booking)
    second = reader.convert("intake.cost_booking_corrected", corrected)

    facts.fold(
        [(1, "intake.cost_booked", "P1", first), (2, "intake.cost_booking_corrected", "P1", second)]
    )

    (cost,) = facts.rows["cost"].values()
    assert (cost.amount_cents, cost.corrections, cost.positions) == (1500, 1, [1, 2])
