"""Matching pages of job leads: recording one, its page with the ranked and explained
candidates, its status, and proposing a client for it."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.commands import ChangeLeadStatus, RecordLead, ReferClient
from services.matching.domain.lead import NEXT_STATUSES
from services.matching.domain.vocabulary import LeadKind, LeadStatus, WorkingTime
from services.matching.entrypoints.pages.picking import chosen
from services.matching.entrypoints.pages.rendering import (
    BASE,
    Drawn,
    FormPage,
    RecordPages,
    State,
    submit,
)
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.dependencies import new_id_in
from services.matching.service_layer.ranking import (
    DEFAULT_LIMIT,
    THRESHOLD,
    clients_for_lead,
    worth_showing,
)
from services.matching.service_layer.views import LeadView
from shared.messagebus import CommandContext
from shared.web.forms import FormReader

router = APIRouter(include_in_schema=False)


LEAD_FORM = FormPage(
    "matching/lead_new.html",
    lambda state, project_id: {"companies": state.read.companies(project_id)},
)


def _lead_page(
    state: MatchingState, project_id: str, lead: LeadView, query: Mapping[str, str]
) -> Drawn:
    """The lead with its candidates: those scoring at least ``THRESHOLD`` of the best
    twenty, or everyone compared when the coach asks for all (``?all=yes``)."""
    read = state.read
    referrals = read.referrals(project_id, lead_id=lead.lead_id)
    everyone = query.get("all") == "yes"
    limit = None if everyone else DEFAULT_LIMIT
    ranking = clients_for_lead(read, project_id, lead.lead_id, limit, pool=state.pool)
    context = {
        "lead": lead,
        "company": read.company(project_id, lead.company_id),
        "ranking": ranking,
        "shown": ranking.matches if everyone else worth_showing(ranking.matches),
        "everyone": everyone,
        "threshold": THRESHOLD,
        "referrals": referrals,
        "referred": {r.client_id for r in referrals},
        "placed": {p.referral_id for p in read.placements(project_id)},
        "next_statuses": [s.value for s in LeadStatus if s in NEXT_STATUSES[lead.status]],
    }
    return Drawn(context, {"changed_on": state.today().isoformat()})


LEAD: RecordPages[LeadView] = RecordPages(
    "leads",
    "matching/lead.html",
    lambda state, project_id, lead_id: state.read.lead(project_id, lead_id),
    _lead_page,
)


@router.get(BASE + "/leads/new", response_class=HTMLResponse)
def new_lead(request: Request, project_id: str, state: State, company_id: str = "") -> Response:
    company = state.read.company(project_id, company_id) if company_id else None
    values = {
        "company_id": company_id,
        "found_on": state.today().isoformat(),
        "municipality": company.municipality if company else "",
        "required_languages": "fi",
    }
    return LEAD_FORM.view(state, request, project_id, values)


def _lead(form: FormReader, context: CommandContext) -> object:
    company_id = form.text("company_id", required=True)
    kind = form.chosen("kind", LeadKind)
    code = form.text("occupation_code", required=True)
    municipality = form.text("municipality", required=True)
    working_time = form.chosen("working_time", WorkingTime)
    found_on = form.required_day("found_on")
    starts_on = form.day("starts_on")
    form.check()
    return RecordLead(
        lead_id=new_id_in("lead", context),
        company_id=company_id,
        project_id=context.project_id,
        kind=kind,
        occupation_code=code,
        occupation_label="",
        esco_code=None,
        municipality=municipality,
        working_time=working_time,
        found_on=found_on,
        starts_on=starts_on,
        wage_subsidy_eligible=form.flag("wage_subsidy_eligible"),
        required_skills=tuple(form.tags("required_skills")),
        required_languages=tuple(chosen(form, "required_languages")),
        coach_id=context.actor,
        driving_licence_required=form.flag("driving_licence_required"),
    )


@router.post(BASE + "/leads", response_class=HTMLResponse)
async def record_lead(request: Request, project_id: str, state: State) -> Response:
    return await submit(
        state,
        request,
        project_id,
        _lead,
        lambda done: f"/p/{project_id}/matching/leads/{done.id}?saved=lead",
        LEAD_FORM.again(state, request, project_id),
    )


LEAD.shown_on(router)


@router.post(BASE + "/leads/{lead_id}/status", response_class=HTMLResponse)
async def change_status(request: Request, project_id: str, lead_id: str, state: State) -> Response:
    def build(form: FormReader, _context: CommandContext) -> object:
        status = form.chosen("status", LeadStatus)
        day = form.required_day("changed_on")
        form.check()
        return ChangeLeadStatus(lead_id=lead_id, status=status, changed_on=day)

    return await LEAD.submit(state, request, project_id, lead_id, build, "status")


@router.post(BASE + "/leads/{lead_id}/referrals", response_class=HTMLResponse)
async def refer(request: Request, project_id: str, lead_id: str, state: State) -> Response:
    def build(form: FormReader, context: CommandContext) -> object:
        client_id = form.text("client_id", required=True)
        form.check()
        return ReferClient(
            referral_id=new_id_in("referral", context),
            client_id=client_id,
            lead_id=lead_id,
            project_id=context.project_id,
            referred_on=state.today(),
            coach_id=context.actor,
        )

    return await LEAD.submit(state, request, project_id, lead_id, build, "referral")
