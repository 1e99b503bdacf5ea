"""FastAPI dependencies of matching's JSON routes (entrypoint layer): the service's state,
the signed-in member of the path's project, the CSRF check, and the command context.

Every member of a project reads (auditors too); coaches and project managers write;
another project's resources answer 404 as if they did not exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request, status

from services.matching.entrypoints.schemas import Submitted
from services.matching.entrypoints.state import SERVICE, MatchingState
from services.matching.service_layer.dependencies import new_id
from shared.shapes import like
from shared.web.commands import AcceptedOut, run_json_as
from shared.web.principal import WRITERS, User
from shared.web.problems import PROBLEM_RESPONSES, ProblemError
from shared.web.service import state_of

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

State = Annotated[MatchingState, Depends(state_of(SERVICE))]
T = TypeVar("T")


async def _reader(request: Request, project_id: str, state: State) -> User:
    return await state.auth.project_member(request, project_id)


async def _writer(request: Request, project_id: str, state: State) -> User:
    return await state.auth.project_member(request, project_id, *WRITERS)


async def _signed_in(request: Request, state: State) -> User:
    return (await state.auth.session(request)).user


async def _csrf(request: Request, state: State) -> None:
    await state.auth.verify_csrf(request)


Reader = Annotated[User, Depends(_reader)]
Writer = Annotated[User, Depends(_writer)]
SignedInUser = Annotated[User, Depends(_signed_in)]

WRITE: dict[str, Any] = {
    "dependencies": [Depends(_csrf)],
    "responses": PROBLEM_RESPONSES,
}
"""The options of every write route: CSRF-checked, its problems documented."""
CREATED: dict[str, Any] = {
    **WRITE,
    "status_code": status.HTTP_201_CREATED,
    "response_model": AcceptedOut,
}
"""The options of every recording POST: 201 with what was accepted."""


async def accept(
    state: MatchingState,
    command: object,
    user: User,
    project_id: str,
    submission_id: str | None = None,
    *,
    not_found: Container[str] = (),
) -> AcceptedOut:
    """The body's command through the bus: what was accepted, or its problem (422, 409, and
    404 for the codes of ``not_found``, the path's own record missing)."""
    accepted = await run_json_as(
        state.bus, command, user, project_id, submission_id=submission_id, not_found=not_found
    )
    return AcceptedOut.of(accepted)


async def accept_new(
    state: MatchingState,
    user: User,
    project_id: str,
    body: Submitted,
    kind: str,
    command: type[DataclassInstance],
    *,
    not_found: Container[str] = (),
    **given: Any,
) -> AcceptedOut:
    """``accept`` of a new ``kind`` of record: ``command`` of the body's like-named fields
    and ``given``. Its ``{kind}_id`` is made from the body's submission id, so that the same
    body sent twice names the same record and is stored once; where the command names a
    ``project_id`` and a ``coach_id``, they are the path's project and the signed-in user."""
    record_id = new_id(kind, project_id, user.id, body.submission_id)
    names = {field.name for field in dataclasses.fields(command)}
    edge = {"project_id": project_id, "coach_id": user.id}
    added = {name: value for name, value in edge.items() if name in names}
    built = like(command, body, **{f"{kind}_id": record_id, **added, **given})
    return await accept(state, built, user, project_id, body.submission_id, not_found=not_found)


def not_found() -> ProblemError:
    return ProblemError(status.HTTP_404_NOT_FOUND, "not_found")


def found(record: T | None) -> T:
    """The path's record, or 404 when the project has none by its id."""
    if record is None:
        raise not_found()
    return record
