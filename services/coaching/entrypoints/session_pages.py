"""Pages of individual sessions: my sessions (the agenda), booking or recording a session,
one session with its case note, recording a booked one as held, or cancelling it."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import BookSession, CancelSession, RecordSession
from services.coaching.domain.errors import DomainError
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from services.coaching.entrypoints.page_forms import (
    Submission,
    chosen,
    client,
    clock,
    number,
    required_date,
    submit,
)
from services.coaching.entrypoints.page_rendering import (
    FormProblem,
    back,
    client_options,
    show,
)
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.queries import session_note, session_of
from shared.web.forms import FormReader, read_form
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)


@router.get("")
def agenda(request: Request, project_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    today = state.coaching.today()
    rows = state.views.agenda(project_id, signed_in.user.id, today - timedelta(days=14))
    upcoming = [r for r in rows if r.status == "booked" and r.held_on >= today]
    earlier = [r for r in rows if r not in upcoming]
    earlier.reverse()
    context = {"upcoming": upcoming, "earlier": earlier}
    return show(state, request, "coaching/agenda.html", context, signed_in, project_id)


def _session_form(
    state: CoachingState,
    request: Request,
    project_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    values = problem.values if problem else {
        "client_id": request.query_params.get("client_id", ""),
        "held_on": state.coaching.today().isoformat(),
        "starts_at": "09:00",
        "duration_minutes": "60",
        "mode": "in_person",
        "kind": "personal_coaching",
        "topics": [],
    }  # fmt: skip
    context = {
        "values": values,
        "errors": problem.errors if problem else {},
        "clients": client_options(state, project_id, signed_in.user.id),
    }
    return show(state, request, "coaching/session_form.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/sessions/new")
def new_session(request: Request, project_id: str, state: State) -> Response:
    signed_in = state.guards.writer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _session_form(state, request, project_id, signed_in)


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
    return BookSession(client_id=client(form), details=details_of(form))


@router.post("/sessions/new", dependencies=CSRF)
async def create_session(request: Request, project_id: str, state: State) -> Response:
    sent = await submit(state, request, project_id, _new_session)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _session_form(state, request, project_id, sent.signed_in, sent.outcome)
    record = (await read_form(request)).text("action") == "record"
    return back(f"/p/{project_id}/coaching", "held" if record else "booked")


def _session_page(
    state: CoachingState,
    request: Request,
    project_id: str,
    session_id: str,
    signed_in: SignedIn,
    problem: FormProblem | None = None,
) -> Response:
    try:
        session = session_of(state.coaching, project_id, session_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    d = session.details
    can_read_note = signed_in.user.can_write_in(project_id)
    values = problem.values if problem else {
        "held_on": d.held_on.isoformat(),
        "starts_at": d.starts_at.strftime("%H:%M"),
        "duration_minutes": str(d.duration_minutes),
        "mode": d.mode.value,
        "kind": d.kind.value,
        "topics": [t.value for t in d.topics],
    }  # fmt: skip
    note = session_note(state.coaching, project_id, session_id) if can_read_note else None
    context = {
        "session": session,
        "note": note,
        "values": values,
        "errors": problem.errors if problem else {},
    }
    return show(state, request, "coaching/session.html", context, signed_in, project_id,
                422 if problem else 200)  # fmt: skip


@router.get("/sessions/{session_id}")
def session(request: Request, project_id: str, session_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return _session_page(state, request, project_id, session_id, signed_in)


async def _on_session(
    state: CoachingState,
    request: Request,
    project_id: str,
    session_id: str,
    sent: Submission | Response,
    done: str,
) -> Response:
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _session_page(state, request, project_id, session_id, sent.signed_in, sent.outcome)
    return back(f"/p/{project_id}/coaching/sessions/{session_id}", done)


@router.post("/sessions/{session_id}/held", dependencies=CSRF)
async def hold_session(
    request: Request, project_id: str, session_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> RecordSession:
        return RecordSession(
            session_id=session_id, details=details_of(form), note=form.text("note")
        )

    sent = await submit(state, request, project_id, build)
    return await _on_session(state, request, project_id, session_id, sent, "held")


@router.post("/sessions/{session_id}/cancel", dependencies=CSRF)
async def cancel_session(
    request: Request, project_id: str, session_id: str, state: State
) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> CancelSession:
        return CancelSession(session_id=session_id, reason=chosen(form, "reason", CancelReason))

    sent = await submit(state, request, project_id, build)
    return await _on_session(state, request, project_id, session_id, sent, "cancelled")
