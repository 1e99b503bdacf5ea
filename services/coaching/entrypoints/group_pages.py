"""Pages of group programmes: the list with attendance rates, one programme with its
meetings and members (no-shows shown), and the attendance sheet of a meeting: one form,
a row per member."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.forms import (
    Refused,
    choice_value,
    field_choice,
    field_client,
    field_date,
    field_int,
    field_text,
)
from services.coaching.entrypoints.kit import PageKit
from services.coaching.service_layer import handlers as h
from shared.web.principal import SignedIn


def group_pages(kit: PageKit) -> APIRouter:
    api = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)
    w, c = kit.wiring, kit.wiring.coaching
    pages = kit.pages
    csrf = [Depends(w.auth.verify_csrf)]

    # Group programmes

    def programmes_page(
        request: Request, project_id: str, signed_in: SignedIn, problem: Refused | None = None
    ) -> Response:
        today = c.today()
        values = problem.values if problem else {
            "kind": "job_seekers_group",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=20)).isoformat(),
        }  # fmt: skip
        context = {
            "programmes": w.views.programmes(project_id),
            "values": values,
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(request, "coaching/programmes.html", context, signed_in, project_id,
                    status_code)  # fmt: skip

    @api.get("/programmes")
    def programmes(request: Request, project_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return programmes_page(request, project_id, signed_in)

    @api.post("/programmes", dependencies=csrf)
    async def plan_programme(request: Request, project_id: str) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        created: list[h.Done] = []

        def run() -> object:
            done = h.plan_programme(
                c, project_id=project_id, kind=field_choice(form, "kind", ProgrammeKind),
                title=field_text(form, "title"), municipality=field_text(form, "municipality"),
                starts_on=field_date(form, "starts_on"), ends_on=field_date(form, "ends_on"),
                coach_id=signed_in.user.id, actor=signed_in.user.id,
                submission_id=field_text(form, "submission_id") or None,
            )  # fmt: skip
            created.append(done)
            return done

        problem = await kit.attempt(request, run, form)
        if problem:
            return programmes_page(request, project_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/programmes/{created[0].id}", "planned")

    def programme_page(
        request: Request,
        project_id: str,
        programme_id: str,
        signed_in: SignedIn,
        problem: Refused | None = None,
    ) -> Response:
        try:
            programme = h.programme_of(c, project_id, programme_id)
        except DomainError:
            return pages.not_found(request, signed_in)
        members = set(programme.members)
        joinable = [
            o for o in kit.client_options(project_id, signed_in.user.id) if o[0] not in members
        ]
        marked = {meeting for meeting, _client in programme.attendance}
        context = {
            "programme": programme,
            "joinable": joinable,
            "marked": marked,
            "no_shows": programme.no_shows(),
            "values": problem.values if problem else {},
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(request, "coaching/programme.html", context, signed_in, project_id,
                    status_code)  # fmt: skip

    @api.get("/programmes/{programme_id}")
    def programme(request: Request, project_id: str, programme_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return programme_page(request, project_id, programme_id, signed_in)

    async def on_programme(
        request: Request,
        project_id: str,
        programme_id: str,
        action: Callable[[FormData, str], object],
        done: str,
    ) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()
        problem = await kit.attempt(request, lambda: action(form, signed_in.user.id), form)
        if problem:
            return programme_page(request, project_id, programme_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/programmes/{programme_id}", done)

    @api.post("/programmes/{programme_id}/meetings", dependencies=csrf)
    async def schedule_meeting(request: Request, project_id: str, programme_id: str) -> Response:
        def run(form: FormData, me: str) -> object:
            return h.schedule_meeting(
                c, project_id=project_id, programme_id=programme_id,
                held_on=field_date(form, "held_on"),
                duration_minutes=field_int(form, "duration_minutes"), actor=me,
            )  # fmt: skip

        return await on_programme(request, project_id, programme_id, run, "scheduled")

    @api.post("/programmes/{programme_id}/members", dependencies=csrf)
    async def add_member(request: Request, project_id: str, programme_id: str) -> Response:
        def run(form: FormData, me: str) -> object:
            return h.join_programme(
                c, project_id=project_id, programme_id=programme_id, client_id=field_client(form),
                joined_on=field_date(form, "joined_on"), actor=me,
            )  # fmt: skip

        return await on_programme(request, project_id, programme_id, run, "joined")

    def sheet_page(
        request: Request,
        project_id: str,
        programme_id: str,
        meeting_id: str,
        signed_in: SignedIn,
        problem: Refused | None = None,
    ) -> Response:
        try:
            programme = h.programme_of(c, project_id, programme_id)
        except DomainError:
            return pages.not_found(request, signed_in)
        meeting = programme.meeting(meeting_id)
        if meeting is None:
            return pages.not_found(request, signed_in)
        marks = {
            client: mark.value
            for (m, client), mark in programme.attendance.items()
            if m == meeting_id
        }
        if problem:
            marks |= {k[5:]: v for k, v in problem.values.items() if k.startswith("mark-")}
        context = {
            "programme": programme,
            "meeting": meeting,
            "rows": programme.members_at(meeting),
            "marks": marks,
            "no_shows": programme.no_shows(),
            "errors": problem.errors if problem else {},
        }
        status_code = 422 if problem else 200
        return kit.show(request, "coaching/sheet.html", context, signed_in, project_id, status_code)

    @api.get("/programmes/{programme_id}/meetings/{meeting_id}")
    def sheet(request: Request, project_id: str, programme_id: str, meeting_id: str) -> Response:
        signed_in = kit.viewer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        return sheet_page(request, project_id, programme_id, meeting_id, signed_in)

    @api.post("/programmes/{programme_id}/meetings/{meeting_id}", dependencies=csrf)
    async def save_sheet(
        request: Request, project_id: str, programme_id: str, meeting_id: str
    ) -> Response:
        signed_in = kit.writer(request, project_id)
        if not isinstance(signed_in, SignedIn):
            return signed_in
        form = await request.form()

        def run() -> object:
            marks = {
                key[5:]: choice_value(Attendance, value, key)
                for key, value in form.items()
                if key.startswith("mark-") and isinstance(value, str) and value
            }
            return h.take_attendance(
                c, project_id=project_id, programme_id=programme_id, meeting_id=meeting_id,
                marks=marks, actor=signed_in.user.id,
            )  # fmt: skip

        problem = await kit.attempt(request, run, form)
        if problem:
            return sheet_page(request, project_id, programme_id, meeting_id, signed_in, problem)
        return kit.back(f"/p/{project_id}/coaching/programmes/{programme_id}", "attendance")

    return api
