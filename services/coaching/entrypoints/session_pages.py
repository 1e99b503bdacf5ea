"""Pages of individual sessions: the agenda (a coach's own sessions, or the project's for
a manager or an auditor), booking or recording a session, one session with its case note,
recording a booked one as held, or cancelling it."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

import dataclasses
from datetime import date, timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.commands import BookSession, CancelSession, RecordSession
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from services.coaching.entrypoints.naming import client_code
from services.coaching.entrypoints.page_forms import (
    Build,
    chosen,
    client,
    clock,
    for_writers,
    number,
    posted,
    required_date,
    viewed,
)
from services.coaching.entrypoints.page_rendering import FormProblem, Visit, sees_own_agenda
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.queries import session_note, session_of
from services.coaching.service_layer.read_models import SessionRow
from shared.web.forms import FormReader, read_form
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


@router.get("")
def agenda(request: Request, project_id: str, state: State) -> Response:
    return viewed(state, request, project_id, _agenda_page)


LOOK_BACK = timedelta(days=14)
"""How far back the agenda shows sessions: the last two weeks."""


@dataclasses.dataclass(frozen=True, slots=True)
class Agenda:
    """Sessions as a day at work reads them: today's, those coming up and those of the
    last two weeks. A cancelled session stays on its own day, shown as cancelled."""

    today: list[SessionRow]
    upcoming: list[SessionRow]
    earlier: list[SessionRow]
    """Latest first."""


def agenda_of(rows: list[SessionRow], today: date) -> Agenda:
    """``rows`` in calendar order, split by the coaches' calendar day ``today``."""
    earlier = [r for r in rows if r.held_on < today]
    earlier.reverse()
    return Agenda(
        today=[r for r in rows if r.held_on == today],
        upcoming=[r for r in rows if r.held_on > today],
        earlier=earlier,
    )


def _agenda_page(visit: Visit, _problem: FormProblem | None = None) -> Response:
    """A coach sees her own sessions; a manager or an auditor the whole project's."""
    today = visit.state.coaching.today()
    own = sees_own_agenda(visit.signed_in, visit.project_id)
    coach_id = visit.signed_in.user.id if own else None
    rows = visit.state.views.agenda(visit.project_id, coach_id, today - LOOK_BACK)
    shown = [r.client_id for r in rows]
    return visit.show("coaching/agenda.html", {"agenda": agenda_of(rows, today)}, shown=shown)


PICKER_LIMIT = 200
"""Clients a picker lists at the most: beyond it, a coach searches (a select of thousands
of names is neither quick to send nor usable)."""


@dataclasses.dataclass(frozen=True)
class Picked:
    clients: list[tuple[str, bool]]
    """(client id, whether the signed-in coach's own), her own first, each group by name."""
    held_back: int = 0
    """Active clients that match but are not listed (more than ``PICKER_LIMIT``)."""


def picked(visit: Visit, text: str) -> Picked:
    """The client picker without script: the active clients a search text finds, by name,
    short code, identity code or phone. Without a text, every active client while there
    are at most ``PICKER_LIMIT``; in a larger project the coach's own (a manager's: the
    first ones)."""
    me = visit.signed_in.user.id
    words = text.casefold().split()[:4]
    directory, project_id = visit.state.coaching.clients, visit.project_id
    if words:
        active = _found(visit, text, words)
        matching = len(active)
    else:  # a large project's picker reads the coach's own only, not every active client
        matching = directory.active_count(project_id)
        mine = (
            []
            if matching <= PICKER_LIMIT
            else directory.in_project(project_id, only_active=True, coach_id=me)
        )
        active = mine or directory.in_project(project_id, only_active=True)
    active.sort(key=lambda s: s.coach_id != me)  # her own are listed before any is left out
    listed = active[:PICKER_LIMIT]
    visit.names.prepare(s.client_id for s in listed)
    listed.sort(key=lambda s: (s.coach_id != me, visit.names.order(s.client_id)))
    return Picked([(s.client_id, s.coach_id == me) for s in listed], matching - len(listed))


_CODE_CHARACTERS = frozenset("0123456789abcdef")


def _found(visit: Visit, text: str, words: list[str]) -> list[ClientStanding]:
    """The active clients ``text`` finds. Intake's finder, where it runs in this process,
    searches the names, identity codes and phones without handing every name over; a text
    that could be (part of) a short code is also looked for among the codes."""
    directory, project_id = visit.state.coaching.clients, visit.project_id
    finder = visit.state.client_finder
    code_like = len(words) == 1 and set(words[0]) <= _CODE_CHARACTERS and len(words[0]) <= 6
    if finder is not None and not code_like:
        return directory.in_project(project_id, only_active=True, among=finder(project_id, text))
    active = directory.in_project(project_id, only_active=True)
    found = set(finder(project_id, text)) if finder is not None else set()
    names = visit.state.client_names
    known = names(project_id, [s.client_id for s in active]) if names and not finder else {}
    return [
        s for s in active
        if s.client_id in found
        or all(w in f"{known.get(s.client_id, '')} {client_code(s.client_id)}".casefold()
               for w in words)
    ]  # fmt: skip


def _session_form(visit: Visit, problem: FormProblem | None = None) -> Response:
    query = visit.request.query_params.get("q", "").strip()[:100] if problem is None else ""
    found = picked(visit, query)
    clients = found.clients
    chosen_id = visit.request.query_params.get("client_id", "")
    if query and len(clients) == 1 and not chosen_id:
        chosen_id = clients[0][0]  # one match: chosen already
    day = _day_asked(visit.request.query_params.get("held_on", ""))
    defaults = {
        "client_id": chosen_id,
        "held_on": (day or visit.state.coaching.today()).isoformat(),
        "starts_at": "09:00",
        "duration_minutes": "60",
        "mode": "in_person",
        "kind": "personal_coaching",
        "topics": [],
    }
    context = {
        "clients": clients, "query": query, "held_back": found.held_back,
        "finds_personal": visit.state.client_finder is not None, "day_asked": day,
    }  # fmt: skip
    return visit.show("coaching/session_form.html", context, problem, defaults)


def _day_asked(value: str) -> date | None:
    """The day a link from the calendar books on (``?held_on=``); anything else, none."""
    try:
        return date.fromisoformat(value[:10]) if len(value) == 10 else None
    except ValueError:
        return None


@router.get("/sessions/new")
def new_session(request: Request, project_id: str, state: State) -> Response:
    return for_writers(state, request, project_id, _session_form)


def details_of(form: FormReader) -> SessionDetails:
    topics: list[Topic] = []
    for value in form.every("topics"):
        try:
            topics.append(Topic(value))
        except ValueError:
            form.errors.setdefault("topics", "invalid_choice")
    return SessionDetails(
        held_on=required_date(form, "held_on"),
        starts_at=clock(form, "starts_at"),
        duration_minutes=number(form, "duration_minutes"),
        mode=chosen(form, "mode", Mode),
        kind=chosen(form, "kind", SessionKind),
        topics=tuple(topics),
    )


def _new_session(form: FormReader, signed_in: SignedIn) -> BookSession | RecordSession:
    """``action=record`` records a drop-in as held; otherwise the session is booked."""
    if form.text("action") == "record":
        return RecordSession(
            client_id=client(form), details=details_of(form), note=form.text("note")
        )
    return BookSession(client_id=client(form), details=details_of(form), note=form.text("note"))


@router.post("/sessions/new", dependencies=CSRF)
async def create_session(request: Request, project_id: str, state: State) -> Response:
    record = (await read_form(request)).text("action") == "record"
    then = (f"/p/{project_id}/coaching", "held" if record else "booked")
    return await posted(state, request, project_id, _new_session, _session_form, then)


def timing_defaults(details: SessionDetails) -> dict[str, str]:
    """A session's day, hour and length as its forms show them: where a change starts from."""
    return {
        "held_on": details.held_on.isoformat(),
        "starts_at": details.starts_at.strftime("%H:%M"),
        "duration_minutes": str(details.duration_minutes),
    }


def _session_page(session_id: str, visit: Visit, problem: FormProblem | None = None) -> Response:
    session = session_of(visit.state.coaching, visit.project_id, session_id)
    d = session.details
    defaults: dict[str, str | list[str]] = {
        **timing_defaults(d),
        "mode": d.mode.value,
        "kind": d.kind.value,
        "topics": [t.value for t in d.topics],
    }
    private = visit.can_write
    note = session_note(visit.state.coaching, visit.project_id, session_id) if private else None
    defaults["note"] = note or ""  # recording it as held completes the note, not replaces it
    context = {"session": session, "note": note}
    return visit.show("coaching/session.html", context, problem, defaults, [session.client_id])


@router.get("/sessions/{session_id}")
def session(request: Request, project_id: str, session_id: str, state: State) -> Response:
    return viewed(state, request, project_id, partial(_session_page, session_id))


async def _on_session(
    state: CoachingState, request: Request, ids: tuple[str, str], build: Build, done: str
) -> Response:
    """A form on the session's page: back to it with the notice ``done``."""
    project_id, session_id = ids
    then = (f"/p/{project_id}/coaching/sessions/{session_id}", done)
    return await posted(state, request, project_id, build, partial(_session_page, session_id), then)


@router.post("/sessions/{session_id}/held", dependencies=CSRF)
async def hold_session(
    request: Request, project_id: str, session_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> RecordSession:
        return RecordSession(
            session_id=session_id, details=details_of(form), note=form.text("note")
        )

    return await _on_session(state, request, (project_id, session_id), build, "held")


@router.post("/sessions/{session_id}/cancel", dependencies=CSRF)
async def cancel_session(
    request: Request, project_id: str, session_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> CancelSession:
        return CancelSession(session_id=session_id, reason=chosen(form, "reason", CancelReason))

    return await _on_session(state, request, (project_id, session_id), build, "cancelled")
