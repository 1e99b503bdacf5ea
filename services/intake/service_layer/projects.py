"""Registering projects (tenants) and changing their plans (service layer).

Only an admin registers a project or changes its plan; the plan's events let reporting
set the funder's targets against the actual figures. ``register`` and ``change_plan`` are
the bus's handlers; ``register_project`` and ``load_project`` serve the command line and
the seeding of demos and tests, which act as the system itself on the log.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.errors import DomainError
from services.intake.domain.events import ProjectPlan
from services.intake.domain.project import (
    ChangeProjectPlan,
    Project,
    ProjectCommand,
    RegisterProject,
    decide_project,
)
from services.intake.service_layer.enrolment import PROJECT
from services.intake.service_layer.reasons import checked_words, keep_words
from shared.eventlog.aggregates import AggregateStreams
from shared.eventlog.port import EventLog
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext
from shared.web.principal import ADMIN

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps


def register(deps: IntakeDeps, command: RegisterProject, context: CommandContext) -> Accepted:
    """Register a project (a tenant): an admin's decision."""
    return _as_admin(deps.streams, command, context)


def change_plan(deps: IntakeDeps, command: ChangeProjectPlan, context: CommandContext) -> Accepted:
    """Amend a project's plan with a reason: an admin's decision. The words of the reason
    are kept in intake's store under the id the event names, before it is appended."""
    if not context.is_admin:
        raise DomainError("admin_required")
    words = checked_words(command.reason, "reason")
    command = dataclasses.replace(command, reason=words, reason_id=uuid7_str() if words else None)
    in_project = dataclasses.replace(context, project_id=command.project_id)

    def decided(state: Project | None) -> list[object]:
        events: list[object] = list(decide_project(state, command))
        if events:
            keep_words(deps.reasons, command.reason_id, words, project_id=command.project_id,
                       client_id=None, author=context.actor)  # fmt: skip
        return events

    return deps.streams.execute(PROJECT, command.project_id, decided, in_project)


def _as_admin(
    streams: AggregateStreams, command: ProjectCommand, context: CommandContext
) -> Accepted:
    if not context.is_admin:
        raise DomainError("admin_required")
    in_project = dataclasses.replace(context, project_id=command.project_id)
    return streams.execute(
        PROJECT, command.project_id, lambda state: decide_project(state, command), in_project
    )


def _streams(log: EventLog) -> AggregateStreams:
    return AggregateStreams(log, intake_contracts(), "intake")


def load_project(log: EventLog, project_id: str) -> tuple[Project | None, int]:
    """The project and its stream's version (``None``, 0: no such project)."""
    loaded = _streams(log).load(PROJECT, project_id)
    return loaded.state, loaded.version


def register_project(log: EventLog, project_id: str, plan: ProjectPlan, *, actor: str) -> Project:
    """Register a project as ``actor`` acting for the system (the command line, a seed)."""
    context = CommandContext(actor=actor, project_id=project_id, roles=frozenset({ADMIN}))
    _as_admin(_streams(log), RegisterProject(project_id=project_id, plan=plan), context)
    return Project(project_id=project_id, plan=plan)
