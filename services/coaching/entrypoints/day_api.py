"""JSON API of a coach's working day: her open tasks, a client's tasks and case notes,
adding a task or a note, marking a task done or handing it over, and moving a booked
session (entrypoint layer).

Routes under ``/api/coaching/projects/{project_id}``; the same commands as the pages, on
the same bus. Coaches and project managers write, every member reads; the words of a
task or a note are shown to those who write only, auditors never see them.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.coaching.domain.commands import (
    AddTask,
    CompleteTask,
    MoveSession,
    ReassignTask,
    WriteCaseNote,
)
from services.coaching.domain.day_vocabulary import NoteKind
from services.coaching.domain.tasks import Task
from services.coaching.entrypoints.json_answers import JsonRoutes, written
from services.coaching.entrypoints.state import Member, State, Writer
from services.coaching.service_layer.work_day import CASE_NOTE, TASK_TEXT
from shared.web.commands import AcceptedOut
from shared.web.fields import WallClock


class TaskIn(BaseModel):
    due_on: date
    text: str = Field(max_length=500)
    """What to do: kept in coaching only, never in an event."""
    submission_id: str | None = Field(default=None, max_length=64)


class TaskStepIn(BaseModel):
    client_id: str = Field(max_length=36)


class HandOverIn(TaskStepIn):
    owner_id: str = Field(max_length=36)


class NoteIn(BaseModel):
    kind: NoteKind
    noted_on: date
    text: str = Field(max_length=4000)
    """The note's words: kept in coaching only, never in an event."""
    submission_id: str | None = Field(default=None, max_length=64)


class MoveIn(BaseModel):
    held_on: date
    starts_at: WallClock
    duration_minutes: int = Field(ge=1, le=480)


class TaskOut(BaseModel):
    task_id: str
    client_id: str
    owner_id: str
    kind: str
    due_on: date
    subject_id: str
    text: str | None = None


class NoteOut(BaseModel):
    note_id: str
    client_id: str
    author_id: str
    kind: str
    noted_on: date
    text: str | None = None


router = APIRouter(prefix="/api/coaching/projects/{project_id}", tags=["coaching: working day"])
routes = JsonRoutes(router)


def _tasks(state: State, project_id: str, user: Member, tasks: list[Task]) -> list[TaskOut]:
    own = [t.task_id for t in tasks]
    texts = (
        state.coaching.texts.read_many(TASK_TEXT, own, project_id=project_id)
        if user.can_write_in(project_id)
        else {}
    )
    return [
        TaskOut(task_id=t.task_id, client_id=t.client_id, owner_id=t.owner_id,
                kind=t.kind.value, due_on=t.due_on, subject_id=t.subject_id,
                text=texts.get(t.task_id))
        for t in tasks
    ]  # fmt: skip


@router.get("/tasks", summary="The signed-in coach's open tasks, due date first")
def my_tasks(project_id: str, user: Member, state: State) -> list[TaskOut]:
    board = state.coaching.work_day
    tasks = board.open_tasks(project_id, state.coaching.today(), owner_id=user.id) if board else []
    return _tasks(state, project_id, user, tasks)


@router.get("/clients/{client_id}/tasks", summary="A client's open tasks, due date first")
def client_tasks(project_id: str, client_id: str, user: Member, state: State) -> list[TaskOut]:
    board = state.coaching.work_day
    today = state.coaching.today()
    tasks = board.open_tasks(project_id, today, client_id=client_id) if board else []
    return _tasks(state, project_id, user, tasks)


@routes.create("/clients/{client_id}/tasks", "Add the coach's own task on a client")
async def add_task(
    project_id: str, client_id: str, body: TaskIn, user: Writer, state: State
) -> AcceptedOut:
    command = AddTask(client_id=client_id, due_on=body.due_on, text=body.text)
    return await written(state, command, user, project_id, body.submission_id)


@routes.post("/tasks/{task_id}/done", "Mark an open task done (the coach's own or a rule's)")
async def task_done(
    project_id: str, task_id: str, body: TaskStepIn, user: Writer, state: State
) -> AcceptedOut:
    command = CompleteTask(task_id=task_id, client_id=body.client_id)
    return await written(state, command, user, project_id)


@routes.post("/tasks/{task_id}/owner", "Hand a task to the client's coach, or take it over")
async def task_owner(
    project_id: str, task_id: str, body: HandOverIn, user: Writer, state: State
) -> AcceptedOut:
    command = ReassignTask(task_id=task_id, client_id=body.client_id, owner_id=body.owner_id)
    return await written(state, command, user, project_id)


@router.get("/clients/{client_id}/notes", summary="A client's case notes, latest first")
def client_notes(project_id: str, client_id: str, user: Member, state: State) -> list[NoteOut]:
    board = state.coaching.work_day
    notes = board.notes_of(project_id, client_id) if board else []
    texts = (
        state.coaching.texts.read_many(CASE_NOTE, [n.note_id for n in notes],
                                       project_id=project_id)
        if user.can_write_in(project_id)
        else {}
    )  # fmt: skip
    return [
        NoteOut(note_id=n.note_id, client_id=n.client_id, author_id=n.author_id, kind=n.kind,
                noted_on=n.noted_on, text=texts.get(n.note_id))
        for n in notes
    ]  # fmt: skip


@routes.create("/clients/{client_id}/notes", "Write a case note on a client (call, message…)")
async def add_note(
    project_id: str, client_id: str, body: NoteIn, user: Writer, state: State
) -> AcceptedOut:
    command = WriteCaseNote(client_id=client_id, kind=body.kind, noted_on=body.noted_on,
                            text=body.text)  # fmt: skip
    return await written(state, command, user, project_id, body.submission_id)


@routes.post("/sessions/{session_id}/move", "Move a booked session; refused on a clash")
async def move_session(
    project_id: str, session_id: str, body: MoveIn, user: Writer, state: State
) -> AcceptedOut:
    command = MoveSession(
        session_id=session_id,
        held_on=body.held_on,
        starts_at=body.starts_at,
        duration_minutes=body.duration_minutes,
    )
    return await written(state, command, user, project_id)
