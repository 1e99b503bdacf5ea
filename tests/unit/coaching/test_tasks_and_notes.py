"""Tasks and case notes of a coach's day: the rules that derive tasks, what was recorded
laid over them, and the decisions on a task and a note (given a state, when a command,
then these events)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from services.coaching.domain import notes, tasks
from services.coaching.domain.day_vocabulary import NoteKind, TaskKind
from services.coaching.domain.events import CaseNoteWritten, TaskCreated, TaskDone, TaskReassigned
from tests.unit.coaching.builders import (
    CLIENT,
    COACH,
    OTHER_PROJECT,
    PROJECT,
    TODAY,
    active,
    exited,
    refusal,
)

LEAVER = tasks.Leaver(client_id=CLIENT, project_id=PROJECT, coach_id=COACH,
                      exited_on=date(2026, 8, 31), status_known=False)  # fmt: skip


def test_a_rule_names_the_same_task_each_time_and_another_subject_another() -> None:
    one = tasks.rule_task_id(TaskKind.RECORD_SESSION, "s-1")
    assert one == tasks.rule_task_id(TaskKind.RECORD_SESSION, "s-1")
    assert one != tasks.rule_task_id(TaskKind.RECORD_SESSION, "s-2")
    assert one != tasks.rule_task_id(TaskKind.IN_WORK_REVIEW, "s-1")
    assert len(one) == 36


def test_an_exit_with_unknown_status_brings_three_tasks_due_at_4_weeks_and_6_months() -> None:
    due = {t.kind: t.due_on for t in tasks.after_exit(LEAVER)}
    assert due == {
        TaskKind.END_STATUS: date(2026, 9, 28),
        TaskKind.FOLLOW_UP_4_WEEKS: date(2026, 9, 28),
        TaskKind.FOLLOW_UP_6_MONTHS: date(2027, 2, 28),  # February has no 31st
    }


def test_what_intake_recorded_after_the_exit_closes_its_tasks() -> None:
    known = dataclasses.replace(LEAVER, status_known=True)
    assert {t.kind for t in tasks.after_exit(known)} == {
        TaskKind.FOLLOW_UP_4_WEEKS, TaskKind.FOLLOW_UP_6_MONTHS,
    }  # fmt: skip
    checked = dataclasses.replace(known, upon_leaving_recorded=True)
    assert [t.kind for t in tasks.after_exit(checked)] == [TaskKind.FOLLOW_UP_6_MONTHS]
    done = dataclasses.replace(checked, followed_up_on=date(2027, 3, 1))
    assert tasks.after_exit(done) == []


def test_months_after_keeps_the_day_or_takes_the_months_last() -> None:
    assert tasks.months_after(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert tasks.months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert tasks.months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert tasks.months_after(date(2026, 12, 1), 6) == date(2027, 6, 1)


def test_in_work_review_is_due_four_weeks_after_the_last_and_a_course_after_two_idle() -> None:
    review = tasks.in_work_review("plan-1", CLIENT, PROJECT, COACH, date(2026, 11, 1))
    assert review.due_on == date(2026, 11, 29) and review.subject_id == "plan-1"
    later = tasks.in_work_review("plan-1", CLIENT, PROJECT, COACH, date(2026, 11, 20))
    assert later.task_id != review.task_id
    assert (
        tasks.stuck_on_course("c-1", CLIENT, PROJECT, COACH, TODAY - timedelta(13), TODAY) is None
    )
    stuck = tasks.stuck_on_course("c-1", CLIENT, PROJECT, COACH, TODAY - timedelta(14), TODAY)
    assert stuck is not None and stuck.due_on == TODAY


def test_outstanding_lays_what_was_recorded_over_the_rules_and_puts_the_overdue_first() -> None:
    late = tasks.unrecorded_session("s-1", CLIENT, PROJECT, COACH, TODAY - timedelta(3))
    handed = tasks.unrecorded_session("s-2", CLIENT, PROJECT, COACH, TODAY - timedelta(1))
    gone = tasks.unrecorded_session("s-3", CLIENT, PROJECT, COACH, TODAY - timedelta(5))
    own = tasks.Task(task_id="own-1", client_id=CLIENT, project_id=PROJECT, owner_id=COACH,
                     kind=TaskKind.OWN, due_on=TODAY + timedelta(2))  # fmt: skip
    recorded = {
        handed.task_id: dataclasses.replace(handed, owner_id="coach-2"),
        gone.task_id: dataclasses.replace(gone, done_on=TODAY),
        own.task_id: own,
    }
    found = tasks.outstanding([handed, gone, late], recorded)
    assert [t.task_id for t in found] == [late.task_id, handed.task_id, own.task_id]
    assert [t.owner_id for t in found] == [COACH, "coach-2", COACH]
    mine = tasks.outstanding([handed, gone, late], recorded, owner_id=COACH)
    assert [t.task_id for t in mine] == [late.task_id, own.task_id]
    assert late.overdue(TODAY) and not own.overdue(TODAY)


def create(**changes: object) -> tasks.CreateTask:
    base = tasks.CreateTask(task_id="t-1", client_id=CLIENT, project_id=PROJECT, owner_id=COACH,
                            due_on=TODAY + timedelta(1), text="Soita", today=TODAY)  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_coach_writes_her_own_task_for_an_active_client_of_the_project() -> None:
    [event] = tasks.decide(None, create(), active())
    assert event == TaskCreated(task_id="t-1", client_id=CLIENT, project_id=PROJECT,
                                owner_id=COACH, kind=TaskKind.OWN, due_on=TODAY + timedelta(1),
                                created_on=TODAY)  # fmt: skip
    assert "Soita" not in repr(event)
    assert refusal(lambda: tasks.decide(None, create(text="  "), active())) == (
        "task_text_required", "task",
    )  # fmt: skip
    assert refusal(lambda: tasks.decide(None, create(text="x" * 501), active()))[0] == (
        "task_text_too_long"
    )
    assert refusal(lambda: tasks.decide(None, create(due_on=TODAY - timedelta(1)), active())) == (
        "due_in_the_past", "due_on",
    )  # fmt: skip
    assert refusal(lambda: tasks.decide(None, create(due_on=date(2099, 1, 1)), active()))[0] == (
        "date_too_far_ahead"
    )
    assert refusal(lambda: tasks.decide(None, create(), exited()))[0] == "client_not_active"
    other = active(project_id=OTHER_PROJECT)
    assert refusal(lambda: tasks.decide(None, create(), other))[0] == "client_not_found"


def test_a_task_is_done_once_and_handed_only_to_someone_allowed() -> None:
    task = tasks.unrecorded_session("s-1", CLIENT, PROJECT, COACH, TODAY - timedelta(2))
    [done] = tasks.decide(None, tasks.CompleteTask(task=task, today=TODAY), None)
    assert isinstance(done, TaskDone) and done.kind is TaskKind.RECORD_SESSION
    state = tasks.rebuild([done])
    assert state is not None and not state.is_open
    again = tasks.CompleteTask(task=task, today=TODAY)
    assert refusal(lambda: tasks.decide(state, again, None))[0] == "task_already_done"

    def hand(owner: str) -> tasks.ReassignTask:
        return tasks.ReassignTask(task=task, owner_id=owner, allowed=frozenset({COACH, "me"}),
                                  today=TODAY)  # fmt: skip

    [moved] = tasks.decide(None, hand("me"), None)
    assert isinstance(moved, TaskReassigned)
    assert (moved.owner_id, moved.previous_owner_id) == ("me", COACH)
    assert tasks.rebuild([moved]) == dataclasses.replace(task, owner_id="me", subject_id="")
    assert refusal(lambda: tasks.decide(None, hand(COACH), None))[0] == "task_owner_unchanged"
    assert refusal(lambda: tasks.decide(None, hand("coach-9"), None))[0] == (
        "task_owner_not_allowed"
    )


def write(**changes: object) -> notes.WriteCaseNote:
    base = notes.WriteCaseNote(note_id="n-1", client_id=CLIENT, project_id=PROJECT,
                               author_id=COACH, kind=NoteKind.CALL, noted_on=TODAY,
                               text="Soitettu", today=TODAY)  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_note_carries_its_kind_and_day_in_the_event_and_its_words_nowhere() -> None:
    [event] = notes.decide(None, write(), exited())  # a leaver's follow-up call is contact
    assert event == CaseNoteWritten(
        note_id="n-1", client_id=CLIENT, project_id=PROJECT, author_id=COACH,
        kind=NoteKind.CALL, noted_on=TODAY,
    )  # fmt: skip
    assert notes.evolve(None, event).kind is NoteKind.CALL
    assert refusal(lambda: notes.decide(None, write(text=""), active())) == (
        "note_required",
        "note",
    )
    assert refusal(lambda: notes.decide(None, write(text="x" * 4001), active()))[0] == (
        "note_too_long"
    )
    tomorrow = write(noted_on=TODAY + timedelta(1))
    assert refusal(lambda: notes.decide(None, tomorrow, active())) == (
        "noted_in_the_future", "noted_on",
    )  # fmt: skip
    other = active(project_id=OTHER_PROJECT)
    assert refusal(lambda: notes.decide(None, write(), other))[0] == "client_not_found"
    state = notes.evolve(None, event)
    assert refusal(lambda: notes.decide(state, write(), active()))[0] == "note_exists"


def test_an_open_goal_past_its_target_date_is_due_and_a_new_target_is_a_new_task() -> None:
    target = TODAY - timedelta(1)
    assert tasks.goal_overdue("g-1", CLIENT, PROJECT, COACH, TODAY, TODAY) is None
    overdue = tasks.goal_overdue("g-1", CLIENT, PROJECT, COACH, target, TODAY)
    assert overdue is not None and overdue.kind is TaskKind.GOAL_OVERDUE
    assert overdue.due_on == target and overdue.overdue(TODAY)
    moved = tasks.goal_overdue("g-1", CLIENT, PROJECT, COACH, target - timedelta(9), TODAY)
    assert moved is not None and moved.task_id != overdue.task_id
