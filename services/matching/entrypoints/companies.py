"""JSON API of companies: register, list, show, contact persons, contact log, relation,
needs (entrypoint layer).

Routes under ``/api/matching/projects/{project_id}/companies``. Coaches and project
managers write, every member (auditors too) reads; another project's company answers 404.
"""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter

from services.matching.domain.commands import (
    AddContactPerson,
    RecordContact,
    RecordNeed,
    RecordRelation,
    RegisterCompany,
)
from services.matching.entrypoints.deps import (
    CREATED,
    Reader,
    State,
    Writer,
    accept,
    accept_new,
    found,
)
from services.matching.entrypoints.schemas import (
    CompanyIn,
    ContactIn,
    ContactPersonIn,
    NeedIn,
    RelationIn,
)
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.views import (
    CompanyView,
    ContactLogEntry,
    ContactNote,
    ContactPerson,
    LeadView,
    NeedView,
    PlacementView,
)
from shared.web.commands import AcceptedOut
from shared.web.problems import PROBLEM_RESPONSES

router = APIRouter(
    prefix="/api/matching/projects/{project_id}/companies", tags=["matching: companies"]
)
COMPANY = frozenset({"company_not_found"})
"""The company of the path is missing: 404."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class CompanyDetail:
    company: CompanyView
    contacts: list[ContactPerson]
    contact_log: list[ContactLogEntry]
    notes: dict[str, ContactNote]
    """What was discussed at each contact and who made it, by contact-log id."""
    needs: list[NeedView]
    leads: list[LeadView]
    placements: list[PlacementView]


def company_detail(state: MatchingState, project_id: str, company_id: str) -> CompanyDetail | None:
    company = state.read.company(project_id, company_id)
    if company is None:
        return None
    return CompanyDetail(
        company=company,
        contacts=state.contacts.of_company(project_id, company_id),
        contact_log=state.read.contact_log(project_id, company_id),
        notes=state.contacts.notes_of_company(project_id, company_id),
        needs=state.read.needs(project_id, company_id),
        leads=state.read.leads(project_id, company_id=company_id),
        placements=state.read.placements(project_id, company_id=company_id),
    )


@router.post("", summary="Register a company (once per project, by its Business ID)", **CREATED)
async def register(project_id: str, body: CompanyIn, user: Writer, state: State) -> AcceptedOut:
    return await accept_new(
        state,
        user,
        project_id,
        body,
        "company",
        RegisterCompany,
        registered_on=body.registered_on or state.today(),
    )


@router.get("", summary="The project's companies")
def list_companies(project_id: str, _user: Reader, state: State) -> list[CompanyView]:
    return state.read.companies(project_id)


@router.get(
    "/{company_id}",
    summary="A company with its contacts, log, needs and leads",
    responses=PROBLEM_RESPONSES,
)
def get_company(project_id: str, company_id: str, _user: Reader, state: State) -> CompanyDetail:
    return found(company_detail(state, project_id, company_id))


@router.post("/{company_id}/contacts", summary="Add a contact person", **CREATED)
async def add_contact(
    project_id: str, company_id: str, body: ContactPersonIn, user: Writer, state: State
) -> AcceptedOut:
    return await accept_new(
        state,
        user,
        project_id,
        body,
        "contact",
        AddContactPerson,
        not_found=COMPANY,
        company_id=company_id,
        added_on=state.today(),
    )


@router.post(
    "/{company_id}/contact-log", summary="Record a visit, call, event or e-mail", **CREATED
)
async def record_contact(
    project_id: str, company_id: str, body: ContactIn, user: Writer, state: State
) -> AcceptedOut:
    return await accept_new(
        state,
        user,
        project_id,
        body,
        "contact_log",
        RecordContact,
        not_found=COMPANY,
        company_id=company_id,
        contact_id=body.contact_id or None,
        made_by_name=user.display_name,
    )


@router.post(
    "/{company_id}/relation", summary="Cooperating or directly supported (ESF §6.2)", **CREATED
)
async def record_relation(
    project_id: str, company_id: str, body: RelationIn, user: Writer, state: State
) -> AcceptedOut:
    command = RecordRelation(company_id=company_id, relation=body.relation, since=body.since)
    return await accept(state, command, user, project_id, not_found=COMPANY)


@router.post("/{company_id}/needs", summary="Record a service or staffing need", **CREATED)
async def record_need(
    project_id: str, company_id: str, body: NeedIn, user: Writer, state: State
) -> AcceptedOut:
    return await accept_new(
        state,
        user,
        project_id,
        body,
        "need",
        RecordNeed,
        not_found=COMPANY,
        company_id=company_id,
        occupation_code=body.occupation_code or None,
    )
