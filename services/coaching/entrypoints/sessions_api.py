"""JSON API of individual sessions: book, record as held, cancel, notes, the coach's agenda
and the figures per client (entrypoint layer).

Routes under ``/api/coaching/projects/{project_id}``. Coaches and project managers write,
every member reads; the case note is shown to those who write only, auditors never see it.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field

from services.coaching.domain.commands import (
    BookSession,
    CancelSession,
    RecordSession,
    WriteSessionNote,
)
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from services.coaching.entrypoints.json_answers import JsonRoutes, fields, found, written
from services.coaching.entrypoints.state import CSRF, Member, State, Writer
from services.coaching.service_layer.queries import session_note, session_of
from shared.web.commands import AcceptedOut
from shared.web.fields import WallClock
from shared.web.problems import PROBLEM_RESPONSES


class SessionIn(BaseModel):
    held_on: date
    starts_at: WallClock
    duration_minutes: int = Field(ge=1, le=480)
    mode: Mode
    kind: SessionKind
    topics: list[Topic] = Field(default_factory=list, max_length=8)
    coach_id: str | None = Field(default=None, max_length=36)
    """The coach holding it; the signed-in user when left out."""

    def details(self) -> SessionDetails:
        return SessionDetails(
            held_on=self.held_on,
            starts_at=self.starts_at,
            duration_minutes=self.duration_minutes,
            mode=self.mode,
            kind=self.kind,
            topics=tuple(self.topics),
        )


class BookingIn(SessionIn):
    client_id: str = Field(max_length=36)
    note: str = Field(default="", max_length=20_000)
    """What to go through, typed when booking: kept in coaching only, never in an event;
    it becomes the session's case note."""
    submission_id: str | None = Field(default=None, max_length=64)
    """The form's id: submitting the same form twice books once."""


class HeldIn(SessionIn):
    note: str = Field(default="", max_length=20_000)
    """The private case note: kept in coaching only, never in an event."""


class DropInIn(HeldIn):
    client_id: str = Field(max_length=36)
    submission_id: str | None = Field(default=None, max_length=64)


class CancelIn(BaseModel):
    reason: CancelReason


class NoteIn(BaseModel):
    note: str = Field(max_length=20_000)


class SessionOut(BaseModel):
    session_id: str
    client_id: str
    coach_id: str
    held_on: date
    starts_at: str
    duration_minutes: int
    mode: str
    kind: str
    topics: list[str]
    status: str
    cancel_reason: str | None = None
    note: str | None = None

    model_config = ConfigDict(from_attributes=True)
    """Read from a ``SessionRow``: its like-named fields."""


class FiguresOut(BaseModel):
    client_id: str
    sessions_held: int
    hours: float
    no_shows: int

    model_config = ConfigDict(from_attributes=True)


router = APIRouter(prefix="/api/coaching/projects/{project_id}", tags=["coaching: sessions"])
routes = JsonRoutes(router)


@routes.create("/sessions", "Book a session with an active client of the project")
async def book(project_id: str, body: BookingIn, user: Writer, state: State) -> AcceptedOut:
    command = BookSession(
        client_id=body.client_id, details=body.details(), coach_id=body.coach_id, note=body.note
    )
    return await written(state, command, user, project_id, body.submission_id)


@routes.create(
    "/sessions/held", "Record a session held without booking (a drop-in), with its case note"
)
async def record_drop_in(
    project_id: str, body: DropInIn, user: Writer, state: State
) -> AcceptedOut:
    command = RecordSession(
        client_id=body.client_id, details=body.details(), coach_id=body.coach_id, note=body.note
    )
    return await written(state, command, user, project_id, body.submission_id)


@routes.post(
    "/sessions/{session_id}/held", "Record a booked session as held, as it went, with its case note"
)
async def record_booked(
    project_id: str, session_id: str, body: HeldIn, user: Writer, state: State
) -> AcceptedOut:
    command = RecordSession(
        session_id=session_id, details=body.details(), coach_id=body.coach_id, note=body.note
    )
    return await written(state, command, user, project_id)


@routes.post(
    "/sessions/{session_id}/cancel",
    "Cancel a booked session (by the client, by the coach, or a no-show)",
)
async def cancel(
    project_id: str, session_id: str, body: CancelIn, user: Writer, state: State
) -> AcceptedOut:
    command = CancelSession(session_id=session_id, **fields(body))
    return await written(state, command, user, project_id)


@router.put(
    "/sessions/{session_id}/note",
    summary="Replace a session's private case note",
    status_code=status.HTTP_204_NO_CONTENT,
    response_model=None,
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
)
async def write_note(
    project_id: str, session_id: str, body: NoteIn, user: Writer, state: State
) -> None:
    command = WriteSessionNote(session_id=session_id, **fields(body))
    await written(state, command, user, project_id)


@routes.one("/sessions/{session_id}", "One session; its case note only for coaches and managers")
def get_session(project_id: str, session_id: str, user: Member, state: State) -> SessionOut:
    c = state.coaching
    s = found(lambda: session_of(c, project_id, session_id))
    d = s.details
    note = session_note(c, project_id, session_id) if user.can_write_in(project_id) else None
    return SessionOut(
        session_id=s.session_id,
        client_id=s.client_id,
        coach_id=s.coach_id,
        held_on=d.held_on,
        starts_at=d.starts_at.strftime("%H:%M"),
        duration_minutes=d.duration_minutes,
        mode=d.mode.value,
        kind=d.kind.value,
        topics=[topic.value for topic in d.topics],
        status=s.status,
        note=note,
    )


@router.get("/agenda", summary="A coach's sessions from a day on (the signed-in coach's)")
def agenda(
    project_id: str,
    user: Member,
    state: State,
    coach_id: Annotated[str | None, Query(max_length=36)] = None,
    since: date | None = None,
) -> list[SessionOut]:
    start = since or (state.coaching.today() - timedelta(days=14))
    rows = state.views.agenda(project_id, coach_id or user.id, start)
    return [SessionOut.model_validate(row) for row in rows]


@router.get("/clients/{client_id}/sessions", summary="A client's sessions, latest first")
def client_sessions(
    project_id: str, client_id: str, _user: Member, state: State
) -> list[SessionOut]:
    return [
        SessionOut.model_validate(row) for row in state.views.sessions_of(project_id, client_id)
    ]


@router.get("/figures/clients", summary="Sessions held, hours and no-shows per client")
def client_figures(project_id: str, _user: Member, state: State) -> list[FiguresOut]:
    return [FiguresOut.model_validate(f) for f in state.views.client_figures(project_id)]
