"""A group meeting's hour: kept on the event and the programme, ordering a day's meetings,
and deciding what a new meeting clashes with (pure domain, no I/O)."""

from __future__ import annotations

from datetime import time, timedelta

from services.coaching.domain.events import MeetingScheduled
from services.coaching.domain.programmes import (
    Booked,
    ScheduleMeeting,
    ScheduleMeetings,
    clashes,
    decide,
    rebuild,
)
from tests.unit.coaching.builders import refusal
from tests.unit.coaching.test_programmes import STARTS, plan

SESSION = Booked(entry_id="s1", kind="session", held_on=STARTS, starts_at="09:00",
                 duration_minutes=45)  # fmt: skip
WHOLE_DAY = Booked(entry_id="m0", kind="meeting", held_on=STARTS + timedelta(1), starts_at="",
                   duration_minutes=180)  # fmt: skip


def test_the_hour_is_on_the_event_and_orders_the_days_meetings() -> None:
    events = decide(None, plan())
    later = ScheduleMeeting(meeting_id="b", held_on=STARTS, duration_minutes=60,
                            starts_at=time(13, 0))  # fmt: skip
    earlier = ScheduleMeeting(meeting_id="a", held_on=STARTS, duration_minutes=60,
                              starts_at=time(9, 0))  # fmt: skip
    events += decide(rebuild(events), ScheduleMeetings(meetings=(later,)))
    events += decide(rebuild(events), ScheduleMeetings(meetings=(earlier,)))
    scheduled = [e.starts_at for e in events if isinstance(e, MeetingScheduled)]
    assert scheduled == [time(13, 0), time(9, 0)]
    programme = rebuild(events)
    assert programme is not None
    assert [m.meeting_id for m in programme.meetings] == ["a", "b"]


def test_a_timed_meeting_clashes_with_what_overlaps_it_and_with_a_whole_day() -> None:
    assert clashes([STARTS], [SESSION], time(9, 30), 60) == [SESSION]
    assert clashes([STARTS], [SESSION], time(9, 45), 60) == []  # one ends as the other begins
    assert clashes([STARTS], [SESSION], time(8, 0), 60) == []
    assert clashes([STARTS], [SESSION]) == [SESSION]  # without an hour: the whole day
    assert clashes([WHOLE_DAY.held_on], [WHOLE_DAY], time(18, 0), 30) == [WHOLE_DAY]


def test_a_pattern_at_an_hour_is_refused_whole_when_one_meeting_overlaps() -> None:
    state = rebuild(decide(None, plan()))
    meetings = tuple(
        ScheduleMeeting(
            meeting_id=f"m{w}",
            held_on=STARTS + timedelta(weeks=w),
            duration_minutes=60,
            starts_at=time(9, 15),
        )
        for w in range(2)
    )
    command = ScheduleMeetings(meetings=meetings, booked=(SESSION,))
    assert refusal(lambda: decide(state, command)) == ("clash_meeting_day", "held_on")
    moved = tuple(
        ScheduleMeeting(
            meeting_id=m.meeting_id, held_on=m.held_on, duration_minutes=60, starts_at=time(10, 0)
        )
        for m in meetings
    )
    assert len(decide(state, ScheduleMeetings(meetings=moved, booked=(SESSION,)))) == 2
