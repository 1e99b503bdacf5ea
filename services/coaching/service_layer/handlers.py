"""Every thing a coach can do in coaching, in one table: the handlers the API and the
pages call (service layer). Each lives in the module of its area; this is the index.
"""

from __future__ import annotations

from services.coaching.service_layer.base import Coaching, Done, helsinki_today
from services.coaching.service_layer.groups import (
    complete_course_day,
    course_of,
    enrol_in_course,
    join_programme,
    offer_course,
    plan_programme,
    programme_of,
    schedule_meeting,
    take_attendance,
)
from services.coaching.service_layer.plans import (
    PlanView,
    continue_in_work_coaching,
    in_work_plan_of,
    plan_of,
    record_pre_coaching,
    review_goal,
    set_goal,
    start_in_work_coaching,
)
from services.coaching.service_layer.sessions import (
    book_session,
    cancel_session,
    record_session,
    session_note,
    session_of,
    write_session_note,
)

__all__ = [
    "Coaching",
    "Done",
    "PlanView",
    "book_session",
    "cancel_session",
    "complete_course_day",
    "continue_in_work_coaching",
    "course_of",
    "enrol_in_course",
    "helsinki_today",
    "in_work_plan_of",
    "join_programme",
    "offer_course",
    "plan_of",
    "plan_programme",
    "programme_of",
    "record_pre_coaching",
    "record_session",
    "review_goal",
    "schedule_meeting",
    "session_note",
    "session_of",
    "set_goal",
    "start_in_work_coaching",
    "take_attendance",
    "write_session_note",
]
