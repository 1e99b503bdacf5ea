"""Who may read the operational detail: log positions, head hashes, consumer lag, metrics.

``/health/live`` and ``/health/ready`` stay open (a load balancer or an orchestrator asks
them). ``/health``, ``/api/<service>/health`` and ``/metrics`` say how far each log has
come and which hash heads it, which is nobody's business outside operations: they answer
only to ``Authorization: Bearer <operator token>``. The token comes from
``DUUNI_OPERATOR_TOKEN`` (or is given to ``create_app``); with none set they answer to nobody.
"""

from __future__ import annotations

import hmac
import os

from fastapi import Request

from shared.web.problems import ProblemError

OPERATOR_TOKEN_ENV = "DUUNI_OPERATOR_TOKEN"


def operator_token_from_environment() -> str | None:
    return os.environ.get(OPERATOR_TOKEN_ENV, "").strip() or None


def operator_headers(token: str) -> dict[str, str]:
    """What a monitoring client (Prometheus, the demo's loader, a test) sends."""
    return {"Authorization": f"Bearer {token}"}


def require_operator(request: Request) -> None:
    """A FastAPI dependency: 401 unless the request carries the app's operator token."""
    expected = getattr(request.app.state, "operator_token", None) or (
        operator_token_from_environment()
    )
    given = request.headers.get("authorization", "")
    if expected and hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
        return
    raise ProblemError(
        401,
        "operator_token_required",
        detail="Operational detail needs the operator token.",
        headers={"WWW-Authenticate": "Bearer"},
    )
