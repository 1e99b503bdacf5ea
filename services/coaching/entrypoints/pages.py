"""Coaching's pages on the coaches' site: my sessions, a client's plan, group programmes and
the attendance sheet of a meeting (entrypoint layer).

Server-rendered in Finnish, Swedish or English with the shared layout (``shared.web.pages``);
no JavaScript. Forms post, and the server answers with a redirect and a notice on success
or the same page with its errors (422). The pages build the same commands as the JSON API
and hand them to the same bus.

Coaching knows clients by pseudonymous id only; names live in intake, which the pages ask
for the names of the clients they show (``naming``), never keeping them.
"""

from __future__ import annotations

from fastapi import APIRouter

from services.coaching.entrypoints import (
    calendar_pages,
    course_pages,
    day_pages,
    feed_pages,
    group_pages,
    inwork_pages,
    plan_pages,
    session_pages,
)

router = APIRouter(include_in_schema=False)
for pages in (
    session_pages,
    plan_pages,
    group_pages,
    course_pages,
    inwork_pages,
    day_pages,
    feed_pages,
    calendar_pages,
):
    router.include_router(pages.router)
