"""Tolerant readers of coaching's events about appointments: the wire names, only the
fields the messages to clients need (domain layer).

Never coaching's own classes (services do not import each other); extra payload keys
are ignored on decoding, and enumerations are read as their wire strings, so coaching may
add fields and values freely. Coaching's other event types are skipped.
"""

from __future__ import annotations

from datetime import date, time

from shared.events.contract import EventContracts, event

CancelCode = str
"""Coaching's cancel reason: a code of its vocabulary (``no_show`` …), never words; read
as the wire string so that a value added later does not fail the reader."""


@event("coaching.session_booked", version=1)
class SessionBooked:
    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    starts_at: time
    mode: str


@event("coaching.session_moved", version=1)
class SessionMoved:
    session_id: str
    client_id: str
    project_id: str
    coach_id: str
    held_on: date
    starts_at: time


@event("coaching.session_cancelled", version=1)
class SessionCancelled:
    session_id: str
    client_id: str
    project_id: str
    held_on: date
    reason: CancelCode


@event("coaching.session_held", version=1)
class SessionHeld:
    session_id: str
    client_id: str
    project_id: str


@event("coaching.programme_planned", version=1)
class ProgrammePlanned:
    programme_id: str
    project_id: str
    coach_id: str


@event("coaching.meeting_scheduled", version=1)
class MeetingScheduled:
    programme_id: str
    meeting_id: str
    project_id: str
    held_on: date


@event("coaching.client_joined_programme", version=1)
class ClientJoinedProgramme:
    programme_id: str
    client_id: str
    project_id: str


@event("coaching.attendance_recorded", version=1)
class AttendanceRecorded:
    programme_id: str
    meeting_id: str
    client_id: str
    project_id: str
    held_on: date
    attendance: str
    correction: bool = False


NO_SHOW = "no_show"
"""Coaching's cancel reason of a session the client did not come to."""
ABSENT = "absent"
"""Coaching's attendance of a client absent from a group meeting without notice."""


def coaching_readers() -> EventContracts:
    """The coaching event types the messages act on."""
    return EventContracts().register(
        SessionBooked,
        SessionMoved,
        SessionCancelled,
        SessionHeld,
        ProgrammePlanned,
        MeetingScheduled,
        ClientJoinedProgramme,
        AttendanceRecorded,
    )
