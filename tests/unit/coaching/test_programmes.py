"""Group programmes: planning, meetings, joining and one attendance sheet per meeting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.events import AttendanceRecorded, ClientJoinedProgramme
from services.coaching.domain.programmes import (
    JoinProgramme,
    PlanProgramme,
    ProgrammeCommand,
    ScheduleMeeting,
    TakeAttendance,
    decide,
    rebuild,
)
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from tests.unit.coaching.builders import (
    CLIENT,
    COACH,
    OTHER_CLIENT,
    PROJECT,
    TODAY,
    active,
    exited,
    refusal,
)

PROGRAMME = "programme-1"
STARTS = date(2026, 11, 2)
P, A, X = Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED


def plan(**changes: Any) -> PlanProgramme:
    fields: dict[str, Any] = {
        "programme_id": PROGRAMME,
        "project_id": PROJECT,
        "kind": ProgrammeKind.JOB_SEEKERS_GROUP,
        "title": "DuuniKaverit Lohja",
        "municipality": "Lohja",
        "starts_on": STARTS,
        "ends_on": STARTS + timedelta(days=20),
        "coach_id": COACH,
    }
    return PlanProgramme(**(fields | changes))


def when(past: list[Any], command: ProgrammeCommand, client: ClientStanding | None = None) -> Any:
    return decide(rebuild(past), command, client)


def given_a_group(*members: str) -> list[Any]:
    events: list[Any] = when([], plan())
    events += when(events, ScheduleMeeting(meeting_id="m1", held_on=STARTS, duration_minutes=180))
    events += when(
        events, ScheduleMeeting(meeting_id="m2", held_on=STARTS + timedelta(7), duration_minutes=90)
    )
    for member in members:
        events += when(events, JoinProgramme(client_id=member, joined_on=STARTS), active(member))
    return events


def sheet(marks: dict[str, Attendance], meeting: str = "m1") -> TakeAttendance:
    return TakeAttendance(meeting_id=meeting, marks=marks, today=TODAY)


def test_a_programme_that_ends_before_it_starts_is_refused() -> None:
    backwards = plan(ends_on=STARTS - timedelta(days=1))
    assert refusal(lambda: when([], backwards)) == ("ends_before_start", "ends_on")


def test_a_programme_needs_a_title() -> None:
    assert refusal(lambda: when([], plan(title="  "))) == ("title_required", "title")


def test_a_meeting_outside_the_programme_dates_is_refused() -> None:
    late = ScheduleMeeting(meeting_id="m9", held_on=STARTS + timedelta(60), duration_minutes=60)
    assert refusal(lambda: when(given_a_group(), late))[0] == "meeting_outside_programme"


def test_meetings_are_kept_in_date_order_whatever_the_order_scheduled() -> None:
    events = when([], plan())
    events += when(events, ScheduleMeeting(meeting_id="b", held_on=date(2026, 11, 9),
                                           duration_minutes=60))  # fmt: skip
    events += when(events, ScheduleMeeting(meeting_id="a", held_on=STARTS, duration_minutes=60))
    assert [m.meeting_id for m in rebuild(events).meetings] == ["a", "b"]  # type: ignore[union-attr]


def test_an_active_client_joins_the_programme() -> None:
    events = given_a_group()
    [joined] = when(events, JoinProgramme(client_id=CLIENT, joined_on=STARTS), active())
    assert isinstance(joined, ClientJoinedProgramme)
    assert joined.project_id == PROJECT


def test_an_exited_client_cannot_join() -> None:
    join = JoinProgramme(client_id=CLIENT, joined_on=STARTS)
    assert refusal(lambda: when(given_a_group(), join, exited()))[0] == "client_not_active"


def test_joining_twice_is_refused() -> None:
    join = JoinProgramme(client_id=CLIENT, joined_on=STARTS)
    assert refusal(lambda: when(given_a_group(CLIENT), join, active()))[0] == (
        "already_in_programme"
    )


def test_one_sheet_records_every_members_mark_with_the_meetings_date_and_length() -> None:
    recorded = when(given_a_group(CLIENT, OTHER_CLIENT), sheet({CLIENT: P, OTHER_CLIENT: A}))
    assert all(isinstance(e, AttendanceRecorded) for e in recorded)
    assert {(e.client_id, e.attendance) for e in recorded} == {(CLIENT, P), (OTHER_CLIENT, A)}
    assert {(e.held_on, e.duration_minutes) for e in recorded} == {(STARTS, 180)}


def test_saving_the_same_sheet_again_records_nothing() -> None:
    events = given_a_group(CLIENT, OTHER_CLIENT)
    events += when(events, sheet({CLIENT: P, OTHER_CLIENT: A}))
    assert when(events, sheet({CLIENT: P, OTHER_CLIENT: A})) == []


def test_changing_one_mark_records_a_correction_for_that_client_only() -> None:
    events = given_a_group(CLIENT, OTHER_CLIENT)
    events += when(events, sheet({CLIENT: P, OTHER_CLIENT: A}))
    [corrected] = when(events, sheet({CLIENT: P, OTHER_CLIENT: X}))
    assert (corrected.client_id, corrected.attendance, corrected.correction) == (
        OTHER_CLIENT,
        X,
        True,
    )


def test_a_mark_for_someone_not_in_the_programme_is_refused() -> None:
    stranger = sheet({CLIENT: P, "client-x": P})
    assert refusal(lambda: when(given_a_group(CLIENT), stranger)) == ("not_in_programme", "marks")


def test_attendance_for_a_meeting_still_ahead_is_refused() -> None:
    events = given_a_group(CLIENT)
    ahead = TakeAttendance(meeting_id="m2", marks={CLIENT: P}, today=STARTS)
    assert refusal(lambda: when(events, ahead))[0] == "meeting_not_held_yet"


def test_attendance_rate_and_no_shows_follow_the_latest_marks() -> None:
    events = given_a_group(CLIENT, OTHER_CLIENT)
    events += when(events, sheet({CLIENT: P, OTHER_CLIENT: A}))
    events += when(events, sheet({CLIENT: A, OTHER_CLIENT: A}, "m2"))
    events += when(events, sheet({CLIENT: P, OTHER_CLIENT: A}, "m2"))
    programme = rebuild(events)
    assert programme is not None
    assert programme.attendance_rate() == 2 / 4
    assert programme.no_shows() == {OTHER_CLIENT: 2}


def test_the_sheet_lists_only_members_who_had_joined_by_the_meeting() -> None:
    events = given_a_group(CLIENT)
    late = JoinProgramme(client_id=OTHER_CLIENT, joined_on=STARTS + timedelta(3))
    events += when(events, late, active(OTHER_CLIENT))
    programme = rebuild(events)
    assert programme is not None
    first, second = programme.meetings
    assert programme.members_at(first) == [CLIENT]
    assert programme.members_at(second) == [CLIENT, OTHER_CLIENT]
