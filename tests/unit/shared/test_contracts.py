"""Event contracts and the envelope: wire names, versions, upcasting, canonical JSON."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum

import pytest

from shared.events import Context, EventContracts, NewEvent, RecordedEvent, event_type
from shared.events.codec import canonical_json, decode_event, payload_of
from shared.events.contract import UnknownEventType, event


class Mode(Enum):
    IN_PERSON = "in_person"
    PHONE = "phone"


@event("demo.session_held", version=2)
class SessionHeld:
    client_id: str
    held_on: date
    mode: Mode
    minutes: int


def contracts() -> EventContracts:
    registry = EventContracts().register(SessionHeld)

    @registry.upcaster("demo.session_held", 1)
    def _minutes_from_hours(payload: dict[str, object]) -> dict[str, object]:
        hours = payload.pop("hours")
        assert isinstance(hours, int | float)
        return {**payload, "minutes": int(hours * 60)}

    return registry


def test_the_wire_name_is_declared_not_taken_from_the_class() -> None:
    event = SessionHeld(client_id="c-1", held_on=date(2019, 3, 4), mode=Mode.PHONE, minutes=45)

    new = NewEvent.of(event, Context(project_id="S21048", actor="coach-1"))

    assert (new.event_type, new.schema_version) == ("demo.session_held", 2)
    assert new.payload == {
        "client_id": "c-1",
        "held_on": "2019-03-04",
        "mode": "phone",
        "minutes": 45,
    }


def test_a_payload_decodes_back_to_the_typed_event() -> None:
    event = SessionHeld(client_id="c-1", held_on=date(2019, 3, 4), mode=Mode.PHONE, minutes=45)

    decoded = decode_event(contracts(), "demo.session_held", 2, payload_of(event))

    assert decoded == event


def test_an_old_version_is_upcast_on_read() -> None:
    old = {"client_id": "c-1", "held_on": "2019-03-04", "mode": "in_person", "hours": 1.5}

    decoded = decode_event(contracts(), "demo.session_held", 1, old)

    assert decoded.minutes == 90 and decoded.mode is Mode.IN_PERSON


def test_a_version_newer_than_the_reader_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="newer than this reader"):
        decode_event(contracts(), "demo.session_held", 3, {})


def test_an_unknown_type_raises_unknown_event_type() -> None:
    with pytest.raises(UnknownEventType):
        decode_event(contracts(), "demo.never_heard_of", 1, {})


def test_two_classes_cannot_claim_one_wire_name() -> None:
    @event_type("demo.session_held")
    @dataclasses.dataclass(frozen=True)
    class Impostor:
        x: int

    with pytest.raises(ValueError, match="is taken"):
        contracts().register(Impostor)


def test_wire_names_must_be_service_dot_past_tense_style() -> None:
    with pytest.raises(ValueError):
        event_type("SessionHeld")


def test_canonical_json_sorts_keys_and_has_no_spaces() -> None:
    assert canonical_json({"b": 1, "a": [1, 2], "c": None}) == b'{"a":[1,2],"b":1,"c":null}'


def test_the_wire_form_round_trips_and_rejects_garbage() -> None:
    recorded = RecordedEvent(
        7, "e-1", "client-1", 2, "demo.session_held", 2, "S21048",
        "2019-03-04T10:00:00.000000+00:00", "2019-03-04T10:00:01.000000+00:00",
        "coach-1", "corr", None, {"minutes": 45}, "ab" * 32,
    )  # fmt: skip

    assert RecordedEvent.from_wire(recorded.to_wire()) == recorded
    for garbage in (b"{not json", b"[]", b'{"position": 1}'):
        with pytest.raises(ValueError, match="not an event envelope"):
            RecordedEvent.from_wire(garbage)


def test_an_event_class_with_identifier_fields_is_refused() -> None:
    from shared.events.privacy import PersonalDataInEvent

    @event_type("demo.client_named")
    @dataclasses.dataclass(frozen=True)
    class ClientNamed:
        client_id: str
        last_name: str

    with pytest.raises(PersonalDataInEvent, match="last_name"):
        EventContracts().register(ClientNamed)


@pytest.mark.parametrize(
    ("payload", "what", "field"),
    [
        ({"note": "hetu 131052-308T"}, "personal identity code", "note"),
        ({"contact": {"x": "maija.meikalainen@example.fi"}}, "e-mail", "x"),
        ({"n": 1, "places": ["Lohja", "a@b.fi"]}, "e-mail", "places"),
    ],
)
def test_a_payload_carrying_an_identifier_is_refused_at_its_field(
    payload: dict[str, object], what: str, field: str
) -> None:
    """A refusal like any rule's (422 at the field), never an error the user cannot fix."""
    from shared.events.privacy import PersonalDataInEvent
    from shared.refusal import Refusal

    with pytest.raises(PersonalDataInEvent, match=what) as refused:
        NewEvent(
            event_type="demo.note_added", schema_version=1, payload=payload,
            project_id="S21048", actor="coach-1", correlation_id="c",
        )  # fmt: skip
    assert isinstance(refused.value, Refusal)
    assert (refused.value.code, refused.value.field) == ("personal_data_in_text", field)


def test_an_event_is_a_frozen_keyword_only_dataclass_with_its_wire_name() -> None:
    held = SessionHeld(client_id="c-1", held_on=date(2026, 3, 2), mode=Mode.PHONE, minutes=45)
    with pytest.raises(dataclasses.FrozenInstanceError):
        held.client_id = "c-2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        SessionHeld("c-1", date(2026, 3, 2), Mode.PHONE, 45)  # type: ignore[misc]
    assert not hasattr(held, "__dict__")
    assert (SessionHeld.__event_type__, SessionHeld.__schema_version__) == ("demo.session_held", 2)


def test_an_ignored_event_type_is_known_without_a_class() -> None:
    registry = contracts().ignore("demo.note_added")

    assert registry.knows("demo.note_added")
    assert not registry.knows("demo.other_thing")
    with pytest.raises(UnknownEventType):
        registry.class_for("demo.note_added")
