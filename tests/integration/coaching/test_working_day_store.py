"""On SQLite and PostgreSQL: the leavers follow intake (what it records after an exit
closes its tasks, a re-entry clears them), a coach's open tasks are derived from coaching's
read models with what was recorded laid over them, and a replay changes nothing."""

from __future__ import annotations

from datetime import date, time, timedelta

from services.coaching.adapters.clients import client_projection
from services.coaching.adapters.day_store import (
    SqlWorkDay,
    leaver_projection,
    work_day_projection,
)
from services.coaching.adapters.tables import coaching_metadata
from services.coaching.adapters.views import own_projection
from services.coaching.domain.day_vocabulary import TaskKind
from services.coaching.domain.events import (
    CourseEnrolled,
    GoalReviewed,
    GoalSet,
    InWorkCoachingStarted,
    InWorkProgressReviewed,
    SessionBooked,
    TaskDone,
)
from services.coaching.domain.tasks import rule_task_id
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Mode, Progress, SessionKind
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog
from shared.events.envelope import Context, NewEvent
from shared.ids import uuid7_str
from tests.integration.coaching.test_projections import PROJECT, TODAY, apply, intake_event

COACH = "coach-1"


def own(log: SqlEventLog, stream: str, event: object) -> None:
    log.append(stream, [NewEvent.of(event, Context(project_id=PROJECT, actor=COACH))], ANY)


def kinds(board: SqlWorkDay, **which: str) -> list[tuple[TaskKind, date]]:
    return [(t.kind, t.due_on) for t in board.open_tasks(PROJECT, TODAY, **which)]


def test_tasks_follow_intake_and_coachings_own_log_and_a_replay_changes_nothing(
    databases: tuple[Database, Database],
) -> None:
    intake_db, coaching_db = databases
    intake = SqlEventLog(intake_db, "intake").create()
    coaching_db.create(coaching_metadata)
    log = SqlEventLog(coaching_db, "coaching").create()
    left, working, learning = uuid7_str(), uuid7_str(), uuid7_str()
    for client in (left, working, learning):
        intake_event(intake, "intake.client_enrolled", client, project_id=PROJECT,
                     coach_id=COACH, entered_on="2026-06-01")  # fmt: skip
    exited_on = TODAY - timedelta(30)
    intake_event(intake, "intake.client_exited", left, exited_on=exited_on.isoformat(),
                 exit_status="unknown")  # fmt: skip

    session = uuid7_str()
    own(log, f"session-{session}", SessionBooked(
        session_id=session, client_id=working, project_id=PROJECT, coach_id=COACH,
        held_on=TODAY - timedelta(1), starts_at=time(9), duration_minutes=30,
        mode=Mode.PHONE, kind=SessionKind.FOLLOW_UP,
    ))  # fmt: skip
    plan = uuid7_str()
    own(log, f"in-work-{plan}", InWorkCoachingStarted(
        plan_id=plan, client_id=working, company_id=uuid7_str(), project_id=PROJECT,
        coach_id=COACH, started_on=TODAY - timedelta(40),
    ))  # fmt: skip
    own(log, f"in-work-{plan}", InWorkProgressReviewed(
        plan_id=plan, client_id=working, project_id=PROJECT, reviewed_on=TODAY - timedelta(10),
        progress=Progress.ON_TRACK,
    ))  # fmt: skip
    own(log, f"course-{uuid7_str()}", CourseEnrolled(
        course_id="c-1", client_id=learning, project_id=PROJECT, days=10,
        enrolled_on=TODAY - timedelta(20),
    ))  # fmt: skip

    late, kept = uuid7_str(), uuid7_str()
    for goal in (late, kept):
        own(log, f"plan-{learning}", GoalSet(
            goal_id=goal, client_id=learning, project_id=PROJECT, area=GoalArea.EMPLOYMENT,
            target_date=TODAY - timedelta(3), set_on=TODAY - timedelta(60),
        ))  # fmt: skip
    own(log, f"plan-{learning}", GoalReviewed(
        goal_id=kept, client_id=learning, project_id=PROJECT, reviewed_on=TODAY - timedelta(2),
        outcome=GoalOutcome.ACHIEVED, target_date=TODAY - timedelta(3),
    ))  # fmt: skip

    def catch_up(suffix: str) -> None:
        apply(intake, coaching_db, client_projection(), f"clients{suffix}")
        apply(intake, coaching_db, leaver_projection(), f"leavers{suffix}")
        apply(log, coaching_db, own_projection(), f"views{suffix}")
        apply(log, coaching_db, work_day_projection(), f"day{suffix}")

    catch_up("")
    board = SqlWorkDay(coaching_db)
    four_weeks = exited_on + timedelta(28)
    assert kinds(board, client_id=left) == [
        (TaskKind.END_STATUS, four_weeks),
        (TaskKind.FOLLOW_UP_4_WEEKS, four_weeks),
        (TaskKind.FOLLOW_UP_6_MONTHS, date(2027, 4, 24)),
    ]
    assert kinds(board, client_id=working) == [
        (TaskKind.RECORD_SESSION, TODAY - timedelta(1)),
        (TaskKind.IN_WORK_REVIEW, TODAY + timedelta(18)),  # four weeks after the review
    ]
    assert kinds(board, client_id=learning) == [
        (TaskKind.COURSE_STUCK, TODAY - timedelta(6)),
        (TaskKind.GOAL_OVERDUE, TODAY - timedelta(3)),  # the achieved one is closed
    ]
    assert len(board.open_tasks(PROJECT, TODAY, owner_id=COACH)) == 7
    assert board.open_tasks(PROJECT, TODAY, owner_id="coach-2") == []
    assert board.open_tasks("another", TODAY) == []

    intake_event(intake, "intake.status_upon_leaving_recorded", left,
                 exited_on=exited_on.isoformat(), exit_status="employed",
                 previous_status="unknown", source="client")  # fmt: skip
    done = rule_task_id(TaskKind.RECORD_SESSION, session)
    own(log, f"task-{done}", TaskDone(
        task_id=done, client_id=working, project_id=PROJECT, owner_id=COACH,
        kind=TaskKind.RECORD_SESSION, due_on=TODAY - timedelta(1), done_on=TODAY,
    ))  # fmt: skip
    catch_up("")
    assert kinds(board, client_id=left) == [(TaskKind.FOLLOW_UP_6_MONTHS, date(2027, 4, 24))]
    assert [k for k, _ in kinds(board, client_id=working)] == [TaskKind.IN_WORK_REVIEW]

    catch_up("-again")  # a replay from the start changes nothing
    assert len(board.open_tasks(PROJECT, TODAY, owner_id=COACH)) == 4
    intake_event(intake, "intake.client_re_entered", left, project_id=PROJECT,
                 re_entered_on=TODAY.isoformat())  # fmt: skip
    catch_up("")
    assert kinds(board, client_id=left) == []
