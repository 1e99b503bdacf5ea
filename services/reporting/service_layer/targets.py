"""Setting a project's planned target: one event in reporting's own log."""

from __future__ import annotations

from services.reporting.domain.targets import decide_target
from shared.eventlog.port import ANY, EventLog
from shared.events.envelope import Context, NewEvent


def set_target(log: EventLog, project_id: str, figure: str, planned: int, actor: str) -> str:
    """Record the target; raises ``TargetRefused`` (and stores nothing) when invalid."""
    event = decide_target(project_id, figure, planned)
    new = NewEvent.of(event, Context(project_id=project_id, actor=actor))
    log.append(f"targets-{project_id}", [new], ANY)
    return new.event_id
