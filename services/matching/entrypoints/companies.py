"""JSON API of companies: register, list, show, contact persons, contact log, relation,
needs (entrypoint layer).

Routes under ``/api/matching/projects/{project_id}/companies``. Coaches and project
managers write, every member (auditors too) reads; another project's company answers 404.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.responses import JSONResponse

from services.matching.entrypoints.errors import ERRORS, creating, record
from services.matching.entrypoints.schemas import (
    CompanyIn,
    ContactIn,
    ContactPersonIn,
    NeedIn,
    Recorded,
    RelationIn,
)
from services.matching.service_layer import handlers
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.views import (
    CompanyView,
    ContactLogEntry,
    ContactPerson,
    LeadView,
    NeedView,
    PlacementView,
)
from shared.web.auth import WebAuth
from shared.web.principal import WRITERS, User

COMPANY = frozenset({"company_not_found"})


@dataclasses.dataclass(frozen=True, kw_only=True)
class CompanyDetail:
    company: CompanyView
    contacts: list[ContactPerson]
    contact_log: list[ContactLogEntry]
    needs: list[NeedView]
    leads: list[LeadView]
    placements: list[PlacementView]


def company_detail(m: Matching, project_id: str, company_id: str) -> CompanyDetail | None:
    company = m.read.company(project_id, company_id)
    if company is None:
        return None
    return CompanyDetail(
        company=company,
        contacts=m.contacts.of_company(project_id, company_id),
        contact_log=m.read.contact_log(project_id, company_id),
        needs=m.read.needs(project_id, company_id),
        leads=m.read.leads(project_id, company_id=company_id),
        placements=m.read.placements(project_id, company_id=company_id),
    )


def companies_router(auth: WebAuth, m: Matching) -> APIRouter:
    api = APIRouter(
        prefix="/api/matching/projects/{project_id}/companies", tags=["matching: companies"]
    )
    writer = Depends(auth.require_project_member(*WRITERS))
    reader = Depends(auth.require_project_member())
    created = creating(auth)

    @api.post("", summary="Register a company (once per project, by its Business ID)", **created)
    def register(
        project_id: str, body: CompanyIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.register_company(
                m,
                project_id=project_id,
                business_id=body.business_id,
                trade_name=body.trade_name,
                industry=body.industry,
                municipality=body.municipality,
                size_class=body.size_class,
                registered_on=body.registered_on,
                actor=user.id,
                submission_id=body.submission_id,
            )
        )

    @api.get("", summary="The project's companies")
    def list_companies(project_id: str, _user: Annotated[User, reader]) -> list[CompanyView]:
        return m.read.companies(project_id)

    @api.get(
        "/{company_id}",
        summary="A company with its contacts, log, needs and leads",
        response_model=CompanyDetail,
        responses=ERRORS,
    )
    def get_company(
        project_id: str, company_id: str, _user: Annotated[User, reader]
    ) -> CompanyDetail | JSONResponse:
        detail = company_detail(m, project_id, company_id)
        if detail is None:
            return JSONResponse({"detail": "not_found"}, status.HTTP_404_NOT_FOUND)
        return detail

    @api.post("/{company_id}/contacts", summary="Add a contact person", **created)
    def add_contact(
        project_id: str, company_id: str, body: ContactPersonIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.add_contact_person(
                m,
                project_id=project_id,
                company_id=company_id,
                full_name=body.full_name,
                job_title=body.job_title,
                phone=body.phone,
                email=body.email,
                actor=user.id,
                submission_id=body.submission_id,
            ),
            path_ids=COMPANY,
        )

    @api.post(
        "/{company_id}/contact-log", summary="Record a visit, call, event or e-mail", **created
    )
    def record_contact(
        project_id: str, company_id: str, body: ContactIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.record_contact(
                m,
                project_id=project_id,
                company_id=company_id,
                kind=body.kind,
                contacted_on=body.contacted_on,
                contact_id=body.contact_id,
                actor=user.id,
                submission_id=body.submission_id,
            ),
            path_ids=COMPANY,
        )

    @api.post(
        "/{company_id}/relation", summary="Cooperating or directly supported (ESF §6.2)", **created
    )
    def record_relation(
        project_id: str, company_id: str, body: RelationIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.record_relation(
                m,
                project_id=project_id,
                company_id=company_id,
                relation=body.relation,
                since=body.since,
                actor=user.id,
            ),
            path_ids=COMPANY,
        )

    @api.post("/{company_id}/needs", summary="Record a service or staffing need", **created)
    def record_need(
        project_id: str, company_id: str, body: NeedIn, user: Annotated[User, writer]
    ) -> Recorded | JSONResponse:
        return record(
            lambda: handlers.record_need(
                m,
                project_id=project_id,
                company_id=company_id,
                need=body.need,
                occupation_code=body.occupation_code,
                headcount=body.headcount,
                recorded_on=body.recorded_on,
                actor=user.id,
                submission_id=body.submission_id,
            ),
            path_ids=COMPANY,
        )

    return api
