"""Every thing a coach can do in coaching, in one table: the command each handler takes
(service layer). Each handler lives in the module of its area; the bus finds it here.
"""

from __future__ import annotations

from collections.abc import Callable

from services.coaching.domain import commands as c
from services.coaching.service_layer import employer_forms, groups, plans, sessions, work_day
from services.coaching.service_layer.session_import import import_sessions
from shared.messagebus import Accepted

COMMAND_HANDLERS: dict[type, Callable[..., Accepted]] = {
    c.BookSession: sessions.book_session,
    c.RecordSession: sessions.record_session,
    c.CancelSession: sessions.cancel_session,
    c.WriteSessionNote: sessions.write_session_note,
    c.PlanProgramme: groups.plan_programme,
    c.ScheduleMeeting: groups.schedule_meeting,
    c.JoinProgramme: groups.join_programme,
    c.TakeAttendance: groups.take_attendance,
    c.OfferCourse: groups.offer_course,
    c.EnrolInCourse: groups.enrol_in_course,
    c.CompleteCourseDay: groups.complete_course_day,
    c.CompleteCourseDays: groups.complete_course_days,
    c.SetGoal: plans.set_goal,
    c.ReviewGoal: plans.review_goal,
    c.RecordPreCoaching: plans.record_pre_coaching,
    c.StartInWorkCoaching: plans.start_in_work_coaching,
    c.ContinueInWorkCoaching: plans.continue_in_work_coaching,
    c.AddTask: work_day.add_task,
    c.CompleteTask: work_day.complete_task,
    c.ReassignTask: work_day.reassign_task,
    c.WriteCaseNote: work_day.write_case_note,
    c.IssueCalendarFeed: work_day.issue_calendar_feed,
    c.RevokeCalendarFeed: work_day.revoke_calendar_feed,
    c.MoveSession: work_day.move_session,
    c.IssueEmployerLink: employer_forms.issue_employer_link,
    c.RevokeEmployerLink: employer_forms.revoke_employer_link,
    c.SendEmployerForm: employer_forms.send_employer_form,
    c.ConfirmEmployerForm: employer_forms.confirm_employer_form,
    c.RejectEmployerForm: employer_forms.reject_employer_form,
    c.ImportSessions: import_sessions,
}
