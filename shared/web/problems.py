"""One error shape for every JSON answer: RFC 9457 problem details.

``{"type", "title", "status", "detail", "code", "field"}`` with the media type
``application/problem+json``: ``code`` is the stable machine-readable reason (a domain
rule's code, ``not_found``, ``forbidden``, ``conflict``, ``invalid_request``…), ``field``
the request field it concerns. Refusals by a rule, missing or foreign resources, stale
writes and malformed requests (FastAPI's validation errors included) all answer in this
one shape, documented in OpenAPI through ``PROBLEM_RESPONSES``.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "/problems/"
"""Each ``code`` names a problem type, ``/problems/<code>``, relative to the service."""


class Problem(BaseModel):
    """RFC 9457 problem details, with the stable ``code`` and the ``field`` it concerns."""

    type: str
    title: str
    status: int
    detail: str | None = None
    code: str
    field: str | None = None


def problem_body(
    status: int, code: str, *, field: str | None = None, detail: str | None = None
) -> dict[str, Any]:
    return Problem(
        type=f"{TYPE_BASE}{code}",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        code=code,
        field=field,
    ).model_dump()


def problem(
    status: int, code: str, *, field: str | None = None, detail: str | None = None
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, code, field=field, detail=detail),
        status_code=status,
        media_type=MEDIA_TYPE,
    )


class ProblemError(HTTPException):
    """Raised anywhere in a route to answer with a problem; ``detail`` stays the code, so
    code that reads ``HTTPException.detail`` keeps working."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        field: str | None = None,
        detail: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, code, headers)
        self.code = code
        self.field = field
        self.explanation = detail


def _field_of(location: tuple[Any, ...] | list[Any]) -> str | None:
    """``("body", "client", "email")`` → ``client.email``; the request part is left out."""
    parts = [str(part) for part in location[1:]] if len(location) > 1 else []
    return ".".join(parts) or None


def _explained(error: Any) -> str:
    return f"{_field_of(error.get('loc', ())) or 'request'}: {error.get('msg')}"


async def _on_validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    first = errors[0] if errors else {}
    return problem(
        422,
        "invalid_request",
        field=_field_of(first.get("loc", ())),
        detail="; ".join(_explained(e) for e in errors)[:2000],
    )


async def _on_http_exception(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    if isinstance(error, ProblemError):
        answer = problem(error.status_code, error.code, field=error.field, detail=error.explanation)
    else:
        code = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).name
        answer = problem(error.status_code, code.lower().replace(" ", "_"))
    for name, value in (error.headers or {}).items():
        answer.headers[name] = value
    return answer


def install_problem_handlers(app: FastAPI) -> None:
    """Every HTTPException and validation error of ``app`` answers as a problem."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)


def _described(text: str) -> dict[str, Any]:
    return {"description": text, "model": Problem, "content": {MEDIA_TYPE: {}}}


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _described("`not_signed_in`: no live session"),
    403: _described("`forbidden`: the role may not do this; `csrf_failed`: token missing"),
    404: _described("`not_found`: no such thing in this project (or another project's)"),
    409: _described("`conflict`: it changed meanwhile; reload and try again"),
    422: _described(
        "a rule refused the request (`code` names the rule, `field` the field), or the "
        "request was malformed (`invalid_request`)"
    ),
}
"""The error answers of every write route, for OpenAPI: ``responses=PROBLEM_RESPONSES``."""
