"""The calendar: a week of my, a colleague's or the project's sessions and group
meetings, as a server-rendered grid of days that becomes a list on a phone; and moving a
booked session, refused with the clash named when the coach or the client is busy then
(entrypoint layer)."""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

import dataclasses
import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain.commands import MoveSession
from services.coaching.domain.moves import Busy, clashes
from services.coaching.entrypoints.day_views import week_of, work_day
from services.coaching.entrypoints.page_forms import (
    clock,
    for_writers,
    number,
    posted,
    required_date,
    viewed,
)
from services.coaching.entrypoints.page_rendering import (
    FormProblem,
    Visit,
    sees_own_agenda,
    starts,
)
from services.coaching.entrypoints.session_pages import timing_defaults
from services.coaching.entrypoints.state import CSRF, State
from services.coaching.service_layer.day_ports import CalendarEntry
from services.coaching.service_layer.queries import session_of
from shared.web.forms import FormReader
from shared.web.i18n import N_
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)

WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
PROJECT = "project"
COLLEAGUE = N_("Colleague %(code)s")
MY_CALENDAR = N_("My calendar")
LISTED_AT_MOST = 300
"""Entries the project's week lists one by one; a fuller week is shown as a count per coach
and day, each leading to that coach's week (a page of thousands of entries helps nobody
and takes long to draw)."""
log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class Day:
    day: date
    weekday: str
    entries: list[CalendarEntry]


def _day_asked(visit: Visit) -> date:
    """The day whose week is shown: ``?week=`` (any day of it), else today."""
    asked = visit.request.query_params.get("week", "")
    try:
        return date.fromisoformat(asked)
    except ValueError:
        return visit.state.coaching.today()


def _ends(day: date, at: str, minutes: int) -> datetime:
    """When a session ends, on the coaches' clock (for the ``time`` filter)."""
    return starts(day, at) + timedelta(minutes=minutes)


def staff_names(visit: Visit) -> Mapping[str, str]:
    """The project's users by display name, as intake knows them; none when intake is not
    in this process or does not answer (the page then shows short codes)."""
    names = visit.state.staff_names
    if names is None:
        return {}
    try:
        return names(visit.project_id)
    except Exception:  # a page without names beats no page
        log.warning("intake did not answer the project's user names", exc_info=True)
        return {}


def colleagues(visit: Visit, user_ids: list[str]) -> list[tuple[str, str]]:
    """(user id, label) of the filter's colleagues, by name: the display name intake
    knows, else "Colleague" and a short code of the id."""
    names = staff_names(visit)
    tr = visit.state.pages.gettext(visit.request)
    labelled = [
        (user_id, names.get(user_id) or tr(COLLEAGUE) % {"code": user_id[-6:]})
        for user_id in user_ids
    ]
    return sorted(labelled, key=lambda pair: (pair[1].casefold(), pair[0]))


def _calendar_page(visit: Visit, _problem: FormProblem | None = None) -> Response:
    """Whose week: ``?who=`` a coach's id, or ``project``; a coach's own by default, the
    project's for a manager or an auditor."""
    me = visit.signed_in.user.id
    own = sees_own_agenda(visit.signed_in, visit.project_id)
    board = work_day(visit)
    coaches = board.coaches(visit.project_id)
    who = visit.request.query_params.get("who") or (me if own else PROJECT)
    if who != PROJECT and who != me and who not in coaches:
        who = me if own else PROJECT
    monday, sunday = week_of(_day_asked(visit))
    entries = board.calendar(visit.project_id, None if who == PROJECT else who, monday, sunday)
    tr = visit.state.pages.gettext(visit.request)
    summary = who == PROJECT and len(entries) > LISTED_AT_MOST
    days = [
        Day(monday + timedelta(i), tr(WEEKDAYS[i]),
            [] if summary else [e for e in entries if e.held_on == monday + timedelta(i)])
        for i in range(7)
    ]  # fmt: skip
    named = colleagues(visit, [c for c in coaches if c != me])
    context = {
        "days": days,
        "monday": monday,
        "sunday": sunday,
        "previous": (monday - timedelta(7)).isoformat(),
        "next": (monday + timedelta(7)).isoformat(),
        "this_week": week_of(visit.state.coaching.today())[0] == monday,
        "who": who,
        "colleagues": named,
        "own": own,
        "entries": len(entries),
        "ends": _ends,
        "per_coach": _per_coach(entries, monday, named, me, tr) if summary else [],
    }
    shown = [] if summary else [e.client_id for e in entries if e.client_id]
    return visit.show("coaching/calendar.html", context, shown=shown)


def _per_coach(
    entries: list[CalendarEntry], monday: date, named: list[tuple[str, str]], me: str,
    tr: Callable[[str], str],
) -> list[tuple[str, str, list[int]]]:  # fmt: skip
    """(coach id, label, entries on each day of the week) for every coach with any: the
    project's week when it is too full to list."""
    counts: dict[str, list[int]] = {}
    for e in entries:
        counts.setdefault(e.coach_id, [0] * 7)[(e.held_on - monday).days] += 1
    labels = dict(named) | {me: tr(MY_CALENDAR)}
    rows = [(coach, labels.get(coach, tr(COLLEAGUE) % {"code": coach[-6:]}), days)
            for coach, days in counts.items()]  # fmt: skip
    return sorted(rows, key=lambda row: (row[1].casefold(), row[0]))


@router.get("/calendar")
def calendar(request: Request, project_id: str, state: State) -> Response:
    return viewed(state, request, project_id, _calendar_page)


def _parsed(values: dict[str, object]) -> tuple[date, time, int] | None:
    """The time a refused move asked for, if it can be read (to name what it clashes with)."""
    try:
        return (
            date.fromisoformat(str(values.get("held_on", ""))),
            time.fromisoformat(str(values.get("starts_at", ""))),
            int(str(values.get("duration_minutes", ""))),
        )
    except ValueError:
        return None


def _move_page(session_id: str, visit: Visit, problem: FormProblem | None = None) -> Response:
    session = session_of(visit.state.coaching, visit.project_id, session_id)
    defaults = timing_defaults(session.details)
    found: list[Busy] = []
    asked = _parsed(problem.values) if problem else None
    if asked is not None and "starts_at" in (problem.errors if problem else {}):
        day, at, minutes = asked
        busy = work_day(visit).busy(visit.project_id, day, session.coach_id, session.client_id)
        found = clashes(session, day, at, minutes, busy)
    context = {"session": session, "clashes": found}
    shown = [session.client_id, *(b.client_id for b in found)]
    return visit.show("coaching/move.html", context, problem, defaults, shown)


@router.get("/sessions/{session_id}/move")
def move_form(request: Request, project_id: str, session_id: str, state: State) -> Response:
    return for_writers(state, request, project_id, partial(_move_page, session_id))


@router.post("/sessions/{session_id}/move", dependencies=CSRF)
async def move(request: Request, project_id: str, session_id: str, state: State) -> Response:
    def build(form: FormReader, _signed_in: SignedIn) -> MoveSession:
        return MoveSession(
            session_id=session_id,
            held_on=required_date(form, "held_on"),
            starts_at=clock(form, "starts_at"),
            duration_minutes=number(form, "duration_minutes"),
        )

    then = (f"/p/{project_id}/coaching/sessions/{session_id}", "moved")
    return await posted(state, request, project_id, build, partial(_move_page, session_id), then)
