"""Matching pages of companies: registering one (with its first contact), its page with
contact persons, contact log, relation and needs."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.commands import (
    AddContactPerson,
    RecordContact,
    RecordNeed,
    RecordRelation,
    RegisterCompany,
    SetCompanySector,
)
from services.matching.domain.vocabulary import (
    CompanyNeed,
    CompanyRelation,
    ContactKind,
    EmployerSector,
    SizeClass,
)
from services.matching.entrypoints.companies import CompanyDetail, company_detail
from services.matching.entrypoints.pages.rendering import (
    BASE,
    Drawn,
    FormPage,
    RecordPages,
    State,
    submit_then,
)
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.dependencies import new_id_in
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext
from shared.web.commands import run_form
from shared.web.forms import FormReader
from shared.web.guards import context_of
from shared.web.pages import redirect
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)


COMPANY_FORM = FormPage("matching/company_new.html")


def _company(
    state: MatchingState, _project_id: str, detail: CompanyDetail, _query: Mapping[str, str]
) -> Drawn:
    context = {
        "company": detail.company,
        "contacts": detail.contacts,
        "contact_names": {c.contact_id: c.full_name for c in detail.contacts},
        "contact_log": detail.contact_log,
        "notes": detail.notes,
        "makers": state.contacts.makers(detail.company.project_id),
        "needs": detail.needs,
        "leads": detail.leads,
        "placements": detail.placements,
    }
    today = state.today().isoformat()
    return Drawn(context, {"contacted_on": today, "recorded_on": today, "since": today})


COMPANY: RecordPages[CompanyDetail] = RecordPages(
    "companies", "matching/company.html", company_detail, _company
)


@router.get(BASE + "/companies/new", response_class=HTMLResponse)
def new_company(request: Request, project_id: str, state: State) -> Response:
    values = {"contacted_on": state.today().isoformat(), "kind": "visit"}
    return COMPANY_FORM.view(state, request, project_id, values)


COMPANY.shown_on(router)


def _registration(form: FormReader, context: CommandContext, state: MatchingState) -> object:
    """The company, with the first contact's fields read (and refused) along with it."""
    business_id = form.text("business_id", required=True)
    trade_name = form.text("trade_name", required=True)
    industry = form.text("industry", required=True)
    municipality = form.text("municipality", required=True)
    size = form.chosen("size_class", SizeClass)
    sector = form.choice("sector", EmployerSector, required=False) or EmployerSector.PRIVATE
    kind = form.choice("kind", ContactKind, required=False)
    form.day("contacted_on", required=kind is not None)
    form.check()
    return RegisterCompany(
        company_id=new_id_in("company", context),
        project_id=context.project_id,
        business_id=business_id,
        trade_name=trade_name,
        industry=industry,
        municipality=municipality,
        size_class=size,
        registered_on=state.today(),
        coach_id=context.actor,
        sector=sector,
    )


@router.post(BASE + "/companies", response_class=HTMLResponse)
async def register_company(request: Request, project_id: str, state: State) -> Response:
    """Register the company and, when the form names it, the contact it was met at."""

    async def first_contact(signed_in: SignedIn, form: FormReader, done: Accepted) -> Response:
        kind = form.choice("kind", ContactKind, required=False)
        contacted_on = form.day("contacted_on")
        if kind is not None and contacted_on is not None and not done.duplicate:
            contact = RecordContact(
                company_id=done.id,
                contact_log_id=uuid7_str(),
                contact_id=None,
                kind=kind,
                coach_id=signed_in.user.id,
                contacted_on=contacted_on,
                made_by_name=signed_in.user.display_name,
            )
            await run_form(state.bus, contact, context_of(request, signed_in, project_id))
        return redirect(f"/p/{project_id}/matching/companies/{done.id}?saved=company")

    return await submit_then(
        state,
        request,
        project_id,
        lambda form, context: _registration(form, context, state),
        first_contact,
        COMPANY_FORM.again(state, request, project_id),
    )


@router.post(BASE + "/companies/{company_id}/contacts", response_class=HTMLResponse)
async def add_contact(request: Request, project_id: str, company_id: str, state: State) -> Response:
    def build(form: FormReader, context: CommandContext) -> object:
        name = form.text("full_name", required=True)
        form.check()
        return AddContactPerson(
            company_id=company_id,
            contact_id=new_id_in("contact", context),
            added_on=state.today(),
            full_name=name,
            job_title=form.text("job_title"),
            phone=form.text("phone"),
            email=form.text("email"),
        )

    return await COMPANY.submit(state, request, project_id, company_id, build, "contact_person")


@router.post(BASE + "/companies/{company_id}/contact-log", response_class=HTMLResponse)
async def record_contact(
    request: Request, project_id: str, company_id: str, state: State
) -> Response:
    """A contact with the company: made by the signed-in user unless another maker is
    chosen; what was discussed is kept with it (never in the event)."""
    signed_in = state.auth.maybe_signed_in(request)
    own_name = signed_in.user.display_name if signed_in else ""

    def build(form: FormReader, context: CommandContext) -> object:
        kind = form.chosen("kind", ContactKind)
        day = form.required_day("contacted_on")
        form.check()
        made_by = form.text("made_by") or context.actor
        makers = state.contacts.makers(context.project_id)
        return RecordContact(
            company_id=company_id,
            contact_log_id=new_id_in("contact_log", context),
            contact_id=form.optional("contact_id"),
            kind=kind,
            coach_id=made_by,
            contacted_on=day,
            note=form.values.get("note", ""),
            made_by_name=own_name if made_by == context.actor else makers.get(made_by, ""),
        )

    return await COMPANY.submit(state, request, project_id, company_id, build, "contact")


@router.post(BASE + "/companies/{company_id}/relation", response_class=HTMLResponse)
async def record_relation(
    request: Request, project_id: str, company_id: str, state: State
) -> Response:
    def build(form: FormReader, _context: CommandContext) -> object:
        relation = form.chosen("relation", CompanyRelation)
        since = form.required_day("since")
        form.check()
        return RecordRelation(company_id=company_id, relation=relation, since=since)

    return await COMPANY.submit(state, request, project_id, company_id, build, "relation")


@router.post(BASE + "/companies/{company_id}/sector", response_class=HTMLResponse)
async def set_sector(request: Request, project_id: str, company_id: str, state: State) -> Response:
    """Mark the company a public employer or a unit of the project's own organisation."""

    def build(form: FormReader, _context: CommandContext) -> object:
        sector = form.chosen("sector", EmployerSector)
        form.check()
        return SetCompanySector(company_id=company_id, sector=sector, set_on=state.today())

    return await COMPANY.submit(state, request, project_id, company_id, build, "sector")


@router.post(BASE + "/companies/{company_id}/needs", response_class=HTMLResponse)
async def record_need(request: Request, project_id: str, company_id: str, state: State) -> Response:
    def build(form: FormReader, context: CommandContext) -> object:
        need = form.chosen("need", CompanyNeed)
        headcount = form.number("headcount")
        day = form.required_day("recorded_on")
        form.check()
        return RecordNeed(
            company_id=company_id,
            need_id=new_id_in("need", context),
            need=need,
            occupation_code=form.optional("occupation_code"),
            headcount=headcount,
            recorded_on=day,
        )

    return await COMPANY.submit(state, request, project_id, company_id, build, "need")
