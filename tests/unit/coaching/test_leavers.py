"""Coaching's reader of leavers decodes what intake really writes about an exit, and knows
every intake event type (the others are skipped quietly, not counted as unknown)."""

from __future__ import annotations

from services.coaching.domain import leavers
from services.intake.domain.contracts import intake_contracts
from shared.events.codec import decode_event
from shared.events.envelope import Context, NewEvent
from tests.unit.intake.builders import CLIENT, PROJECT, exited


def test_an_exit_is_read_with_its_status() -> None:
    new = NewEvent.of(exited(), Context(project_id=PROJECT, actor="intake"))
    got = decode_event(leavers.leaver_readers(), new.event_type, new.schema_version, new.payload)
    assert isinstance(got, leavers.LeaverExited)
    assert (got.client_id, got.exit_status) == (CLIENT, "unemployed")


def test_a_follow_up_is_read_by_its_wire_name() -> None:
    payload = {
        "client_id": CLIENT, "exited_on": "2026-05-31", "due_on": "2026-11-30",
        "checked_on": "2026-12-01", "reached": True, "source": "client",
        "exit_status": "employed",
    }  # fmt: skip
    got = decode_event(leavers.leaver_readers(), "intake.follow_up_recorded", 1, payload)
    assert isinstance(got, leavers.LeaverFollowedUp)
    assert got.checked_on >= got.due_on


def test_every_intake_event_type_is_known() -> None:
    readers = leavers.leaver_readers()
    assert {n for n in intake_contracts().names() if not readers.knows(n)} == set()
