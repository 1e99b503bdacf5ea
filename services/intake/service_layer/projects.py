"""Registering projects (tenants) and changing their plans (service layer).

Only an admin registers a project or changes its plan; the plan's events let reporting
set the funder's targets against the actual figures.
"""

from __future__ import annotations

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.events import ProjectEvent, ProjectPlan
from services.intake.domain.project import (
    ChangeProjectPlan,
    Project,
    ProjectCommand,
    RegisterProject,
    decide_project,
    rebuild_project,
)
from shared.eventlog.port import EventLog
from shared.events.codec import decode_event
from shared.events.envelope import Context, NewEvent


def project_stream(project_id: str) -> str:
    return f"project-{project_id}"


def load_project(log: EventLog, project_id: str) -> tuple[Project | None, int]:
    contracts = intake_contracts()
    recorded = log.read_stream(project_stream(project_id))
    events: list[ProjectEvent] = [
        decode_event(contracts, r.event_type, r.schema_version, r.payload) for r in recorded
    ]
    return rebuild_project(events), recorded[-1].stream_version if recorded else 0


def _execute(log: EventLog, command: ProjectCommand, actor: str) -> Project:
    state, version = load_project(log, command.project_id)
    events = decide_project(state, command)
    if events:
        context = Context(project_id=command.project_id, actor=actor)
        log.append(
            project_stream(command.project_id),
            [NewEvent.of(event, context) for event in events],
            expected_version=version,
        )
    return Project(project_id=command.project_id, plan=command.plan)


def register_project(log: EventLog, project_id: str, plan: ProjectPlan, *, actor: str) -> Project:
    return _execute(log, RegisterProject(project_id=project_id, plan=plan), actor)


def change_project_plan(
    log: EventLog, project_id: str, plan: ProjectPlan, *, reason: str, actor: str
) -> Project:
    return _execute(log, ChangeProjectPlan(project_id=project_id, plan=plan, reason=reason), actor)
