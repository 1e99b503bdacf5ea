"""How the JSON API hands a command to the bus and reads one thing (entrypoint layer).

A write answers ``AcceptedOut``; a refusal raises its problem (422 with the rule's code
and field, 404 for what is not there or is another project's, 409 for a stale write).
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import TypeVar

from services.coaching.entrypoints.state import CoachingState
from shared.events.correlation import current_correlation_id
from shared.messagebus import CommandContext
from shared.refusal import Refusal
from shared.web.commands import AcceptedOut, refusal_problem, run_json
from shared.web.principal import User

T = TypeVar("T")

NOT_FOUND = frozenset(
    {
        "session_not_found",
        "programme_not_found",
        "course_not_found",
        "plan_not_found",
        "goal_not_found",
        "meeting_not_found",
    }
)
"""Refusals that mean the thing asked for is not there (or is another project's): 404."""


async def written(
    state: CoachingState,
    command: object,
    user: User,
    project_id: str,
    submission_id: str | None = None,
) -> AcceptedOut:
    """The JSON API's write: the command through the bus; a refusal raises its problem."""
    context = CommandContext.of(
        user, project_id, submission_id=submission_id,
        correlation_id=current_correlation_id(),
    )  # fmt: skip
    return AcceptedOut.of(await run_json(state.bus, command, context, not_found=NOT_FOUND))


def found(read: Callable[[], T], not_found: Container[str] = NOT_FOUND) -> T:
    """The JSON API's read of one thing; a refusal (not there, another project's) raises
    its problem."""
    try:
        return read()
    except Refusal as error:
        raise refusal_problem(error, not_found) from error
