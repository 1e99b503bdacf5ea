"""The published events keep to the agreed wire names and carry no personal identifiers."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from services.coaching.domain.contracts import coaching_contracts
from services.coaching.domain.events import PUBLISHED, SessionHeld
from services.coaching.domain.vocabulary import Mode, SessionKind, Topic
from shared.events.codec import decode_event, payload_of
from shared.events.envelope import Context, NewEvent

AGREED = {
    "coaching.session_held": {"session_id", "client_id", "project_id", "coach_id", "held_on",
                              "starts_at", "duration_minutes", "mode", "kind", "topics"},
    "coaching.programme_planned": {"programme_id", "project_id", "kind", "title", "municipality",
                                   "starts_on", "ends_on"},
    "coaching.meeting_scheduled": {"programme_id", "meeting_id", "project_id", "held_on",
                                   "duration_minutes"},
    "coaching.client_joined_programme": {"programme_id", "client_id", "project_id", "joined_on"},
    "coaching.attendance_recorded": {"programme_id", "meeting_id", "client_id", "project_id",
                                     "held_on", "duration_minutes", "attendance"},
    "coaching.course_enrolled": {"course_id", "client_id", "project_id", "days", "enrolled_on"},
    "coaching.course_day_completed": {"course_id", "client_id", "project_id", "day",
                                      "completed_on"},
    "coaching.course_completed": {"course_id", "client_id", "project_id", "completed_on"},
    "coaching.goal_set": {"goal_id", "client_id", "project_id", "target_date", "area"},
    "coaching.goal_reviewed": {"goal_id", "client_id", "project_id", "reviewed_on", "outcome"},
    "coaching.pre_coaching_completed": {"client_id", "project_id", "completed_on",
                                        "skills_mapped", "motivation", "support_need", "cv_done"},
    "coaching.in_work_coaching_started": {"plan_id", "client_id", "company_id", "project_id",
                                          "started_on"},
    "coaching.work_demonstration_recorded": {"plan_id", "client_id", "project_id", "held_on",
                                             "result"},
    "coaching.in_work_coaching_ended": {"plan_id", "client_id", "project_id", "ended_on",
                                        "follow_on"},
}  # fmt: skip


def test_every_agreed_event_exists_with_at_least_the_agreed_fields() -> None:
    contracts = coaching_contracts()
    for name, fields in AGREED.items():
        declared = {f.name for f in dataclasses.fields(contracts.class_for(name))}
        assert fields <= declared, name


def test_every_published_event_carries_its_project() -> None:
    for cls in PUBLISHED:
        assert "project_id" in {f.name for f in dataclasses.fields(cls)}, cls.__name__


def test_a_held_session_round_trips_through_its_wire_form_with_plain_values() -> None:
    held = SessionHeld(
        session_id="s1", client_id="c1", project_id="S21048", coach_id="u1",
        held_on=date(2026, 11, 23), starts_at=time(9, 30), duration_minutes=60,
        mode=Mode.PHONE, kind=SessionKind.FOLLOW_UP, topics=(Topic.CV,),
    )  # fmt: skip
    payload = payload_of(held)
    assert payload["mode"] == "phone"
    assert payload["topics"] == ["cv"]
    assert payload["starts_at"] == "09:30:00"
    NewEvent.of(held, Context(project_id="S21048", actor="u1"))  # passes the privacy guard
    assert decode_event(coaching_contracts(), "coaching.session_held", 1, payload) == held
