"""Tolerant readers of intake's exits and what follows them, for the tasks after an exit
(the status upon leaving, the 4-week and the 6-month follow-up).

Only the fields coaching needs, by wire name; intake's statuses are read as plain codes
(coaching decides nothing by them but whether the status is still unknown).
"""

from __future__ import annotations

from datetime import date

from services.coaching.domain.upstream import LATER_INTAKE_EVENTS
from shared.events.contract import EventContracts, event

UNKNOWN_STATUS = "unknown"


@event("intake.client_exited", version=1)
class LeaverExited:
    client_id: str
    exited_on: date
    exit_status: str = UNKNOWN_STATUS


@event("intake.client_re_entered", version=1)
class LeaverReEntered:
    client_id: str
    re_entered_on: date


@event("intake.status_upon_leaving_recorded", version=1)
class LeaverStatusRecorded:
    client_id: str
    exited_on: date
    exit_status: str


@event("intake.follow_up_recorded", version=1)
class LeaverFollowedUp:
    client_id: str
    exited_on: date
    due_on: date
    checked_on: date


READ = ("intake.status_upon_leaving_recorded", "intake.follow_up_recorded")


def leaver_readers() -> EventContracts:
    """The intake events about leavers; the others are skipped quietly."""
    return (
        EventContracts()
        .register(LeaverExited, LeaverReEntered, LeaverStatusRecorded, LeaverFollowedUp)
        .ignore(
            "intake.client_enrolled",
            "intake.start_data_corrected",
            "intake.coach_assigned",
            "intake.target_group_rule_overridden",
            "intake.project_registered",
            "intake.project_plan_changed",
            *(name for name in LATER_INTAKE_EVENTS if name not in READ),
        )
    )
