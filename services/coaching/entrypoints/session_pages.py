"""Pages of individual sessions: my sessions (the agenda), booking or recording a session,
one session with its case note, recording a booked one as held, or cancelling it."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from services.coaching.domain.errors import DomainError
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from services.coaching.entrypoints.forms import (
    Refused,
    choice_value,
    field_choice,
    field_client,
    field_date,
    field_int,
    field_text,
    field_time,
)
from services.coaching.entrypoints.kit import PageKit
from services.coaching.service_layer import handlers as h
from shared.web.principal import SignedIn


def session_pages(kit: PageKit) -> APIRouter:
    api = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)
    w, c = kit.wiring, kit.wiring.coaching
    pages = kit.pages
    csrf = [Depends(w.auth.verify_csrf)]

    # My sessions

    @api.get("")
    def agenda(request: Request, project_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        today = c.today()
        rows = w.views.agenda(project_id, signed_in.user.id, today - timedelta(days=14))
        upcoming = [r for r in rows if r.status == "booked" and r.held_on >= today]
        earlier = [r for r in rows if r not in upcoming]
        earlier.reverse()
        context = {"upcoming": upcoming, "earlier": earlier}
        return kit.show(request, "coaching/agenda.html", context, signed_in, project_id)

    def session_form(
        request: Request, project_id: str, signed_in: SignedIn, problem: Refused | None = None
    ) -> Response:
        values = problem.values if problem else {
            "client_id": request.query_params.get("client_id", ""),
            "held_on": c.today().isoformat(),
            "starts_at": "09:00",
            "duration_minutes": "60",
            "mode": "in_person",
            "kind": "personal_coaching",
            "topics": [],
        }  # fmt: skip
        context = {
            "values": values,
            "errors": problem.errors if problem else {},
            "clients": kit.client_options(project_id, signed_in.user.id),
        }
        status_code = 422 if problem else 200
        return kit.show(request, "coaching/session_form.html", context, signed_in, project_id,
                    status_code)  # fmt: skip

    @api.get("/sessions/new")
    def new_session(request: Request, project_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return session_form(request, project_id, signed_in)

    def details_of(form: FormData) -> SessionDetails:
        topics = tuple(choice_value(Topic, t, "topics") for t in form.getlist("topics"))
        return SessionDetails(
            held_on=field_date(form, "held_on"),
            starts_at=field_time(form, "starts_at"),
            duration_minutes=field_int(form, "duration_minutes"),
            mode=field_choice(form, "mode", Mode),
            kind=field_choice(form, "kind", SessionKind),
            topics=topics,
        )

    @api.post("/sessions/new", dependencies=csrf)
    async def create_session(request: Request, project_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        me = signed_in.user.id
        record = field_text(form, "action") == "record"

        def run() -> object:
            if record:
                return h.record_session(
                    c, project_id=project_id, client_id=field_client(form), coach_id=me,
                    details=details_of(form), note=field_text(form, "note"), actor=me,
                    submission_id=field_text(form, "submission_id") or None,
                )  # fmt: skip
            return h.book_session(
                c, project_id=project_id, client_id=field_client(form), coach_id=me,
                details=details_of(form), actor=me,
                submission_id=field_text(form, "submission_id") or None,
            )  # fmt: skip

        problem = await kit.attempt(request, run, form)
        if problem:
            return session_form(request, project_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching", "held" if record else "booked")

    def session_page(
        request: Request,
        project_id: str,
        session_id: str,
        signed_in: SignedIn,
        problem: Refused | None = None,
    ) -> Response:
        try:
            session = h.session_of(c, project_id, session_id)
        except DomainError:
            return pages.not_found(request, signed_in)
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
        context = {
            "session": session,
            "note": h.session_note(c, project_id, session_id) if can_read_note else None,
            "values": values,
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(request, "coaching/session.html", context, signed_in, project_id,
                    status_code)  # fmt: skip

    @api.get("/sessions/{session_id}")
    def session(request: Request, project_id: str, session_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return session_page(request, project_id, session_id, signed_in)

    @api.post("/sessions/{session_id}/held", dependencies=csrf)
    async def hold_session(request: Request, project_id: str, session_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()

        def run() -> object:
            booked = h.session_of(c, project_id, session_id)
            return h.record_session(
                c, project_id=project_id, session_id=session_id, client_id=booked.client_id,
                coach_id=booked.coach_id, details=details_of(form), note=field_text(form, "note"),
                actor=signed_in.user.id,
            )  # fmt: skip

        problem = await kit.attempt(request, run, form)
        if problem:
            return session_page(request, project_id, session_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/sessions/{session_id}", "held")

    @api.post("/sessions/{session_id}/cancel", dependencies=csrf)
    async def cancel_session(request: Request, project_id: str, session_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()

        def run() -> object:
            reason = field_choice(form, "reason", CancelReason)
            return h.cancel_session(
                c, project_id=project_id, session_id=session_id, reason=reason,
                actor=signed_in.user.id,
            )  # fmt: skip

        problem = await kit.attempt(request, run, form)
        if problem:
            return session_page(request, project_id, session_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/sessions/{session_id}", "cancelled")

    return api
