"""How the JSON API hands a command to the bus, reads one thing, and registers its routes
alike (entrypoint layer).

A write answers ``AcceptedOut``; a refusal raises its problem (422 with the rule's code
and field, 404 for what is not there or is another project's, 409 for a stale write).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Container
from typing import Any, TypeVar

from fastapi import APIRouter, status
from pydantic import BaseModel

from services.coaching.entrypoints.state import CSRF, CoachingState
from shared.refusal import Refusal
from shared.web.commands import AcceptedOut, refusal_problem, run_json_as
from shared.web.principal import User
from shared.web.problems import PROBLEM_RESPONSES

T = TypeVar("T")
Route = TypeVar("Route", bound=Callable[..., Any])

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
    accepted = await run_json_as(
        state.bus, command, user, project_id, submission_id=submission_id, not_found=NOT_FOUND
    )
    return AcceptedOut.of(accepted)


def fields(body: BaseModel, *besides: str) -> dict[str, Any]:
    """A request body's fields as the command takes them (enums and dates as they are);
    the form's submission id is left out, as it goes in the ``CommandContext``, and so are
    ``besides`` (what the command carries apart, such as private text)."""
    return body.model_dump(exclude={"submission_id", *besides})


def found(read: Callable[[], T], not_found: Container[str] = NOT_FOUND) -> T:
    """The JSON API's read of one thing; a refusal (not there, another project's) raises
    its problem."""
    try:
        return read()
    except Refusal as error:
        raise refusal_problem(error, not_found) from error


@dataclasses.dataclass(frozen=True, slots=True)
class JsonRoutes:
    """Registers a router's JSON routes alike: writes with the CSRF check, 201 where a write
    creates something, and the problems a route may answer in the OpenAPI description."""

    router: APIRouter

    def one(self, path: str, summary: str) -> Callable[[Route], Route]:
        """A read of one thing, which may not be there (404)."""
        return self.router.get(path, summary=summary, responses=PROBLEM_RESPONSES)

    def create(self, path: str, summary: str) -> Callable[[Route], Route]:
        return self._route("POST", path, summary, status.HTTP_201_CREATED)

    def post(self, path: str, summary: str) -> Callable[[Route], Route]:
        return self._route("POST", path, summary, status.HTTP_200_OK)

    def put(self, path: str, summary: str) -> Callable[[Route], Route]:
        return self._route("PUT", path, summary, status.HTTP_200_OK)

    def _route(self, method: str, path: str, summary: str, code: int) -> Callable[[Route], Route]:
        return self.router.api_route(
            path,
            methods=[method],
            summary=summary,
            status_code=code,
            dependencies=CSRF,
            responses=PROBLEM_RESPONSES,
        )
