"""A coach's working day: Today (her sessions today and this week, her clients with
something due, her clients with the last contact, quick actions), tasks done, handed over
or added, and free-standing case notes (entrypoint layer).

A manager, an auditor or an administrator sees the project's day instead: every coach's
sessions and tasks. Task and note texts are private: only those who write (coaches and
managers) read them; an auditor sees kinds and dates.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import AddTask, CompleteTask, ReassignTask, WriteCaseNote
from services.coaching.domain.day_vocabulary import NoteKind
from services.coaching.entrypoints.day_views import task_views, week_of, work_day
from services.coaching.entrypoints.page_forms import (
    chosen,
    client,
    for_writers,
    posted,
    required_date,
    viewed,
)
from services.coaching.entrypoints.page_rendering import FormProblem, Visit, sees_own_agenda
from services.coaching.entrypoints.plan_pages import client_page
from services.coaching.entrypoints.state import CSRF, State
from services.coaching.service_layer.read_models import SessionRow
from shared.web.client_tabs import NOTES
from shared.web.forms import FormReader
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)

DUE_AHEAD = timedelta(days=7)
"""Today lists the tasks due within the coming week, besides the overdue."""
TODAY_TASKS = 50
"""Due tasks Today lists before "show all": a longer list would bury the rest of the day
(and take long to send)."""
TODAY_CLIENTS = 50
"""Own active clients Today lists, the longest without contact first, before "show all"."""


def _today_page(visit: Visit, problem: FormProblem | None = None) -> Response:
    today = visit.state.coaching.today()
    own = sees_own_agenda(visit.signed_in, visit.project_id)
    me = visit.signed_in.user.id if own else None
    _monday, sunday = week_of(today)
    board = work_day(visit)
    rows: list[SessionRow] = board.sessions_between(visit.project_id, me, today, sunday)
    booked = [r for r in rows if r.status != "cancelled"]
    due = [
        t
        for t in board.open_tasks(visit.project_id, today, owner_id=me)
        if t.due_on <= today + DUE_AHEAD
    ]
    contacts = board.clients_of(visit.project_id, me) if me else []
    active = [c for c in contacts if c.active]
    asked = visit.request.query_params
    listed = due if asked.get("tasks") == "all" else due[:TODAY_TASKS]
    clients = active if asked.get("clients") == "all" else active[:TODAY_CLIENTS]
    context = {
        "sessions_today": [r for r in booked if r.held_on == today],
        "sessions_week": [r for r in booked if r.held_on > today],
        "tasks": task_views(visit, listed),
        "tasks_held_back": len(due) - len(listed),
        "tasks_due": len(due),
        "contacts": clients,
        "clients_held_back": len(active) - len(clients),
        "clients_active": len(active),
        "overdue": sum(1 for t in due if t.overdue(today)),
    }
    shown = [r.client_id for r in booked] + [t.client_id for t in listed]
    shown += [c.client_id for c in clients]
    return visit.show("coaching/today.html", context, problem, shown=shown)


@router.get("/today")
def today(request: Request, project_id: str, state: State) -> Response:
    return viewed(state, request, project_id, _today_page)


# Tasks

BACK_TO = {
    "today": "/p/{project}/coaching/today",
    "client": "/p/{project}/coaching/clients/{client}/notes",
}


def _back(form_back: str, project_id: str, client_id: str) -> str:
    """Where a task's form returns: Today or the client's page, never elsewhere."""
    target = BACK_TO.get(form_back, BACK_TO["client"])
    return target.format(project=project_id, client=client_id)


async def _task_step(
    request: Request,
    project_id: str,
    state: State,
    build_command: Callable[[FormReader], object],
    done: str,
) -> Response:
    form_values = await request.form()
    client_id = str(form_values.get("client_id", ""))
    back = _back(str(form_values.get("back", "")), project_id, client_id)
    draw = _today_page if form_values.get("back") == "today" else partial(_client_tasks, client_id)

    def build(form: FormReader, _signed_in: SignedIn) -> object:
        return build_command(form)

    return await posted(state, request, project_id, build, draw, (back, done))


def _client_tasks(client_id: str, visit: Visit, problem: FormProblem | None = None) -> Response:
    """A refused task form on the client's page: the client's page again, with the message."""
    return client_page(client_id, visit, problem, NOTES)


@router.post("/tasks/{task_id}/done", dependencies=CSRF)
async def task_done(request: Request, project_id: str, task_id: str, state: State) -> Response:
    def build(form: FormReader) -> CompleteTask:
        return CompleteTask(task_id=task_id, client_id=client(form))

    return await _task_step(request, project_id, state, build, "task_done")


@router.post("/tasks/{task_id}/reassign", dependencies=CSRF)
async def task_reassign(request: Request, project_id: str, task_id: str, state: State) -> Response:
    def build(form: FormReader) -> ReassignTask:
        owner = form.text("owner_id")
        if not owner:
            form.errors.setdefault("owner_id", "invalid_choice")
        return ReassignTask(task_id=task_id, client_id=client(form), owner_id=owner)

    return await _task_step(request, project_id, state, build, "task_reassigned")


@router.post("/clients/{client_id}/tasks", dependencies=CSRF)
async def add_task(request: Request, project_id: str, client_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> AddTask:
        return AddTask(
            client_id=client_id, due_on=required_date(form, "due_on"), text=form.text("task")
        )

    then = (f"/p/{project_id}/coaching/clients/{client_id}/notes", "task")
    return await posted(state, request, project_id, build, partial(_client_tasks, client_id), then)


# Case notes


def _note_command(form: FormReader, client_id: str) -> WriteCaseNote:
    return WriteCaseNote(
        client_id=client_id,
        kind=chosen(form, "kind", NoteKind),
        noted_on=required_date(form, "noted_on"),
        text=form.text("note"),
    )


@router.post("/clients/{client_id}/notes", dependencies=CSRF)
async def add_note(request: Request, project_id: str, client_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> WriteCaseNote:
        return _note_command(form, client_id)

    then = (f"/p/{project_id}/coaching/clients/{client_id}/notes", "note")
    return await posted(state, request, project_id, build, partial(_client_tasks, client_id), then)


def _note_form(visit: Visit, problem: FormProblem | None = None) -> Response:
    defaults = {
        "client_id": visit.request.query_params.get("client_id", ""),
        "noted_on": visit.state.coaching.today().isoformat(),
        "kind": "call",
    }
    return visit.show("coaching/note_form.html", {"clients": visit.clients()}, problem, defaults)


@router.get("/notes/new")
def new_note(request: Request, project_id: str, state: State) -> Response:
    return for_writers(state, request, project_id, _note_form)


@router.post("/notes/new", dependencies=CSRF)
async def create_note(request: Request, project_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> WriteCaseNote:
        return _note_command(form, client(form))

    then = (f"/p/{project_id}/coaching/today", "note")
    return await posted(state, request, project_id, build, _note_form, then)
