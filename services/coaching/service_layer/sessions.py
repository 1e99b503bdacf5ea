"""Individual sessions: book, record as held with the private case note, cancel (service layer)."""

from __future__ import annotations

from services.coaching.domain import sessions
from services.coaching.domain.vocabulary import CancelReason
from services.coaching.service_layer.base import (
    SESSION_NOTE,
    SESSIONS,
    Coaching,
    Done,
    in_project,
    new_id,
    resubmitted,
    run,
)


def book_session(
    c: Coaching,
    *,
    project_id: str,
    client_id: str,
    coach_id: str,
    details: sessions.SessionDetails,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    if done := resubmitted(c, SESSIONS, submission_id):
        return done
    session_id = new_id(submission_id)
    command = sessions.BookSession(
        session_id=session_id,
        client_id=client_id,
        project_id=project_id,
        coach_id=coach_id,
        details=details,
        today=c.today(),
    )
    standing = c.clients.standing(client_id)
    return run(
        c, SESSIONS, session_id, project_id, actor,
        lambda state: sessions.decide(state, command, standing),
    )  # fmt: skip


def record_session(
    c: Coaching,
    *,
    project_id: str,
    client_id: str,
    coach_id: str,
    details: sessions.SessionDetails,
    note: str,
    actor: str,
    session_id: str | None = None,
    submission_id: str | None = None,
) -> Done:
    """Record a session as held: a booked one (``session_id``) or a drop-in (a new one)."""
    if session_id is None:
        if done := resubmitted(c, SESSIONS, submission_id):
            return done
        session_id = new_id(submission_id)
    else:
        booked = c.streams.load(SESSIONS, session_id)
        if booked.state is not None:
            in_project(booked, project_id, "session_not_found", "session_id")
            client_id = booked.state.client_id
    command = sessions.RecordSession(
        session_id=session_id,
        client_id=client_id,
        project_id=project_id,
        coach_id=coach_id,
        details=details,
        today=c.today(),
    )
    standing = c.clients.standing(client_id)
    done = run(
        c, SESSIONS, session_id, project_id, actor,
        lambda state: sessions.decide(state, command, standing),
    )  # fmt: skip
    if note.strip():
        c.texts.write(SESSION_NOTE, session_id, project_id=project_id, text=note, author=actor)
    return done


def cancel_session(
    c: Coaching, *, project_id: str, session_id: str, reason: CancelReason, actor: str
) -> Done:
    in_project(c.streams.load(SESSIONS, session_id), project_id, "session_not_found", "session_id")
    command = sessions.CancelSession(session_id=session_id, reason=reason)
    return run(
        c, SESSIONS, session_id, project_id, actor,
        lambda state: sessions.decide(state, command, None),
    )  # fmt: skip


def session_of(c: Coaching, project_id: str, session_id: str) -> sessions.Session:
    loaded = c.streams.load(SESSIONS, session_id)
    return in_project(loaded, project_id, "session_not_found", "session_id")


def write_session_note(
    c: Coaching, *, project_id: str, session_id: str, note: str, actor: str
) -> None:
    session_of(c, project_id, session_id)
    c.texts.write(SESSION_NOTE, session_id, project_id=project_id, text=note, author=actor)


def session_note(c: Coaching, project_id: str, session_id: str) -> str | None:
    session_of(c, project_id, session_id)
    return c.texts.read(SESSION_NOTE, session_id, project_id=project_id)
