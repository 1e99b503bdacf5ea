"""Domain refusals as HTTP answers, one mapping for every coaching route (entrypoint layer).

A missing session, programme, course or plan (or one of another project) answers 404; a
client who cannot take part answers 422 ``client_not_active`` or ``client_not_found``,
as the booking form needs to say which; every other refusal is 422 with its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse

from services.coaching.domain.errors import DomainError
from shared.eventlog.port import WrongExpectedVersion

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


def refusal(error: DomainError) -> JSONResponse:
    if error.code in NOT_FOUND:
        return JSONResponse({"detail": "not_found", "code": error.code}, status.HTTP_404_NOT_FOUND)
    body = {"code": error.code, "field": error.field}
    return JSONResponse(body, status.HTTP_422_UNPROCESSABLE_CONTENT)


ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "`forbidden`: auditors read only; `csrf_failed`: token missing"},
    404: {"description": "`not_found`: no such thing in this project"},
    409: {"description": "`conflict`: it changed meanwhile; reload and retry"},
    422: {
        "description": '`{"code": ..., "field": ...}`: a coaching rule refused the request, '
        "e.g. `client_not_active`, `client_not_found`"
    },
}


def attempt(action: Callable[[], T]) -> T | JSONResponse:
    """Run a handler; a refusal becomes its answer, a concurrent change a 409."""
    try:
        return action()
    except DomainError as error:
        return refusal(error)
    except WrongExpectedVersion as error:
        raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error
