"""JSON API of projects (tenants): register, read and amend a plan; list a project's staff.

An admin registers projects and changes their plans; members read their own projects
only, and another project answers 404 as if it did not exist.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from services.intake.domain.errors import DomainError
from services.intake.domain.esf import LabourMarketStatus
from services.intake.domain.events import FundingShare, ProjectPlan
from services.intake.domain.target_group import TargetGroupRule
from services.intake.entrypoints.auth import Auth
from services.intake.entrypoints.clients import refusal
from services.intake.service_layer.accounts import ADMIN, AccountStore, User
from services.intake.service_layer.directory import Directory
from services.intake.service_layer.projects import (
    change_project_plan,
    load_project,
    register_project,
)
from shared.eventlog.port import EventLog, WrongExpectedVersion
from shared.events.codec import payload_of


class FundingIn(BaseModel):
    source: Literal["esf", "state", "municipal", "private", "other"]
    percent: float = Field(ge=0, le=100)


class PlanIn(BaseModel):
    name: str = Field(max_length=200)
    municipalities: list[str] = Field(max_length=100)
    starts_on: date
    ends_on: date
    min_age: int | None = Field(default=None, ge=0, le=130)
    max_age: int | None = Field(default=None, ge=0, le=130)
    labour_market_statuses: list[LabourMarketStatus] | None = None
    planned_participants: int = 0
    planned_companies: int = 0
    funding: list[FundingIn] = Field(default_factory=list)

    def plan(self) -> ProjectPlan:
        statuses = self.labour_market_statuses
        return ProjectPlan(
            name=self.name.strip(),
            municipalities=tuple(m.strip() for m in self.municipalities if m.strip()),
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            target_group=TargetGroupRule(
                min_age=self.min_age,
                max_age=self.max_age,
                labour_market_statuses=frozenset(statuses) if statuses else None,
            ),
            planned_participants=self.planned_participants,
            planned_companies=self.planned_companies,
            funding=tuple(FundingShare(source=f.source, percent=f.percent) for f in self.funding),
        )


class ProjectIn(PlanIn):
    project_id: str = Field(max_length=64, description="The funder's code, e.g. S21048")


class PlanChangeIn(PlanIn):
    reason: str = Field(max_length=1000)


class ProjectOut(BaseModel):
    project_id: str
    plan: dict[str, Any]


class MemberOut(BaseModel):
    user_id: str
    display_name: str


def projects_router(
    auth: Auth,
    log: EventLog,
    directory: Directory,
    accounts: AccountStore,
    refresh: Callable[[], object],
) -> APIRouter:
    api = APIRouter(prefix="/api/intake/projects", tags=["intake: projects"])
    admin = Depends(auth.require_role(ADMIN))
    member = Depends(auth.require_project_member())
    csrf = [Depends(auth.verify_csrf)]

    @api.get("", summary="The projects you belong to (every project for an admin)")
    def list_projects(user: Annotated[User, Depends(auth.current_user)]) -> list[ProjectOut]:
        rows = directory.projects(None if user.is_admin else sorted(user.projects()))
        return [ProjectOut(project_id=row.project_id, plan=row.plan) for row in rows]

    @api.post(
        "",
        summary="Register a project (admin)",
        status_code=status.HTTP_201_CREATED,
        response_model=ProjectOut,
        dependencies=csrf,
        responses=_ERRORS,
    )
    def register(body: ProjectIn, user: Annotated[User, admin]) -> ProjectOut | JSONResponse:
        try:
            project = register_project(log, body.project_id, body.plan(), actor=user.id)
        except DomainError as error:
            return refusal(error)
        except WrongExpectedVersion as error:
            raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error
        refresh()
        return ProjectOut(project_id=project.project_id, plan=payload_of(project.plan))

    @api.get("/{project_id}", summary="One project and its plan", responses=_ERRORS)
    def get_project(project_id: str, _user: Annotated[User, member]) -> ProjectOut:
        project = load_project(log, project_id)[0]
        if project is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not_found")
        return ProjectOut(project_id=project_id, plan=payload_of(project.plan))

    @api.put(
        "/{project_id}/plan",
        summary="Amend the project's plan (admin), with a reason",
        response_model=ProjectOut,
        dependencies=csrf,
        responses=_ERRORS,
    )
    def change_plan(
        project_id: str, body: PlanChangeIn, user: Annotated[User, admin]
    ) -> ProjectOut | JSONResponse:
        try:
            project = change_project_plan(
                log, project_id, body.plan(), reason=body.reason, actor=user.id
            )
        except DomainError as error:
            return refusal(error)
        except WrongExpectedVersion as error:
            raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error
        refresh()
        return ProjectOut(project_id=project.project_id, plan=payload_of(project.plan))

    @api.get("/{project_id}/members", summary="The project's staff, e.g. its coaches")
    def members(
        project_id: str,
        _user: Annotated[User, member],
        role: Literal["coach", "project_manager", "auditor"] | None = None,
    ) -> list[MemberOut]:
        return [
            MemberOut(user_id=user_id, display_name=name)
            for user_id, name in accounts.members_of(project_id, role)
        ]

    return api


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "`not_found`: no such project here"},
    409: {"description": "`conflict`: the project changed meanwhile; reload and retry"},
    422: {"description": '`{"code": ..., "field": ...}`: a domain rule refused the plan'},
}
