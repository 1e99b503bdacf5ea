"""The matching overview and its lists (entrypoint layer): the project's companies, found
by name, industry and open leads, a page at a time; the open job leads; the clients'
job profiles. Every list is cut into pages on the server, so that no page grows with the
project."""

from __future__ import annotations

import collections
from collections.abc import Mapping
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.industries import TOL_2008, section_of
from services.matching.entrypoints.pages.rendering import BASE, FRESH, Shown, State, show, viewing
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.listing import CompanyFilter, find_companies, page_of
from shared.web.pages import language_of
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)
LATEST = 10
"""Open leads and placements the overview shows before linking to the whole list."""


def _number(query: Mapping[str, str]) -> int:
    text = query.get("page", "1")
    return int(text) if text.isdigit() and len(text) < 7 else 1


def _link(path: str, query: Mapping[str, str], **changes: object) -> str:
    """``path`` with the list's query, ``changes`` applied (empty values left out)."""
    merged = {**query, **{k: str(v) for k, v in changes.items()}}
    kept = {k: v for k, v in merged.items() if v and not (k == "page" and v == "1")}
    return f"{path}?{urlencode(kept)}" if kept else path


def _wanted(query: Mapping[str, str]) -> CompanyFilter:
    section = query.get("industry", "").strip().upper()
    return CompanyFilter(
        text=query.get("q", "")[:100],
        section=section if section in TOL_2008 and len(section) == 1 else "",
        open_leads_only=query.get("open") == "yes",
    )


def overview(
    state: MatchingState,
    request: Request,
    signed_in: SignedIn,
    project_id: str,
    shown: Shown = FRESH,
) -> Response:
    """The companies (searched, filtered and paged), the newest open leads, the clients."""
    read = state.read
    query = dict(request.query_params)
    companies = read.companies(project_id)
    leads = read.leads(project_id, available_only=True)
    open_leads = collections.Counter(lead.company_id for lead in leads)
    wanted = _wanted(query)
    found = page_of(find_companies(companies, open_leads, wanted), _number(query))
    language = language_of(request)
    sections = sorted({section_of(c.industry) or "" for c in companies} & set(TOL_2008))
    base = f"/p/{project_id}/matching"
    context = {
        "found": found,
        "wanted": wanted,
        "filtered": wanted != CompanyFilter(),
        "company_count": len(companies),
        "open_leads": open_leads,
        "sections": [(s, f"{s} {TOL_2008[s].in_language(language)}") for s in sections],
        "page_link": lambda n: _link(base, query, page=n) + "#h-companies",
        "leads": leads[:LATEST],
        "lead_count": len(leads),
        "companies": {c.company_id: c for c in companies},
        **_clients_summary(state, project_id),
        "placements": read.placements(project_id)[:LATEST],
    }
    return show(state, request, signed_in, project_id, "matching/home.html", context, shown)


def _clients_summary(state: MatchingState, project_id: str) -> dict[str, int]:
    active = [c for c in state.read.clients(project_id) if c.active]
    return {"active_count": len(active), "profiled_count": len(state.read.candidates(project_id))}


@router.get(BASE, response_class=HTMLResponse)
def home(request: Request, project_id: str, state: State) -> Response:
    return viewing(
        state, request, project_id, lambda s, shown: overview(state, request, s, project_id, shown)
    )


@router.get(BASE + "/leads", response_class=HTMLResponse)
def open_leads(request: Request, project_id: str, state: State) -> Response:
    """Every open lead, newest first, a page at a time."""

    def page(signed_in: SignedIn, shown: Shown) -> Response:
        query = dict(request.query_params)
        leads = state.read.leads(project_id, available_only=True)
        context = {
            "found": page_of(leads, _number(query)),
            "companies": {c.company_id: c for c in state.read.companies(project_id)},
            "page_link": lambda n: _link(f"/p/{project_id}/matching/leads", query, page=n),
        }
        template = "matching/leads.html"
        return show(state, request, signed_in, project_id, template, context, shown)

    return viewing(state, request, project_id, page)


@router.get(BASE + "/clients", response_class=HTMLResponse)
def clients(request: Request, project_id: str, state: State) -> Response:
    """The project's active clients and whether each is in matching, a page at a time."""

    def page(signed_in: SignedIn, shown: Shown) -> Response:
        query = dict(request.query_params)
        active = [c for c in state.read.clients(project_id) if c.active]
        context = {
            "found": page_of(active, _number(query)),
            "profiled": {c.client_id for c in state.read.candidates(project_id)},
            "page_link": lambda n: _link(f"/p/{project_id}/matching/clients", query, page=n),
        }
        template = "matching/clients.html"
        return show(state, request, signed_in, project_id, template, context, shown)

    return viewing(state, request, project_id, page)
