"""Coaching's pages on the coaches' site: my sessions, a client's plan, group programmes and
the attendance sheet of a meeting (entrypoint layer).

Server-rendered in Finnish, Swedish or English with the shared layout (``shared.web.pages``);
no JavaScript. Forms post, and the server answers with a redirect and a notice on success
or the same page with its errors (422). The pages call the same handlers as the JSON API.

Coaching knows clients by pseudonymous id only; names live in intake. A client is shown
by a short code, and the client's plan links to intake's client page, where the name is.
"""

from __future__ import annotations

from fastapi import APIRouter

from services.coaching.entrypoints.course_pages import course_pages
from services.coaching.entrypoints.group_pages import group_pages
from services.coaching.entrypoints.inwork_pages import inwork_pages
from services.coaching.entrypoints.kit import PageKit
from services.coaching.entrypoints.plan_pages import plan_pages
from services.coaching.entrypoints.session_pages import session_pages
from services.coaching.entrypoints.wiring import Wiring


def pages_router(wiring: Wiring) -> APIRouter:
    kit = PageKit(wiring)
    router = APIRouter(include_in_schema=False)
    router.include_router(session_pages(kit))
    router.include_router(plan_pages(kit))
    router.include_router(group_pages(kit))
    router.include_router(course_pages(kit))
    router.include_router(inwork_pages(kit))
    return router
