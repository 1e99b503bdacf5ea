"""A coach's working day (service layer): her own tasks, tasks done or handed over,
free-standing case notes, and the secret address of her calendar feed.

A task's or a note's words are a ``Remark``: private text saved with the events, never in
them. A rule's task has no stream until a coach acts on it; it is found by deriving the
client's open tasks, so only a task that is really due can be marked done or handed over.
"""

from __future__ import annotations

import hashlib

from services.coaching.domain import commands, moves, notes, sessions, tasks
from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import SessionMoved, TaskEvent
from services.coaching.service_layer.day_ports import CalendarFeeds, WorkDay
from services.coaching.service_layer.dependencies import Coaching, Remark, may_write, start
from services.coaching.service_layer.streams import NOTES, SESSIONS, TASKS, in_project, owned
from shared.messagebus import Accepted, CommandContext

TASK_TEXT = "task"
CASE_NOTE = "case_note"


def feed_hash(token: str) -> str:
    """What is kept of a feed's secret: its SHA-256, so a copy of the database opens no feed."""
    return hashlib.sha256(token.encode()).hexdigest()


def _work_day(c: Coaching) -> WorkDay:
    if c.work_day is None:  # pragma: no cover - wired in bootstrap
        raise RuntimeError("coaching was built without its working-day store")
    return c.work_day


def _feeds(c: Coaching) -> CalendarFeeds:
    if c.feeds is None:  # pragma: no cover - wired in bootstrap
        raise RuntimeError("coaching was built without its calendar feeds")
    return c.feeds


def add_task(c: Coaching, command: commands.AddTask, context: CommandContext) -> Accepted:
    """The coach's own task, owned by her; its words kept with it."""

    def create(task_id: str) -> tasks.CreateTask:
        return tasks.CreateTask(
            task_id=task_id, client_id=command.client_id, project_id=context.project_id,
            owner_id=context.actor, due_on=command.due_on, text=command.text, today=c.today(),
        )  # fmt: skip

    remark = Remark(TASK_TEXT, command.text)
    return start(c, context, TASKS, tasks.decide, create, command.client_id, remark)


def _open_task(c: Coaching, context: CommandContext, task_id: str, client_id: str) -> tasks.Task:
    """The client's open task ``task_id``, as derived and recorded; any other answers
    ``task_not_found`` (another project's, one done, or a rule that no longer holds)."""
    due = _work_day(c).open_tasks(context.project_id, c.today(), client_id=client_id)
    for task in due:
        if task.task_id == task_id:
            return task
    raise DomainError("task_not_found")


def _act_on(
    c: Coaching, context: CommandContext, task: tasks.Task, command: tasks.TaskCommand
) -> Accepted:
    def decide(state: tasks.Task | None) -> list[TaskEvent]:
        if state is not None:
            owned(state, context.project_id, "task_not_found", "task_id")
        return tasks.decide(state, command, None)

    return c.streams.execute(TASKS, task.task_id, decide, context)


def complete_task(c: Coaching, command: commands.CompleteTask, context: CommandContext) -> Accepted:
    may_write(context)
    task = _open_task(c, context, command.task_id, command.client_id)
    return _act_on(c, context, task, tasks.CompleteTask(task=task, today=c.today()))


def reassign_task(c: Coaching, command: commands.ReassignTask, context: CommandContext) -> Accepted:
    """Hand a task to the client's own coach, or take it over oneself."""
    may_write(context)
    task = _open_task(c, context, command.task_id, command.client_id)
    standing = c.clients.standing(task.client_id)
    allowed = frozenset({context.actor, *([standing.coach_id] if standing else [])})
    reassign = tasks.ReassignTask(task=task, owner_id=command.owner_id, allowed=allowed,
                                  today=c.today())  # fmt: skip
    return _act_on(c, context, task, reassign)


def write_case_note(
    c: Coaching, command: commands.WriteCaseNote, context: CommandContext
) -> Accepted:
    """A note on a client, with its words kept beside the event."""

    def write(note_id: str) -> notes.WriteCaseNote:
        return notes.WriteCaseNote(
            note_id=note_id, client_id=command.client_id, project_id=context.project_id,
            author_id=context.actor, kind=command.kind, noted_on=command.noted_on,
            text=command.text, today=c.today(),
        )  # fmt: skip

    remark = Remark(CASE_NOTE, command.text)
    return start(c, context, NOTES, notes.decide, write, command.client_id, remark)


def issue_calendar_feed(
    c: Coaching, command: commands.IssueCalendarFeed, context: CommandContext
) -> Accepted:
    """A coach's own feed only: it carries her sessions, so only she may open one."""
    may_write(context)
    if len(command.token) < 32:
        raise DomainError("feed_token_too_short", "token")
    _feeds(c).issue(context.project_id, context.actor, feed_hash(command.token))
    return Accepted(context.actor, recorded=0)


def revoke_calendar_feed(
    c: Coaching, _command: commands.RevokeCalendarFeed, context: CommandContext
) -> Accepted:
    may_write(context)
    _feeds(c).revoke(context.project_id, context.actor)
    return Accepted(context.actor, recorded=0)


def move_session(c: Coaching, command: commands.MoveSession, context: CommandContext) -> Accepted:
    """Move a booked session, checked against the coach's and the client's other sessions
    of the new day (read just before deciding)."""
    may_write(context)
    booked = in_project(c.streams, SESSIONS, command.session_id, context.project_id,
                        "session_not_found", "session_id")  # fmt: skip
    busy = _work_day(c).busy(context.project_id, command.held_on, booked.coach_id,
                             booked.client_id)  # fmt: skip
    move = moves.MoveSession(
        held_on=command.held_on, starts_at=command.starts_at,
        duration_minutes=command.duration_minutes, today=c.today(), busy=tuple(busy),
    )  # fmt: skip

    def decide(state: sessions.Session | None) -> list[SessionMoved]:
        return moves.decide(owned(state, context.project_id, "session_not_found", "session_id"),
                            move)  # fmt: skip

    return c.streams.execute(SESSIONS, command.session_id, decide, context)
