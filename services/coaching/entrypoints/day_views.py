"""What the pages of a coach's working day show of tasks and notes: each task with its
words (for those who write) and where it is done, and the client's tasks and notes for the
client's page (entrypoint layer)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from services.coaching.domain.day_vocabulary import TaskKind
from services.coaching.domain.tasks import Task
from services.coaching.entrypoints.page_rendering import Visit
from services.coaching.service_layer.day_ports import WorkDay
from services.coaching.service_layer.work_day import CASE_NOTE, TASK_TEXT


def work_day(visit: Visit) -> WorkDay:
    found = visit.state.coaching.work_day
    if found is None:  # pragma: no cover - wired in bootstrap
        raise RuntimeError("coaching was built without its working-day store")
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class TaskView:
    """A task as a page shows it: what it is, where to do it, and its private words."""

    task: Task
    text: str
    """The coach's own words for her own task (empty for a rule's, or for an auditor)."""
    link: str
    """Where the task is done: the session, the in-work plan, the course or the client."""
    overdue: bool


def task_views(visit: Visit, tasks: list[Task]) -> list[TaskView]:
    base, today = f"/p/{visit.project_id}/coaching", visit.state.coaching.today()
    own = [t.task_id for t in tasks if t.kind is TaskKind.OWN]
    texts = (
        visit.state.coaching.texts.read_many(TASK_TEXT, own, project_id=visit.project_id)
        if visit.can_write
        else {}
    )
    links = {
        TaskKind.RECORD_SESSION: f"{base}/sessions/{{}}",
        TaskKind.IN_WORK_REVIEW: f"{base}/in-work/{{}}",
        TaskKind.COURSE_STUCK: f"{base}/courses/{{}}",
    }
    views = []
    for task in tasks:
        if task.kind in links and task.subject_id:
            link = links[task.kind].format(task.subject_id)
        elif task.kind is TaskKind.OWN:
            link = f"{base}/clients/{task.client_id}#tasks"
        elif task.kind is TaskKind.GOAL_OVERDUE:
            link = f"{base}/clients/{task.client_id}#goals-heading"
        else:  # the exit's status and its follow-ups are recorded in intake
            link = f"/p/{visit.project_id}/clients/{task.client_id}"
        text = texts.get(task.task_id, "")
        views.append(TaskView(task, text, link, task.overdue(today)))
    return views


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def client_day(visit: Visit, client_id: str) -> dict[str, object]:
    """What the client's page shows of the working day: the open tasks and the notes, with
    their words for those who write (an auditor sees kinds and dates only)."""
    board = work_day(visit)
    today = visit.state.coaching.today()
    tasks = board.open_tasks(visit.project_id, today, client_id=client_id)
    notes = board.notes_of(visit.project_id, client_id)
    texts = (
        visit.state.coaching.texts.read_many(
            CASE_NOTE, [n.note_id for n in notes], project_id=visit.project_id
        )
        if visit.can_write
        else {}
    )
    return {"client_tasks": task_views(visit, tasks), "notes": notes, "note_texts": texts}
