"""Individual sessions: book or record as held, each with its private note, and cancel
(service layer). The note is saved with the session's events, never in them."""

from __future__ import annotations

from services.coaching.domain import commands, sessions
from services.coaching.domain.errors import DomainError
from services.coaching.domain.shapes import like
from services.coaching.service_layer.dependencies import (
    SESSION_NOTE,
    Coaching,
    Remark,
    may_write,
    settle,
    start,
    step,
)
from services.coaching.service_layer.streams import SESSIONS, in_project, new_id, resubmitted
from shared.messagebus import Accepted, CommandContext


def _session(c: Coaching, context: CommandContext, session_id: str) -> sessions.Session:
    return in_project(
        c.streams, SESSIONS, session_id, context.project_id, "session_not_found", "session_id"
    )


def _holder(chosen: str | None, context: CommandContext, *also: str | None) -> str:
    """Who holds a session: the signed-in user by default, or the client's own coach (or
    the booking's); naming anybody else, a made-up id or another project's coach, is
    refused at ``coach_id``."""
    if not chosen:
        return context.actor
    if chosen == context.actor or chosen in also:
        return chosen
    raise DomainError("coach_not_allowed", "coach_id")


def _coach_of(c: Coaching, client_id: str | None) -> str | None:
    standing = c.clients.standing(client_id) if client_id else None
    return standing.coach_id if standing else None


def book_session(c: Coaching, command: commands.BookSession, context: CommandContext) -> Accepted:
    """Book a session; the note typed in the booking form is kept with it (or, if the
    booking is refused, not at all)."""
    coach_id = _holder(command.coach_id, context, _coach_of(c, command.client_id))

    def booking(session_id: str) -> sessions.BookSession:
        return like(
            sessions.BookSession,
            command,
            session_id=session_id,
            project_id=context.project_id,
            coach_id=coach_id,
            today=c.today(),
        )

    note = Remark(SESSION_NOTE, command.note)
    return start(c, context, SESSIONS, sessions.decide, booking, command.client_id, note)


def record_session(
    c: Coaching, command: commands.RecordSession, context: CommandContext
) -> Accepted:
    """Record a booked session (``session_id``) as held, or a drop-in as a new session."""
    may_write(context)
    if command.session_id is not None:
        booked = _session(c, context, command.session_id)
        session_id, client_id = booked.session_id, booked.client_id
        coach_id = command.coach_id or booked.coach_id
        _holder(coach_id, context, booked.coach_id, _coach_of(c, client_id))
    else:
        if done := resubmitted(c.streams, SESSIONS, context):
            return done
        if not command.client_id:
            raise DomainError("client_required", "client_id")
        session_id, client_id = new_id(context), command.client_id
        coach_id = _holder(command.coach_id, context, _coach_of(c, client_id))
    held = sessions.RecordSession(
        session_id=session_id,
        client_id=client_id,
        project_id=context.project_id,
        coach_id=coach_id,
        details=command.details,
        today=c.today(),
    )
    note = Remark(SESSION_NOTE, command.note)
    return settle(c, context, SESSIONS, session_id, sessions.decide, held, client_id, note)


def cancel_session(
    c: Coaching, command: commands.CancelSession, context: CommandContext
) -> Accepted:
    cancel = like(sessions.CancelSession, command)
    target = (SESSIONS, command.session_id, ("session_not_found", "session_id"))
    return step(c, context, target, sessions.decide, cancel)


def write_session_note(
    c: Coaching, command: commands.WriteSessionNote, context: CommandContext
) -> Accepted:
    """Replace the private case note; no event, so nothing for the read models to catch up."""
    may_write(context)
    _session(c, context, command.session_id)
    c.texts.write(
        SESSION_NOTE, command.session_id, project_id=context.project_id, text=command.note,
        author=context.actor,
    )  # fmt: skip
    return Accepted(command.session_id)
