"""The matching overview page: open leads, active clients, the latest placements."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.entrypoints.pages.rendering import BASE, FRESH, Shown, State, show, viewing
from services.matching.entrypoints.state import MatchingState
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)


def overview(
    state: MatchingState,
    request: Request,
    signed_in: SignedIn,
    project_id: str,
    shown: Shown = FRESH,
) -> Response:
    read = state.read
    clients = read.clients(project_id)
    context = {
        "leads": read.leads(project_id, available_only=True),
        "companies": {c.company_id: c for c in read.companies(project_id)},
        "clients": [c for c in clients if c.active],
        "profiled": {c.client_id for c in read.candidates(project_id)},
        "placements": read.placements(project_id)[:20],
    }
    return show(state, request, signed_in, project_id, "matching/home.html", context, shown)


@router.get(BASE, response_class=HTMLResponse)
def home(request: Request, project_id: str, state: State) -> Response:
    return viewing(
        state, request, project_id, lambda s, shown: overview(state, request, s, project_id, shown)
    )
