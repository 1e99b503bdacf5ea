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
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.web.error_pages import error_page, is_page_request

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


async def _on_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if is_page_request(request):
        return error_page(request, 422, "invalid_request")
    errors = error.errors()
    first = errors[0] if errors else {}
    return problem(
        422,
        "invalid_request",
        field=_field_of(first.get("loc", ())),
        detail="; ".join(_explained(e) for e in errors)[:2000],
    )


_CODES_OF_STATUS = {400: "malformed_body", 405: "method_not_allowed", 404: "not_found"}
"""Codes for the framework's own refusals, whose texts are prose, not codes."""


def _code_of(error: StarletteHTTPException) -> str:
    if isinstance(error, ProblemError):
        return error.code
    if isinstance(error.detail, str) and error.detail.isidentifier():
        return error.detail.lower()
    return _CODES_OF_STATUS.get(error.status_code, HTTPStatus(error.status_code).name.lower())


async def _on_http_exception(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    code = _code_of(error)
    answer: Response
    if is_page_request(request):
        answer = error_page(request, error.status_code, code)
    elif isinstance(error, ProblemError):
        answer = problem(error.status_code, code, field=error.field, detail=error.explanation)
    else:
        detail = error.detail if isinstance(error.detail, str) and error.detail != code else None
        answer = problem(error.status_code, code, detail=detail)
    for name, value in (error.headers or {}).items():
        answer.headers[name] = value
    return answer


def install_problem_handlers(app: FastAPI) -> None:
    """Every HTTPException and validation error of ``app`` answers as a problem, and the
    OpenAPI document says so for every operation."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)
    document_problems(app)


_EVERY_OPERATION: dict[int, str] = {
    400: "`malformed_body`: the body is not what its content type says",
    401: "`not_signed_in`: no live session (`operator_token_required` on operations detail)",
    403: "`forbidden`: the role may not do this; `csrf_failed`: token missing or wrong",
    404: "`not_found`: no such thing in this project (or another project's)",
    413: "`body_too_large`: the request body is over the limit",
    422: "`invalid_request`: the request does not fit the schema; or a rule's `code`",
}
_WRITES: dict[int, str] = {409: "`conflict`: it changed meanwhile; reload and try again"}


def document_problems(app: FastAPI) -> None:
    """Add the problem answers to every operation of ``app``'s OpenAPI document.

    Any operation may meet the middleware's and the guards' refusals, so each documents
    them, in the one problem shape (FastAPI's own 422 schema is replaced: validation
    errors are problems too). Built once, on the first request for the document.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas["Problem"] = Problem.model_json_schema()
            for name in ("HTTPValidationError", "ValidationError"):
                schemas.pop(name, None)
            for item in schema.get("paths", {}).values():
                for method, operation in item.items():
                    _add_problems(operation, method)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_problems(operation: dict[str, Any], method: str) -> None:
    responses = operation.setdefault("responses", {})
    answers = _EVERY_OPERATION | (_WRITES if method != "get" else {})
    reference = {"$ref": "#/components/schemas/Problem"}
    for status, text in answers.items():
        known = responses.get(str(status), {})
        responses[str(status)] = {
            "description": known.get("description", text),
            "content": {MEDIA_TYPE: {"schema": reference}},
        }


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
