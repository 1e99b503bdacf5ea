"""Domain refusals as HTTP answers (entrypoint layer).

A ``*_not_found`` code answers 404 as if the thing did not exist (another project's
company is not found either); every other refusal answers 422 ``{"code", "field"}``
naming the form field to correct, and nothing was stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Depends, HTTPException, status
from fastapi.responses import JSONResponse

from services.matching.domain.errors import DomainError
from services.matching.entrypoints.schemas import Recorded
from services.matching.service_layer.handlers import Done
from shared.eventlog.port import WrongExpectedVersion
from shared.web.auth import WebAuth

FIELDS = {
    "invalid_business_id": "business_id",
    "business_id_taken": "business_id",
    "trade_name_required": "trade_name",
    "invalid_industry": "industry",
    "municipality_required": "municipality",
    "contact_name_required": "full_name",
    "invalid_occupation_code": "occupation_code",
    "invalid_headcount": "headcount",
    "start_before_found": "starts_on",
    "invalid_language_code": "required_languages",
    "tag_too_long": "skills",
    "too_many_target_occupations": "target_occupations",
    "invalid_status_change": "status",
    "status_change_before_found": "changed_on",
    "company_already_supported": "relation",
    "client_not_active": "client_id",
    "client_not_consenting": "client_id",
    "client_already_referred": "client_id",
    "lead_not_available": "lead_id",
    "lead_of_another_company": "lead_id",
    "reason_does_not_fit_answer": "reason",
    "answer_before_referral": "answered_on",
    "referral_already_answered": "answer",
    "end_before_start": "ends_on",
    "end_date_required": "ends_on",
}

NOT_FOUND_IN_BODY = frozenset(
    {
        "contact_not_found",
        "lead_not_found",
        "client_not_found",
        "referral_not_found",
        "company_not_found",
    }
)
"""Codes that name something the request body pointed at; on a path they mean 404."""


def field_of(code: str) -> str | None:
    return FIELDS.get(code)


def refusal(error: DomainError, *, path_ids: frozenset[str] = frozenset()) -> JSONResponse:
    """404 when the thing in the path is missing; 422 with the field otherwise.

    ``path_ids`` names the ``*_not_found`` codes that refer to the request's path.
    """
    if error.code in path_ids or error.code == "profile_not_found":
        return JSONResponse({"detail": "not_found"}, status.HTTP_404_NOT_FOUND)
    if error.code in NOT_FOUND_IN_BODY:
        field = error.code.removesuffix("_not_found") + "_id"
        return JSONResponse({"code": error.code, "field": field}, 422)
    return JSONResponse({"code": error.code, "field": field_of(error.code)}, 422)


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "`not_found`: no such thing in this project"},
    409: {"description": "`conflict`: it changed meanwhile; reload and retry"},
    422: {"description": '`{"code": ..., "field": ...}`: a domain rule refused the request'},
}


T = TypeVar("T")


def attempt(run: Callable[[], T], *, path_ids: frozenset[str] = frozenset()) -> T | JSONResponse:
    """Run a handler; refusals become answers, a concurrent change becomes 409."""
    try:
        return run()
    except DomainError as error:
        return refusal(error, path_ids=path_ids)
    except WrongExpectedVersion as error:
        raise HTTPException(status.HTTP_409_CONFLICT, "conflict") from error


def record(
    run: Callable[[], Done], *, path_ids: frozenset[str] = frozenset()
) -> Recorded | JSONResponse:
    """Run a recording handler: what it recorded, or why it refused."""
    done = attempt(run, path_ids=path_ids)
    if isinstance(done, JSONResponse):
        return done
    return Recorded(id=done.id, duplicate=done.duplicate)


def creating(auth: WebAuth) -> dict[str, Any]:
    """The route options of every recording POST: 201, CSRF-checked, refusals documented."""
    return {
        "status_code": status.HTTP_201_CREATED,
        "response_model": Recorded,
        "dependencies": [Depends(auth.verify_csrf)],
        "responses": ERRORS,
    }
