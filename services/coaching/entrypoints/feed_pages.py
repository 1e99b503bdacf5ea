"""A coach's calendar feed: the page to get or stop its secret address, and the feed
itself (iCalendar) behind that address (entrypoint layer).

The address carries a random secret; only its hash is kept, so the address is shown once,
when it is made. Making a new one stops the old; stopping leaves none. The feed names no
client: a session says its client's short reference, how it is held, and when.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

import secrets
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from services.coaching.domain.commands import IssueCalendarFeed, RevokeCalendarFeed
from services.coaching.entrypoints import labels
from services.coaching.entrypoints.ical import FeedEvent, calendar
from services.coaching.entrypoints.naming import CLIENT_CODE, client_code
from services.coaching.entrypoints.page_forms import Submission, for_writers, submit
from services.coaching.entrypoints.page_rendering import FormProblem, Visit, back, starts
from services.coaching.entrypoints.state import CSRF, CoachingState, State
from services.coaching.service_layer.day_ports import CalendarEntry
from services.coaching.service_layer.work_day import feed_hash
from shared.web.forms import FormReader
from shared.web.i18n import N_
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)

FEED_BEHIND = timedelta(days=31)
FEED_AHEAD = timedelta(days=184)
"""The feed covers the last month and the coming six: what a phone's calendar needs."""
FEED_NAME = N_("Duuni: my sessions")
MEETING = N_("Group meeting: %(title)s")
SESSION = N_("Session: %(client)s")


def _feed_page(visit: Visit, problem: FormProblem | None = None, address: str = "") -> Response:
    feeds = visit.state.coaching.feeds
    issued = feeds.issued(visit.project_id, visit.signed_in.user.id) if feeds else False
    context = {"issued": issued or bool(address), "address": address}
    return visit.show("coaching/feed.html", context, problem)


@router.get("/calendar/feed")
def feed_page(request: Request, project_id: str, state: State) -> Response:
    return for_writers(state, request, project_id, _feed_page)


@router.post("/calendar/feed", dependencies=CSRF)
async def issue_feed(request: Request, project_id: str, state: State) -> Response:
    """A new secret address, shown on this answer only (never in a redirect's URL)."""
    token = secrets.token_urlsafe(32)

    def build(_form: FormReader, _signed_in: SignedIn) -> IssueCalendarFeed:
        return IssueCalendarFeed(token=token)

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    visit = Visit(state, request, project_id, sent.signed_in)
    if isinstance(sent.outcome, FormProblem):
        return _feed_page(visit, sent.outcome)
    address = str(request.url_for("calendar_feed", project_id=project_id, token=token))
    return _feed_page(visit, address=address)


@router.post("/calendar/feed/revoke", dependencies=CSRF)
async def revoke_feed(request: Request, project_id: str, state: State) -> Response:
    def build(_form: FormReader, _signed_in: SignedIn) -> RevokeCalendarFeed:
        return RevokeCalendarFeed()

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return _feed_page(Visit(state, request, project_id, sent.signed_in), sent.outcome)
    return back(f"/p/{project_id}/coaching/calendar/feed", "feed_revoked")


def feed_events(
    state: CoachingState, request: Request, entries: list[CalendarEntry]
) -> list[FeedEvent]:
    tr = state.pages.gettext(request)
    events = []
    for entry in entries:
        if entry.kind == "meeting":
            events.append(FeedEvent(
                uid=f"meeting-{entry.entry_id}@duuni",
                starts=starts(entry.held_on, entry.starts_at) if entry.starts_at else entry.held_on,
                minutes=entry.duration_minutes, summary=tr(MEETING) % {"title": entry.title},
                location=entry.place,
            ))  # fmt: skip
            continue
        reference = tr(CLIENT_CODE) % {"code": client_code(entry.client_id)}
        events.append(FeedEvent(
            uid=f"session-{entry.entry_id}@duuni", starts=starts(entry.held_on, entry.starts_at),
            minutes=entry.duration_minutes, summary=tr(SESSION) % {"client": reference},
            location=tr(dict(labels.MODES).get(entry.mode, entry.mode)),
        ))  # fmt: skip
    return events


@router.get("/calendar/feed/{token}.ics", name="calendar_feed")
def calendar_feed(request: Request, project_id: str, token: str, state: State) -> Response:
    """No sign-in: the secret is the key. An unknown or stopped one is not found."""
    feeds, board = state.coaching.feeds, state.coaching.work_day
    holder = feeds.holder(feed_hash(token)) if feeds else None
    if holder is None or holder[0] != project_id or board is None:
        return PlainTextResponse("Not found", status_code=404)
    coach_id = holder[1]
    today = state.coaching.today()
    entries = board.calendar(project_id, coach_id, today - FEED_BEHIND, today + FEED_AHEAD)
    tr = state.pages.gettext(request)
    body = calendar(tr(FEED_NAME), feed_events(state, request, entries), datetime.now(UTC))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300", "Content-Disposition": "inline"},
    )
