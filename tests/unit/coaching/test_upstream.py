"""Coaching's tolerant readers decode what intake really writes: intake's own event classes,
serialised as intake appends them, read back with only the fields coaching needs."""

from __future__ import annotations

from services.coaching.domain import upstream
from services.intake.domain.events import CoachAssigned
from shared.events.codec import decode_event
from shared.events.envelope import Context, NewEvent
from tests.unit.intake.builders import CLIENT, COACH, PROJECT, enrolled, exited, re_entered


def read(event: object) -> object:
    new = NewEvent.of(event, Context(project_id=PROJECT, actor="intake"))
    return decode_event(upstream.intake_readers(), new.event_type, new.schema_version, new.payload)


def test_an_enrolment_is_read_with_its_project_coach_and_entry_date() -> None:
    written = enrolled()
    got = read(written)
    assert got == upstream.ClientEnrolled(
        client_id=CLIENT, project_id=PROJECT, coach_id=COACH, entered_on=written.entered_on
    )


def test_exits_re_entries_and_new_coaches_are_read() -> None:
    assert isinstance(read(exited()), upstream.ClientExited)
    assert isinstance(read(re_entered()), upstream.ClientReEntered)
    moved = CoachAssigned(client_id=CLIENT, coach_id="coach-2", previous_coach_id=COACH)
    assert read(moved) == upstream.CoachAssigned(client_id=CLIENT, coach_id="coach-2")


def test_every_intake_event_type_is_known_so_none_counts_as_unknown() -> None:
    from services.intake.domain.contracts import intake_contracts

    readers = upstream.intake_readers()
    unknown = {name for name in intake_contracts().names() if not readers.knows(name)}
    assert unknown == set()


def test_the_facts_that_tell_namesakes_apart_are_read_from_enrolments_and_corrections() -> None:
    from services.intake.domain.contracts import intake_contracts
    from services.intake.domain.events import StartDataCorrected
    from tests.unit.intake.builders import start_data

    readers = upstream.fact_readers()
    new = NewEvent.of(enrolled(start_data=start_data(municipality="Vihti")),
                      Context(project_id=PROJECT, actor="intake"))  # fmt: skip
    got = decode_event(readers, new.event_type, new.schema_version, new.payload)
    assert (got.start_data.municipality, got.project_id) == ("Vihti", PROJECT)
    moved = StartDataCorrected(client_id=CLIENT, start_data=start_data(municipality="Hanko"),
                               changed_fields=("municipality",),
                               reason_code="new_information")  # fmt: skip
    new = NewEvent.of(moved, Context(project_id=PROJECT, actor="intake"))
    got = decode_event(readers, new.event_type, new.schema_version, new.payload)
    hanko = upstream.StartPlace(municipality="Hanko")
    assert got == upstream.StartPlaceCorrected(client_id=CLIENT, start_data=hanko)
    assert {name for name in intake_contracts().names() if not readers.knows(name)} == set()
    version_1 = {k: v for k, v in new.payload.items() if k != "reason_code"} | {"reason": "muutti"}
    assert decode_event(readers, new.event_type, 1, version_1) == got  # stored before version 2
