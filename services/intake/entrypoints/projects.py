"""JSON API of projects (tenants): register, read and amend a plan; list a project's staff.

An admin registers projects and changes their plans (the handlers check it; the routes
answer 403 before that); members read their own projects only, and another project
answers 404 as if it did not exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

from services.intake.domain.esf import LabourMarketStatus
from services.intake.domain.events import FundingShare, ProjectPlan
from services.intake.domain.project import ChangeProjectPlan, RegisterProject
from services.intake.domain.target_group import TargetGroupRule
from services.intake.entrypoints.access import Admin, CurrentUser, Member
from services.intake.entrypoints.json_writes import write, write_route
from services.intake.entrypoints.state import State
from shared.events.codec import payload_of
from shared.web.commands import AcceptedOut
from shared.web.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/intake/projects", tags=["intake: projects"])


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
    reason: str = Field(default="", max_length=1000)
    """The words (required for the code ``other``), kept apart from the event."""
    reason_code: str = Field(default="other", max_length=32)


class ProjectOut(BaseModel):
    project_id: str
    plan: dict[str, Any]


class MemberOut(BaseModel):
    user_id: str
    display_name: str


@router.get("", summary="The projects you belong to (every project for an admin)")
def list_projects(user: CurrentUser, state: State) -> list[ProjectOut]:
    rows = state.directory.projects(None if user.is_admin else sorted(user.projects()))
    return [ProjectOut(project_id=row.project_id, plan=row.plan) for row in rows]


@write_route(router.post, "", "Register a project (admin)", status_code=status.HTTP_201_CREATED)
async def register(body: ProjectIn, user: Admin, state: State) -> AcceptedOut:
    command = RegisterProject(project_id=body.project_id, plan=body.plan())
    return AcceptedOut.of(await write(state, user, body.project_id, command))


@router.get("/{project_id}", summary="One project and its plan", responses=PROBLEM_RESPONSES)
def get_project(project_id: str, _user: Member, state: State) -> ProjectOut:
    project = state.views.project(project_id)
    if project is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not_found")
    return ProjectOut(project_id=project_id, plan=payload_of(project.plan))


@write_route(router.put, "/{project_id}/plan", "Amend the project's plan (admin), with a reason")
async def change_plan(
    project_id: str, body: PlanChangeIn, user: Admin, state: State
) -> AcceptedOut:
    command = ChangeProjectPlan(
        project_id=project_id, plan=body.plan(), reason=body.reason, reason_code=body.reason_code
    )
    return AcceptedOut.of(await write(state, user, project_id, command))


@router.get("/{project_id}/members", summary="The project's staff, e.g. its coaches")
def members(
    project_id: str,
    _user: Member,
    state: State,
    role: Literal["coach", "project_manager", "auditor"] | None = None,
) -> list[MemberOut]:
    return [
        MemberOut(user_id=user_id, display_name=name)
        for user_id, name in state.auth.store.members_of(project_id, role)
    ]
