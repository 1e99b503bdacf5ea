"""The data-protection pages: the access log, a client's privacy page, own copy, erasure.

Entrypoint layer. Only the data-protection role sees them: the project's auditor or an
administrator (the deployment has no role of its own for it). Reading the access log is
itself logged (``audit``); a person's own copy is logged as an ``export`` before it is
made, so it lists itself. Erasure posts the ``ErasePerson`` command to the bus, which
refuses anyone else and logs the erasure.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import urllib.parse
from datetime import date
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.errors import DomainError
from services.intake.domain.privacy import ErasePerson
from services.intake.domain.restriction import LiftRestriction, RestrictProcessing
from services.intake.entrypoints.own_copy import render_own_copy
from services.intake.entrypoints.page_parts import (
    guarded_form,
    hand_over,
    translated,
    viewer_who,
)
from services.intake.entrypoints.privacy_reads import ACTION_LABELS, CHANNEL_LABELS, opened_by
from services.intake.entrypoints.restricted import sees_restricted
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.access_log import (
    ACTIONS,
    AUDIT,
    AccessEntry,
    AccessQuery,
    here,
)
from services.intake.service_layer.restriction import restriction_of
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)
FILTERS = ("client", "user", "action", "since", "until")
PAGE_SIZE = 100


def data_protection(state: IntakeState, request: Request, project_id: str) -> SignedIn | Response:
    """The project's auditor or an administrator, or the page to answer instead."""
    return viewer_who(
        state, request, project_id, lambda found, project: sees_restricted(found.user, project)
    )


def _day(text: str) -> tuple[date | None, bool]:
    """A filter's day, and whether it was readable (an empty one is)."""
    if not text:
        return None, True
    try:
        return date.fromisoformat(text), True
    except ValueError:
        pass
    try:  # as people write it: 2.11.2026
        day, month, year = (int(part) for part in text.split("."))
        return date(year, month, day), True
    except ValueError:
        return None, False


def _user_names(state: IntakeState, project_id: str, user_ids: set[str]) -> dict[str, str]:
    names = dict(state.auth.store.members_of(project_id))
    for user_id in user_ids - names.keys():
        stored = state.auth.store.user_by_id(user_id)
        if stored is not None:
            names[user_id] = stored.user.display_name
    return names


@router.get("/p/{project_id}/privacy/access-log", response_class=HTMLResponse)
def access_log_page(request: Request, project_id: str, state: State) -> Response:
    found = data_protection(state, request, project_id)
    if isinstance(found, Response):
        return found
    params = request.query_params
    since, since_ok = _day(params.get("since", "")[:10])
    until, until_ok = _day(params.get("until", "")[:10])
    action = params.get("action", "")
    page = int(p) if (p := params.get("page", "1")).isdigit() and 0 < int(p) < 100_000 else 1
    errors = {
        **({} if since_ok else {"since": "invalid_date"}),
        **({} if until_ok else {"until": "invalid_date"}),
    }
    client_id = params.get("client", "")[:36] or None
    query = AccessQuery(
        project_id=project_id,
        client_id=client_id,
        user_id=params.get("user", "")[:64] or None,
        action=action if action in ACTIONS else None,
        since=since,
        until=until,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    described = urllib.parse.urlencode(
        {k: v for k, v in params.items() if k not in ("page", "format") and v}
    )
    state.access.record([here(project_id, client_id, found.user.id, AUDIT)])
    if params.get("format") == "csv" and not errors:
        every = dataclasses.replace(query, limit=CSV_LIMIT, offset=0)
        return _csv(state, project_id, state.access.latest(every))
    entries, total = state.access.entries(query)
    names = _user_names(state, project_id, {e.user_id for e in entries})
    clients = state.privacy.people.names_of(
        project_id, [e.client_id for e in entries if e.client_id]
    )
    tr = state.pages.gettext(request)
    return state.pages.render(
        request,
        "intake/access_log.html",
        {
            "entries": entries,
            "total": total,
            "page": page,
            "pages_total": max(1, -(-total // PAGE_SIZE)),
            "names": names,
            "clients": clients,
            "actions": [(a, tr(ACTION_LABELS[a])) for a in ACTIONS],
            "action_labels": {a: tr(label) for a, label in ACTION_LABELS.items()},
            "channel_labels": {c: tr(label) for c, label in CHANNEL_LABELS.items()},
            "members": state.auth.store.members_of(project_id),
            "filters": {
                k: params.get(k, "") for k in ("client", "user", "action", "since", "until")
            },
            "base_query": described,
            "errors": translated(state.pages, request, errors),
            "verdict": state.access.verify() if params.get("verify") else None,
            "kept_until": state.privacy.kept_until(project_id),
        },
        signed_in=found,
        project_id=project_id,
        status_code=422 if errors else 200,
    )


CSV_LIMIT = 100_000
"""The most entries one export holds; narrow the filters for more."""


def _csv(state: IntakeState, project_id: str, entries: list[AccessEntry]) -> Response:
    """The entries as CSV for an auditor's tools: ids, codes and UTC times, no names."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["seq", "at_utc", "user_id", "client_id", "action", "purpose", "address",
                     "channel", "hash"])  # fmt: skip
    for e in entries:
        writer.writerow([e.seq, e.at.isoformat(), e.user_id, e.client_id or "", e.action,
                         e.purpose or "", e.address, e.channel, e.hash])  # fmt: skip
    return _download(out.getvalue().encode(), "text/csv; charset=utf-8",
                     f"access-log-{project_id}.csv")  # fmt: skip


def _privacy_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    ids: tuple[str, str],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    project_id, client_id = ids
    try:
        view = state.views.client(project_id, client_id)
    except DomainError:
        return state.pages.not_found(request, signed_in)
    names = _user_names(state, project_id, set())
    tr = state.pages.gettext(request)
    return state.pages.render(
        request,
        "intake/client_privacy.html",
        {
            "person": view.person,
            "client": view.client,
            "opened": opened_by(state, project_id, client_id, names),
            "action_labels": {a: tr(label) for a, label in ACTION_LABELS.items()},
            "kept_until": state.privacy.kept_until(project_id),
            "restriction": restriction_of(state.views.streams, client_id),
            "errors": translated(state.pages, request, errors or {}),
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


@router.get("/p/{project_id}/clients/{client_id}/privacy", response_class=HTMLResponse)
def client_privacy(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = data_protection(state, request, project_id)
    if isinstance(found, Response):
        return found
    return _privacy_page(state, request, found, (project_id, client_id))


def _copy(
    state: IntakeState, request: Request, ids: tuple[str, str]
) -> tuple[Any, SignedIn] | Response:
    project_id, client_id = ids
    found = data_protection(state, request, project_id)
    if isinstance(found, Response):
        return found
    try:
        copy = state.privacy.own_copy(
            project_id, client_id, log=here(project_id, client_id, found.user.id, "export")
        )
    except DomainError:
        return state.pages.not_found(request, found)
    return copy, found


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/p/{project_id}/clients/{client_id}/own-copy.json")
def own_copy_json(request: Request, project_id: str, client_id: str, state: State) -> Response:
    made = _copy(state, request, (project_id, client_id))
    if isinstance(made, Response):
        return made
    body = orjson.dumps(made[0], option=orjson.OPT_INDENT_2)
    return _download(body, "application/json", f"{client_id}.json")


@router.get("/p/{project_id}/clients/{client_id}/own-copy.html")
def own_copy_html(request: Request, project_id: str, client_id: str, state: State) -> Response:
    made = _copy(state, request, (project_id, client_id))
    if isinstance(made, Response):
        return made
    copy = made[0]
    html = render_own_copy(copy, copy["person"]["language"])
    return _download(html.encode(), "text/html; charset=utf-8", f"{client_id}.html")


@router.post("/p/{project_id}/clients/{client_id}/erase", response_class=HTMLResponse)
async def erase(request: Request, project_id: str, client_id: str, state: State) -> Response:
    posted = await guarded_form(state, request, data_protection(state, request, project_id))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    ids = (project_id, client_id)
    if form.text("confirm") != "yes":
        errors = {"confirm": "erase_confirm_required"}
        return _privacy_page(state, request, found, ids, errors, status_code=422)
    command = ErasePerson(client_id=client_id, basis="request")
    return await hand_over(
        state, request, found, project_id, command,
        done=f"/p/{project_id}/privacy/access-log?client={client_id}",
        refused=lambda errors: _privacy_page(state, request, found, ids, errors, 422),
    )  # fmt: skip


@router.post("/p/{project_id}/clients/{client_id}/restrict", response_class=HTMLResponse)
async def restrict(request: Request, project_id: str, client_id: str, state: State) -> Response:
    """Record an erasure request that must wait for the retention end (Art. 17(3)(b)):
    the record is restricted to the data-protection role until then."""
    return await _restriction(request, (project_id, client_id), state, lift=False)


@router.post("/p/{project_id}/clients/{client_id}/lift-restriction", response_class=HTMLResponse)
async def lift_restriction(
    request: Request, project_id: str, client_id: str, state: State
) -> Response:
    """The person withdrew their request: the record is shown as before."""
    return await _restriction(request, (project_id, client_id), state, lift=True)


async def _restriction(
    request: Request, ids: tuple[str, str], state: State, *, lift: bool
) -> Response:
    project_id, client_id = ids
    posted = await guarded_form(state, request, data_protection(state, request, project_id))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    command: RestrictProcessing | LiftRestriction = (
        LiftRestriction(client_id=client_id)
        if lift
        else RestrictProcessing(client_id=client_id, basis=form.text("basis") or "esf_retention")
    )
    return await hand_over(
        state, request, found, project_id, command,
        done=f"/p/{project_id}/clients/{client_id}/privacy",
        refused=lambda errors: _privacy_page(state, request, found, ids, errors, 422),
    )  # fmt: skip
