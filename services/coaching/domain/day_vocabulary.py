"""The closed vocabularies of a coach's working day: the kinds of task and of case note.

Values are the wire values of the events. What a task or a note says in words is free text
and stays in coaching's private store; only these kinds travel.
"""

from __future__ import annotations

from enum import Enum


class TaskKind(Enum):
    """Why a task exists: a coach's own, or one of the rules coaching derives tasks by."""

    OWN = "own"
    """Written by a coach for herself; its text is private to coaching."""
    RECORD_SESSION = "record_session"
    """A booked session whose day has passed and that is neither recorded nor cancelled."""
    END_STATUS = "end_status"
    """A leaver whose status upon leaving is still unknown: due 4 weeks after the exit."""
    FOLLOW_UP_4_WEEKS = "follow_up_4_weeks"
    FOLLOW_UP_6_MONTHS = "follow_up_6_months"
    IN_WORK_REVIEW = "in_work_review"
    """In-work coaching going on without a progress review for four weeks."""
    COURSE_STUCK = "course_stuck"
    """An online-course participant with no day done for two weeks."""
    GOAL_OVERDUE = "goal_overdue"
    """A goal of the client's plan still open after its target date."""


class NoteKind(Enum):
    """What a free-standing case note records: contact outside a session."""

    CALL = "call"
    MESSAGE = "message"
    MEETING = "meeting"
    OTHER = "other"
