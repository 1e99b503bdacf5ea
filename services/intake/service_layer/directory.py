"""What the client list, search, timeline and project pages read (service layer port)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any, Literal, Protocol


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectRow:
    project_id: str
    name: str
    plan: dict[str, Any]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientRow:
    client_id: str
    coach_id: str
    municipality: str
    status: Literal["active", "exited"]
    entered_on: date
    exited_on: date | None
    exit_status: str | None
    participations: int
    first_name: str
    last_name: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TimelineEntry:
    """One event about a client, with the day (and time) the thing itself happened."""

    event_id: str
    source: str
    event_type: str
    occurred_at: datetime
    """When the event was recorded."""
    actor: str
    payload: dict[str, Any]
    happened_on: date
    """When it happened: the session's day, the exit date… (``business_moment``)."""
    happened_at: time | None = None
    """The time of day, where the event has one (a session's start)."""


BUSINESS_DATES: dict[str, str] = {
    "intake.client_enrolled": "entered_on",
    "intake.client_re_entered": "re_entered_on",
    "intake.client_exited": "exited_on",
    "intake.follow_up_recorded": "checked_on",
    "coaching.session_booked": "held_on",
    "coaching.session_held": "held_on",
    "coaching.session_cancelled": "held_on",
    "coaching.client_joined_programme": "joined_on",
    "coaching.attendance_recorded": "held_on",
    "coaching.course_enrolled": "enrolled_on",
    "coaching.course_day_completed": "completed_on",
    "coaching.course_completed": "completed_on",
    "coaching.goal_set": "set_on",
    "coaching.goal_reviewed": "reviewed_on",
    "coaching.pre_coaching_completed": "completed_on",
    "coaching.in_work_coaching_started": "started_on",
    "coaching.in_work_goal_agreed": "agreed_on",
    "coaching.in_work_progress_reviewed": "reviewed_on",
    "coaching.work_demonstration_recorded": "held_on",
    "coaching.in_work_coaching_ended": "ended_on",
    "matching.job_profile_updated": "updated_on",
    "matching.client_referred": "referred_on",
    "matching.referral_answered": "answered_on",
    "matching.placement_started": "starts_on",
}
"""The payload field that holds the day an event's fact happened, by wire name. An event
not named here dates itself by its first ``…_on`` field; one without any (a correction,
a change of coach) happened when it was recorded."""


def business_moment(
    event_type: str, payload: Mapping[str, Any], recorded_at: datetime, zone: tzinfo
) -> tuple[date, time | None]:
    """The day and time (if any) an event's fact happened, in the region's time ``zone``.

    A coach records a session held last week, an exit a month late: the timeline is in
    the order things happened, not in the order they were typed in.
    """
    key = BUSINESS_DATES.get(event_type) or next(
        (k for k in payload if k.endswith("_on") and payload[k]), None
    )
    day = _day(payload.get(key)) if key else None
    if day is None:
        local = recorded_at.astimezone(zone)
        return local.date(), local.time().replace(microsecond=0)
    return day, _clock(payload.get("starts_at"))


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _clock(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


SORT_KEYS: tuple[str, ...] = ("name", "status", "coach", "municipality", "entered")
"""The columns a client list may be sorted by; the name breaks every tie."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientSearch:
    """What the client list asks for: words of the name, filters, order, and which page."""

    text: str = ""
    status: str | None = None
    coach_id: str | None = None
    municipality: str | None = None
    limit: int = 50
    offset: int = 0
    sort: str = "name"
    """One of ``SORT_KEYS``."""
    descending: bool = False
    coach_order: tuple[str, ...] = ()
    """Coach ids in the order their names sort in, for ``sort="coach"``: names live
    with the accounts, not in the directory."""


class Directory(Protocol):
    def projects(self, project_ids: Sequence[str] | None = None) -> list[ProjectRow]: ...

    def search(self, project_id: str, query: ClientSearch) -> tuple[list[ClientRow], int]:
        """The page of the project's clients that match, and how many match in all."""

    def municipalities(self, project_id: str) -> list[str]: ...

    def timeline(self, project_id: str, client_id: str) -> list[TimelineEntry]:
        """Every service's events about the client, in the order their facts happened."""

    def restricted(self, project_id: str) -> set[str]:
        """The project's clients whose processing is restricted now (one read for a list)."""
        ...
