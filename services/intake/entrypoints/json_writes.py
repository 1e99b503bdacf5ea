"""How intake's JSON routes write (entrypoint layer): the route and the bus call, once.

Every state-changing route asks for the session's CSRF token and documents its refusals
as problems; every write runs as the signed-in user in the path's project, under the
request's correlation id, and answers 404 for what intake names missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.types import DecoratedCallable

from services.intake.domain.errors import NOT_FOUND_CODES
from services.intake.entrypoints.access import CSRF
from services.intake.entrypoints.state import IntakeState
from shared.messagebus import Accepted
from shared.web.commands import run_json_as
from shared.web.principal import User
from shared.web.problems import PROBLEM_RESPONSES


def write_route(
    method: Callable[..., Callable[[DecoratedCallable], DecoratedCallable]],
    path: str,
    summary: str,
    **extra: Any,
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """``method`` (``router.post``, ``router.put``) for a route that changes something."""
    return method(path, summary=summary, dependencies=CSRF, responses=PROBLEM_RESPONSES, **extra)


async def write(
    state: IntakeState,
    user: User,
    project_id: str,
    command: object,
    submission_id: str | None = None,
) -> Accepted:
    """Hand ``command`` to the bus as ``user`` in the project; a refusal raises the problem."""
    return await run_json_as(
        state.bus, command, user, project_id,
        submission_id=submission_id, not_found=NOT_FOUND_CODES,
    )  # fmt: skip
