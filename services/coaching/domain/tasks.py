"""Tasks of a coach's working day (domain): her own, and those coaching derives by rule.

A coach writes her own task (``TaskKind.OWN``) on a client, with a due date; its words are
private text. The other kinds are derived from what coaching already knows (a booked
session whose day has passed, a client's exit, in-work coaching without a review, a course
participant standing still): they exist while their rule holds, named by a stable id made
from the rule and its subject, so nothing has to be stored to create them. Only what a
coach does to a task is recorded: done (``TaskDone``) or reassigned (``TaskReassigned``),
one stream per task.

The rules are pure functions of dated facts; the adapters pick the facts from the read
models with indexed queries, and ``outstanding`` lays what was recorded over them.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import reduce

from services.coaching.domain.clients import ClientStanding, require_active
from services.coaching.domain.day_vocabulary import TaskKind
from services.coaching.domain.errors import DomainError, require_new, require_text
from services.coaching.domain.events import TaskCreated, TaskDone, TaskEvent, TaskReassigned
from services.coaching.domain.shapes import like
from shared.business_dates import PLANNED_AHEAD, UPON_LEAVING, DateRange

MAX_TASK_TEXT = 500
FOLLOW_UP_MONTHS = 6
REVIEW_EVERY = timedelta(days=28)
"""In-work coaching is reviewed at least every four weeks."""
STUCK_AFTER = timedelta(days=14)
"""A course participant with no day done for two weeks needs a nudge."""

_RULES = uuid.UUID("0b6d3f0e-8c1a-4b7e-9f52-3c1d2a6e4b90")


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Task:
    task_id: str
    client_id: str
    project_id: str
    owner_id: str
    kind: TaskKind
    due_on: date
    subject_id: str = ""
    """What a rule's task is about (the session, the in-work plan, the course), for a link."""
    done_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


def rule_task_id(kind: TaskKind, *subject: object) -> str:
    """The stable id of a rule's task: the same rule on the same subject names the same task,
    so its being done is found again however often the rule is evaluated."""
    return str(uuid.uuid5(_RULES, ":".join([kind.value, *map(str, subject)])))


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


# The rules


def unrecorded_session(
    session_id: str, client_id: str, project_id: str, coach_id: str, held_on: date
) -> Task:
    """A booked session whose day has passed: record it as held, or cancel it."""
    return Task(
        task_id=rule_task_id(TaskKind.RECORD_SESSION, session_id), client_id=client_id,
        project_id=project_id, owner_id=coach_id, kind=TaskKind.RECORD_SESSION,
        due_on=held_on, subject_id=session_id,
    )  # fmt: skip


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Leaver:
    """What intake has said of a client's latest exit, as coaching's projection keeps it."""

    client_id: str
    project_id: str
    coach_id: str
    exited_on: date
    status_known: bool
    """The status upon leaving is other than unknown."""
    upon_leaving_recorded: bool = False
    """The status upon leaving was checked after the exit (the 4-week follow-up)."""
    followed_up_on: date | None = None
    """The six-month follow-up was recorded on this day."""


def after_exit(leaver: Leaver) -> list[Task]:
    """What a leaver's coach owes: the status upon leaving while it is unknown (due when
    "upon leaving" ends, 4 weeks after the exit), the 4-week follow-up until intake records
    it, and the 6-month follow-up until intake records it. Each is named by the exit's date,
    so a later exit brings its own."""
    client_id, project_id, coach_id = leaver.client_id, leaver.project_id, leaver.coach_id
    exited_on = leaver.exited_on

    def task(kind: TaskKind, due_on: date) -> Task:
        return Task(
            task_id=rule_task_id(kind, client_id, exited_on.isoformat()), client_id=client_id,
            project_id=project_id, owner_id=coach_id, kind=kind, due_on=due_on,
        )  # fmt: skip

    four_weeks = exited_on + UPON_LEAVING
    due: list[Task] = []
    if not leaver.status_known:
        due.append(task(TaskKind.END_STATUS, four_weeks))
    if not leaver.upon_leaving_recorded:
        due.append(task(TaskKind.FOLLOW_UP_4_WEEKS, four_weeks))
    if leaver.followed_up_on is None:
        due.append(task(TaskKind.FOLLOW_UP_6_MONTHS, months_after(exited_on, FOLLOW_UP_MONTHS)))
    return due


def in_work_review(
    plan_id: str, client_id: str, project_id: str, coach_id: str, since: date
) -> Task:
    """In-work coaching going on: the next progress review is due four weeks after the
    start or the last review (``since``); each review brings the next task."""
    return Task(
        task_id=rule_task_id(TaskKind.IN_WORK_REVIEW, plan_id, since.isoformat()),
        client_id=client_id, project_id=project_id, owner_id=coach_id,
        kind=TaskKind.IN_WORK_REVIEW, due_on=since + REVIEW_EVERY, subject_id=plan_id,
    )  # fmt: skip


def stuck_on_course(
    course_id: str, client_id: str, project_id: str, coach_id: str, last_progress_on: date,
    today: date,
) -> Task | None:  # fmt: skip
    """An unfinished online course with no day done since ``last_progress_on`` (or the
    enrolment) for two weeks: a nudge, due the day it got stuck. Before that, nothing."""
    if last_progress_on + STUCK_AFTER > today:
        return None
    return Task(
        task_id=rule_task_id(TaskKind.COURSE_STUCK, course_id, client_id,
                             last_progress_on.isoformat()),
        client_id=client_id, project_id=project_id, owner_id=coach_id,
        kind=TaskKind.COURSE_STUCK, due_on=last_progress_on + STUCK_AFTER, subject_id=course_id,
    )  # fmt: skip


def goal_overdue(
    goal_id: str, client_id: str, project_id: str, coach_id: str, target_date: date, today: date
) -> Task | None:
    """An open goal whose target date has passed: review it (achieved, changed with a new
    target, or dropped). A new target date makes it a new task, once that one passes."""
    if target_date >= today:
        return None
    return Task(
        task_id=rule_task_id(TaskKind.GOAL_OVERDUE, goal_id, target_date.isoformat()),
        client_id=client_id, project_id=project_id, owner_id=coach_id,
        kind=TaskKind.GOAL_OVERDUE, due_on=target_date, subject_id=goal_id,
    )  # fmt: skip


def outstanding(
    derived: Iterable[Task], recorded: Mapping[str, Task], *, owner_id: str | None = None
) -> list[Task]:
    """The open tasks: the derived ones as their recorded stream left them (reassigned, or
    done and so gone), and the recorded ones of their own; one owner's only when named.
    In order of due date, so the overdue come first."""
    tasks = {task.task_id: recorded.get(task.task_id, task) for task in derived}
    tasks |= {k: v for k, v in recorded.items() if v.kind is TaskKind.OWN}
    found = [t for t in tasks.values() if t.is_open and owner_id in (None, t.owner_id)]
    return sorted(found, key=lambda t: (t.due_on, t.kind.value, t.task_id))


# The aggregate: one stream per task


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CreateTask:
    task_id: str
    client_id: str
    project_id: str
    owner_id: str
    due_on: date
    text: str
    """Checked here, kept as private text by the service layer: never in the event."""
    today: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CompleteTask:
    task: Task
    """The task as it stands: a rule's as derived, when nothing of it is recorded yet."""
    today: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReassignTask:
    task: Task
    owner_id: str
    allowed: frozenset[str]
    """Who may take it over: the client's own coach, or the coach who asks."""
    today: date


TaskCommand = CreateTask | CompleteTask | ReassignTask


def decide(
    state: Task | None, command: TaskCommand, client: ClientStanding | None
) -> list[TaskEvent]:
    match command:
        case CreateTask():
            return _create(state, command, client)
        case CompleteTask():
            return _complete(state or command.task, command)
        case ReassignTask():
            return _reassign(state or command.task, command)


def _create(
    state: Task | None, command: CreateTask, client: ClientStanding | None
) -> list[TaskEvent]:
    require_new(state, "task_exists", "task_id")
    require_active(client, command.project_id)
    require_text(command.text, MAX_TASK_TEXT, "task_text", "task")
    if command.due_on < command.today:
        raise DomainError("due_in_the_past", "due_on")
    DateRange.around(command.today, ahead=PLANNED_AHEAD).check(command.due_on, "due_on")
    return [
        TaskCreated(
            task_id=command.task_id, client_id=command.client_id, project_id=command.project_id,
            owner_id=command.owner_id, kind=TaskKind.OWN, due_on=command.due_on,
            created_on=command.today,
        )
    ]  # fmt: skip


def _complete(task: Task, command: CompleteTask) -> list[TaskEvent]:
    if not task.is_open:
        raise DomainError("task_already_done")
    return [like(TaskDone, task, done_on=command.today)]


def _reassign(task: Task, command: ReassignTask) -> list[TaskEvent]:
    if not task.is_open:
        raise DomainError("task_already_done")
    if command.owner_id == task.owner_id:
        raise DomainError("task_owner_unchanged")
    if command.owner_id not in command.allowed:
        raise DomainError("task_owner_not_allowed")
    reassigned = like(
        TaskReassigned,
        task,
        owner_id=command.owner_id,
        previous_owner_id=task.owner_id,
        reassigned_on=command.today,
    )
    return [reassigned]


def evolve(state: Task | None, event: TaskEvent) -> Task:
    """A rule's task starts its stream with its first recorded step, which says all of it."""
    base = state or like(Task, event)
    match event:
        case TaskCreated():
            return base
        case TaskDone():
            return dataclasses.replace(base, done_on=event.done_on)
        case TaskReassigned():
            return dataclasses.replace(base, owner_id=event.owner_id)


def rebuild(events: Iterable[TaskEvent]) -> Task | None:
    state: Task | None = None
    return reduce(evolve, events, state)
