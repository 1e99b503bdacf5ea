"""Labels of the codes coaching's pages show: choices and refusals, marked for gettext.

The English text is the msgid; ``locale/fi.po`` and ``locale/sv.po`` translate it.
"""

from __future__ import annotations

from typing import Final

from shared.web.i18n import N_

Choices = tuple[tuple[str, str], ...]

MODES: Final[Choices] = (
    ("in_person", N_("In person")),
    ("online", N_("Online")),
    ("phone", N_("By phone")),
)
SESSION_KINDS: Final[Choices] = (
    ("personal_coaching", N_("Personal coaching")),
    ("guidance_point_visit", N_("Guidance point visit")),
    ("job_search_help", N_("Job-search help")),
    ("pre_coaching", N_("Pre-coaching")),
    ("follow_up", N_("Follow-up")),
)
TOPICS: Final[Choices] = (
    ("cv", N_("CV")),
    ("job_applications", N_("Job applications")),
    ("interview", N_("Job interview")),
    ("career_planning", N_("Career planning")),
    ("education", N_("Education")),
    ("entrepreneurship", N_("Entrepreneurship")),
    ("digital_skills", N_("Digital skills")),
    ("hidden_jobs", N_("Hidden jobs")),
    ("work_trial", N_("Work trial")),
    ("wellbeing", N_("Wellbeing")),
    ("benefits", N_("Benefits")),
    ("other", N_("Other")),
)
STATUSES: Final[Choices] = (
    ("booked", N_("Booked")),
    ("held", N_("Held")),
    ("cancelled", N_("Cancelled")),
)
CANCEL_REASONS: Final[Choices] = (
    ("cancelled_by_client", N_("Cancelled by the client")),
    ("cancelled_by_coach", N_("Cancelled by the coach")),
    ("no_show", N_("Did not come (no-show)")),
)
PROGRAMME_KINDS: Final[Choices] = (
    ("job_seekers_group", N_("Job-seekers' group (3 weeks)")),
    ("entrepreneurs_group", N_("Entrepreneurs' group")),
    ("job_search_day", N_("Weekly job-search day")),
    ("workshop", N_("Workshop")),
    ("other", N_("Other")),
)
ATTENDANCE: Final[Choices] = (
    ("present", N_("Present")),
    ("absent", N_("Absent")),
    ("excused", N_("Excused")),
)
REPEATS: Final[Choices] = (
    ("once", N_("Once")),
    ("weekly", N_("Weekly, for the number of weeks below")),
    ("three_weeks", N_("Three times a week for three weeks (Mon, Wed, Fri)")),
)
GOAL_AREAS: Final[Choices] = (
    ("employment", N_("Employment")),
    ("job_search", N_("Job search")),
    ("education", N_("Education")),
    ("skills", N_("Skills")),
    ("entrepreneurship", N_("Entrepreneurship")),
    ("wellbeing", N_("Wellbeing")),
    ("work_community", N_("Work community")),
    ("other", N_("Other")),
)
OUTCOMES: Final[Choices] = (
    ("in_progress", N_("In progress")),
    ("achieved", N_("Achieved")),
    ("changed", N_("Changed")),
    ("dropped", N_("Dropped")),
)
LEVELS: Final[Choices] = (
    ("low", N_("Low")),
    ("medium", N_("Medium")),
    ("high", N_("High")),
)
PROGRESS: Final[Choices] = (
    ("on_track", N_("On track")),
    ("needs_support", N_("Needs support")),
    ("off_track", N_("Off track")),
)
DEMONSTRATION_RESULTS: Final[Choices] = (
    ("passed", N_("Passed")),
    ("partly", N_("Partly passed")),
    ("failed", N_("Not passed")),
)
FOLLOW_ONS: Final[Choices] = (
    ("continued_employment", N_("Continues in the job")),
    ("education", N_("Moves on to education or training")),
    ("other", N_("Something else: another plan, or coaching ends")),
)
TASK_KINDS: Final[Choices] = (
    ("own", N_("Own task")),
    ("record_session", N_("Record the session")),
    ("end_status", N_("Find out the situation upon leaving")),
    ("follow_up_4_weeks", N_("Follow-up 4 weeks after leaving")),
    ("follow_up_6_months", N_("Follow-up 6 months after leaving")),
    ("in_work_review", N_("Review the in-work coaching")),
    ("course_stuck", N_("No progress on the online course")),
    ("goal_overdue", N_("Review the goal: its target date has passed")),
)
NOTE_KINDS: Final[Choices] = (
    ("call", N_("Phone call")),
    ("message", N_("Message")),
    ("meeting", N_("Meeting")),
    ("other", N_("Other")),
)

ERRORS: Final[dict[str, str]] = {
    "client_not_active": N_("The client has left the project and cannot be booked."),
    "client_not_found": N_("No such client in this project."),
    "client_required": N_("Choose a client."),
    "invalid_date": N_("Give a date, e.g. 2026-11-23."),
    "invalid_time": N_("Give a time, e.g. 09:30."),
    "invalid_number": N_("Give a whole number."),
    "invalid_choice": N_("Choose one of the options."),
    "invalid_duration": N_("The duration must be between 1 minute and 8 hours."),
    "invalid_topics": N_("Choose at most eight different topics."),
    "booking_in_the_past": N_("A booking cannot be in the past; record it as held instead."),
    "company_not_found": N_("Choose one of the project's companies."),
    "coach_not_allowed": N_("A session is held by you or by the client's own coach."),
    "date_before_project": N_("The date is long before the project began: check the year."),
    "date_too_far_ahead": N_("The date is too far in the future: check the year."),
    "held_in_the_future": N_("A session cannot be recorded as held in the future."),
    "session_already_held": N_("This session has been recorded already."),
    "session_already_cancelled": N_("This session was cancelled."),
    "title_required": N_("Give the programme a title."),
    "municipality_required": N_("Give the municipality."),
    "ends_before_start": N_("The end cannot be before the start."),
    "kind_name_too_long": N_("Give the name in at most 60 characters."),
    "meeting_outside_programme": N_("The meeting must fall within the programme's dates."),
    "already_in_programme": N_("The client is in the programme already."),
    "programme_over": N_("The programme has ended."),
    "meeting_not_held_yet": N_("Attendance can be taken once the meeting has been held."),
    "not_in_programme": N_("Someone on the sheet is not in the programme."),
    "target_before_start": N_("The target date cannot be before today."),
    "goal_closed": N_("This goal has been closed."),
    "new_target_only_when_changed": N_("A new target date is given only for a changed goal."),
    "review_before_goal": N_("The review cannot be before the goal was set."),
    "company_required": N_("Choose the employer."),
    "plan_ended": N_("This in-work coaching has ended."),
    "before_plan_started": N_("The date cannot be before the in-work coaching started."),
    "already_enrolled": N_("The client is on the course already."),
    "not_enrolled": N_("The client is not on the course."),
    "invalid_day": N_("No such day on this course."),
    "days_required": N_("Tick at least one day."),
    "invalid_days": N_("A course lasts from 1 to 100 days."),
    "completed_before_enrolment": N_("A day cannot be done before enrolling."),
    "text_too_long": N_("Write at most 2,000 characters."),
    "confirm_end": N_("Tick the box to confirm that the in-work coaching ends."),
    "task_text_required": N_("Write what is to be done."),
    "task_text_too_long": N_("Write at most 500 characters."),
    "due_in_the_past": N_("The due date cannot be in the past."),
    "task_not_found": N_("This task is no longer open."),
    "task_already_done": N_("This task has been done already."),
    "task_owner_unchanged": N_("The task is already theirs."),
    "task_owner_not_allowed": N_("A task goes to the client's own coach, or to you."),
    "note_required": N_("Write the note."),
    "note_too_long": N_("Write at most 4,000 characters."),
    "noted_in_the_future": N_("A note cannot be dated in the future."),
    "move_unchanged": N_("Give another day, time or length to move the session."),
    "clash_coach": N_("The coach has another session at that time."),
    "clash_client": N_("The client has another session at that time."),
    "clash_meeting_day": N_("The coach already has something booked on a meeting day."),
    "invalid_weeks": N_("Give from 1 to 52 weeks."),
    "three_weeks_on_weekend": N_(
        "The three-week pattern meets on Monday, Wednesday and Friday: start it on a Monday."
    ),
    "session_not_found": N_("No such session in this project."),
    "recipient_required": N_("Give the name of the employer's contact person."),
    "valid_days_invalid": N_("A link is valid from 1 to 60 days."),
    "language_invalid": N_("Choose one of the languages."),
    "link_not_found": N_("No such link on this in-work coaching."),
    "proposal_not_found": N_("This form has been dealt with already."),
    "proposal_settled": N_("This form has been dealt with already."),
    "goal_not_found": N_("No such goal on this in-work coaching."),
    "goals_or_review_required": N_("Assess a goal or propose a new one."),
    "goal_text_required": N_("Write the goal in words."),
    "too_many_goals": N_("Propose at most three goals at a time."),
    "tasks_required": N_("Write which tasks were shown."),
    "scores_required": N_("Assess at least one competence area."),
    "score_out_of_scale": N_("Choose a score from 1 to 5."),
    "demonstration_in_future": N_("The demonstration cannot be dated in the future."),
}
UNKNOWN_ERROR: Final = N_("This could not be saved. Check the form and try again.")

DONE: Final[dict[str, str]] = {
    "booked": N_("The session was booked."),
    "held": N_("The session was recorded."),
    "cancelled": N_("The session was cancelled."),
    "planned": N_("The programme was planned."),
    "scheduled": N_("The meeting was added."),
    "scheduled_many": N_("The meetings were added."),
    "joined": N_("The client was added to the programme."),
    "attendance": N_("Attendance was saved."),
    "goal": N_("The goal was added to the plan."),
    "reviewed": N_("The goal was reviewed."),
    "pre_coaching": N_("The pre-coaching results were saved."),
    "in_work": N_("In-work coaching was saved."),
    "in_work_ended": N_("In-work coaching was ended with its follow-on plan."),
    "course": N_("The course was saved."),
    "task": N_("The task was added."),
    "task_done": N_("The task was marked done."),
    "task_reassigned": N_("The task was handed over."),
    "note": N_("The note was saved."),
    "moved": N_("The session was moved."),
    "feed_revoked": N_("The calendar feed was stopped: its address no longer works."),
    "link_revoked": N_("The link was revoked: it no longer works."),
    "form_confirmed": N_("The employer's form was confirmed and recorded."),
    "form_rejected": N_("The employer's form was rejected: nothing was recorded."),
}
