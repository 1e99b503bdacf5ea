"""The group Programme aggregate: its meetings, its members and their attendance.

One stream per programme. Attendance is taken for a whole meeting at once (one sheet, a
row per member); only the marks that differ from what is recorded become events, so
saving the same sheet twice records nothing new and a changed mark is a correction.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from functools import reduce

from services.coaching.domain.clients import ClientStanding, require_active
from services.coaching.domain.errors import DomainError, require_new
from services.coaching.domain.events import (
    AttendanceRecorded,
    ClientJoinedProgramme,
    MeetingScheduled,
    ProgrammeEvent,
    ProgrammeOutline,
    ProgrammePlanned,
)
from services.coaching.domain.shapes import like
from services.coaching.domain.turns import in_turn
from services.coaching.domain.vocabulary import Attendance

MAX_MEETING_MINUTES = 10 * 60
MAX_TITLE = 120
MAX_KIND_NAME = 60
"""A programme kind's own name is a short name, such as DuuniKaverit, not a description."""
MAX_WEEKS = 52
"""Weekly meetings are scheduled for a year at most: a programme is planned, not endless."""
THREE_WEEK_DAYS = (0, 2, 4)
"""The three-week group pattern (DuuniKaverit) meets three times a week for three weeks:
on the first day and two and four days later, so a Monday start gives Monday, Wednesday
and Friday."""


class Repeat(enum.Enum):
    """How the meetings of one scheduling repeat."""

    ONCE = "once"
    WEEKLY = "weekly"
    """The same weekday for a number of weeks (e.g. a weekly job-search day)."""
    THREE_WEEKS = "three_weeks"
    """Three meetings a week for three weeks (``THREE_WEEK_DAYS``)."""


def meeting_days(first: date, repeat: Repeat, weeks: int = 1) -> list[date]:
    """The days of the meetings one scheduling creates, from the first meeting's day."""
    if repeat is Repeat.ONCE:
        return [first]
    if repeat is Repeat.WEEKLY:
        if not 1 <= weeks <= MAX_WEEKS:
            raise DomainError("invalid_weeks", "weeks")
        return [first + timedelta(weeks=w) for w in range(weeks)]
    days = [first + timedelta(weeks=w, days=d) for w in range(3) for d in THREE_WEEK_DAYS]
    if any(day.weekday() >= 5 for day in days):
        raise DomainError("three_weeks_on_weekend", "held_on")
    return days


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PlanProgramme(ProgrammeOutline):
    kind_name: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ScheduleMeeting:
    meeting_id: str
    held_on: date
    duration_minutes: int
    starts_at: time | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Booked:
    """Something the programme's coach already has on a day: a session that is not
    cancelled, or a group meeting (``starts_at`` empty: a meeting with a day, no hour)."""

    entry_id: str
    kind: str
    """``session`` or ``meeting``."""
    held_on: date
    starts_at: str
    duration_minutes: int = 0


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ScheduleMeetings:
    """Several meetings at once (a repeating pattern), each its own ``MeetingScheduled``.

    A meeting without an hour clashes with anything the coach already has on its day; one
    with an hour only with what overlaps it, or with a whole-day meeting (``booked``, read
    by the service layer just before deciding; left empty for a single meeting without an
    hour, whose one day the coach chose herself).
    """

    meetings: tuple[ScheduleMeeting, ...]
    booked: tuple[Booked, ...] = ()


def clashes(
    days: Iterable[date],
    booked: Iterable[Booked],
    starts_at: time | None = None,
    minutes: int = 0,
) -> list[Booked]:
    """What the coach already has on any of ``days``, in calendar order: everything on the
    day for a meeting without an hour (``starts_at`` ``None``); for a timed one, what
    overlaps ``starts_at`` for ``minutes`` (one ending as the next begins does not), and
    any whole-day meeting."""
    wanted = set(days)
    found = [b for b in booked if b.held_on in wanted and _overlaps(b, starts_at, minutes)]
    return sorted(found, key=lambda b: (b.held_on, b.starts_at, b.entry_id))


def _overlaps(booked: Booked, starts_at: time | None, minutes: int) -> bool:
    """Whether a meeting at ``starts_at`` for ``minutes`` overlaps ``booked`` (one without
    an hour, on either side, takes the whole day)."""
    if starts_at is None or not booked.starts_at:
        return True
    day = booked.held_on
    start = datetime.combine(day, starts_at)
    end = start + timedelta(minutes=minutes)
    other = datetime.combine(day, time.fromisoformat(booked.starts_at))
    return start < other + timedelta(minutes=booked.duration_minutes) and other < end


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class JoinProgramme:
    client_id: str
    joined_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TakeAttendance:
    """The attendance sheet of one meeting: a mark for each listed member."""

    meeting_id: str
    marks: Mapping[str, Attendance]
    today: date


ProgrammeCommand = (
    PlanProgramme | ScheduleMeeting | ScheduleMeetings | JoinProgramme | TakeAttendance
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Meeting:
    meeting_id: str
    held_on: date
    duration_minutes: int
    starts_at: time | None = None
    """``None``: a day without an hour."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Programme(ProgrammeOutline):
    """A programme as its events have left it: its outline, meetings, members and marks."""

    meetings: tuple[Meeting, ...] = ()
    members: Mapping[str, date] = dataclasses.field(default_factory=dict)
    """Client id → the day they joined, in joining order."""
    attendance: Mapping[tuple[str, str], Attendance] = dataclasses.field(default_factory=dict)
    """(meeting id, client id) → the latest mark."""

    def meeting(self, meeting_id: str) -> Meeting | None:
        return next((m for m in self.meetings if m.meeting_id == meeting_id), None)

    def members_at(self, meeting: Meeting) -> list[str]:
        """Who belongs on the meeting's sheet: everyone who had joined by that day."""
        return [c for c, joined in self.members.items() if joined <= meeting.held_on]

    def marked_at(self, meeting: Meeting) -> int:
        """How many on the meeting's sheet have a mark: 4 of 12 is not attendance taken."""
        on_sheet = self.members_at(meeting)
        return sum((meeting.meeting_id, client) in self.attendance for client in on_sheet)

    def previous_sheet(self, meeting: Meeting) -> tuple[Meeting, dict[str, Attendance]] | None:
        """The latest earlier meeting with attendance taken, and its marks: what "copy
        last meeting" pre-fills a sheet from (most of a group comes every time)."""
        earlier = [m for m in self.meetings if m.held_on < meeting.held_on]
        for before in reversed(earlier):
            marks = {c: a for (m, c), a in self.attendance.items() if m == before.meeting_id}
            if marks:
                return before, marks
        return None

    def attendance_rate(self) -> float | None:
        """Present marks over all marks; ``None`` before any attendance is taken."""
        marks = list(self.attendance.values())
        if not marks:
            return None
        return sum(mark is Attendance.PRESENT for mark in marks) / len(marks)

    def no_shows(self) -> dict[str, int]:
        """Client id → meetings missed without notice (absent, not excused)."""
        counts: dict[str, int] = {}
        for (_meeting, client), mark in self.attendance.items():
            if mark is Attendance.ABSENT:
                counts[client] = counts.get(client, 0) + 1
        return counts


def decide(
    state: Programme | None,
    command: ProgrammeCommand,
    client: ClientStanding | None = None,
) -> list[ProgrammeEvent]:
    """``client`` is the joining client's standing, needed by ``JoinProgramme`` only."""
    if isinstance(command, PlanProgramme):
        return _plan(state, command)
    if state is None:
        raise DomainError("programme_not_found", "programme_id")
    match command:
        case ScheduleMeeting():
            return _schedule(state, command)
        case ScheduleMeetings():
            return _schedule_all(state, command)
        case JoinProgramme():
            return _join(state, command, client)
        case TakeAttendance():
            return _take_attendance(state, command)


def _plan(state: Programme | None, command: PlanProgramme) -> list[ProgrammeEvent]:
    require_new(state, "programme_exists", "programme_id")
    title = command.title.strip()
    if not title or len(title) > MAX_TITLE:
        raise DomainError("title_required", "title")
    if not command.municipality.strip():
        raise DomainError("municipality_required", "municipality")
    if command.ends_on < command.starts_on:
        raise DomainError("ends_before_start", "ends_on")
    kind_name = " ".join((command.kind_name or "").split()) or None
    if kind_name is not None and len(kind_name) > MAX_KIND_NAME:
        raise DomainError("kind_name_too_long", "kind_name")
    municipality = command.municipality.strip()
    return [
        like(ProgrammePlanned, command, title=title, municipality=municipality, kind_name=kind_name)
    ]


def _of(state: Programme) -> dict[str, str]:
    """What every later event of a programme says of it: the programme and its project."""
    return {"programme_id": state.programme_id, "project_id": state.project_id}


def _schedule(state: Programme, command: ScheduleMeeting) -> list[ProgrammeEvent]:
    if state.meeting(command.meeting_id) is not None:
        raise DomainError("meeting_exists", "meeting_id")
    if not state.starts_on <= command.held_on <= state.ends_on:
        raise DomainError("meeting_outside_programme", "held_on")
    if not 1 <= command.duration_minutes <= MAX_MEETING_MINUTES:
        raise DomainError("invalid_duration", "duration_minutes")
    return [like(MeetingScheduled, command, **_of(state))]


def _schedule_all(state: Programme, command: ScheduleMeetings) -> list[ProgrammeEvent]:
    """All the meetings or none: each checked as if the ones before it were scheduled."""
    for meeting in command.meetings:
        found = clashes(
            [meeting.held_on], command.booked, meeting.starts_at, meeting.duration_minutes
        )
        if found:
            raise DomainError("clash_meeting_day", "held_on")
    return in_turn(state, command.meetings, _schedule, evolve)


def _join(
    state: Programme, command: JoinProgramme, client: ClientStanding | None
) -> list[ProgrammeEvent]:
    require_active(client, state.project_id)
    if command.client_id in state.members:
        raise DomainError("already_in_programme", "client_id")
    if command.joined_on > state.ends_on:
        raise DomainError("programme_over", "joined_on")
    return [like(ClientJoinedProgramme, command, **_of(state))]


def _take_attendance(state: Programme, command: TakeAttendance) -> list[ProgrammeEvent]:
    meeting = state.meeting(command.meeting_id)
    if meeting is None:
        raise DomainError("meeting_not_found", "meeting_id")
    if meeting.held_on > command.today:
        raise DomainError("meeting_not_held_yet", "meeting_id")
    on_sheet = set(state.members_at(meeting))
    strangers = sorted(set(command.marks) - on_sheet)
    if strangers:
        raise DomainError("not_in_programme", "marks")
    events: list[ProgrammeEvent] = []
    for client_id in state.members_at(meeting):  # joining order: a stable event order
        mark = command.marks.get(client_id)
        before = state.attendance.get((meeting.meeting_id, client_id))
        if mark is None or mark is before:
            continue
        events.append(
            like(
                AttendanceRecorded, meeting, client_id=client_id, attendance=mark,
                correction=before is not None, **_of(state),
            )
        )  # fmt: skip
    return events


def evolve(state: Programme | None, event: ProgrammeEvent) -> Programme:
    if isinstance(event, ProgrammePlanned):
        return like(Programme, event)
    if state is None:
        raise ValueError(f"{type(event).__name__} before ProgrammePlanned")
    match event:
        case MeetingScheduled():
            meetings = sorted((*state.meetings, like(Meeting, event)), key=_meeting_order)
            return dataclasses.replace(state, meetings=tuple(meetings))
        case ClientJoinedProgramme():
            return dataclasses.replace(
                state, members={**state.members, event.client_id: event.joined_on}
            )
        case AttendanceRecorded():
            key = (event.meeting_id, event.client_id)
            return dataclasses.replace(
                state, attendance={**state.attendance, key: event.attendance}
            )


def _meeting_order(meeting: Meeting) -> tuple[date, time]:
    """By day, then by hour (a meeting without one first, as a whole-day event is)."""
    return meeting.held_on, meeting.starts_at or time.min


def rebuild(events: Iterable[ProgrammeEvent]) -> Programme | None:
    state: Programme | None = None
    return reduce(evolve, events, state)
