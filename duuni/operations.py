"""The operations routes of a process: liveness, readiness, health, metrics, a home page.

``/health/live`` and ``/health/ready`` answer anyone (an orchestrator asks them); the
detailed ``/health`` and ``/metrics`` only the operator token (shared.web.operators).
They read the process's runtimes from the app's state, set by ``create_app``.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from shared.observability.metrics import CONTENT_TYPE, Observability
from shared.runtime import ServiceRuntime
from shared.web.operators import require_operator

router = APIRouter(tags=["operations"])
OPERATORS = [Depends(require_operator)]


@dataclasses.dataclass(frozen=True, slots=True)
class Process:
    """What the operations routes report on."""

    runtimes: list[ServiceRuntime]
    observability: Observability
    max_lag: int | None
    """Consumer lag (events) above which the process reports itself unready."""


def _process(request: Request) -> Process:
    process: Process = request.app.state.process
    return process


@router.get("/metrics", summary="Prometheus metrics of this process", dependencies=OPERATORS)
def metrics(request: Request) -> Response:
    return Response(_process(request).observability.exposition(), media_type=CONTENT_TYPE)


@router.get("/health/live", summary="The process answers")
def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/health/ready",
    summary="Database, broker and consumers",
    responses={503: {"description": "A check failed; the body names it"}},
)
def ready(request: Request) -> JSONResponse:
    process = _process(request)
    results = {r.name: r.readiness(process.max_lag) for r in process.runtimes}
    ok = all(result[0] for result in results.values())
    body = {
        "status": "ok" if ok else "unavailable",
        "services": {name: checks for name, (_, checks) in results.items()},
    }
    return JSONResponse(body, status_code=200 if ok else 503)


@router.get("/health", summary="Health of every service in this process", dependencies=OPERATORS)
def health(request: Request) -> dict[str, Any]:
    services = {runtime.name: runtime.health() for runtime in _process(request).runtimes}
    ok = all(service["status"] == "ok" for service in services.values())
    return {"status": "ok" if ok else "degraded", "services": services}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(r.name)}</th><td>{r.log.head().position}</td></tr>"
        for r in _process(request).runtimes
    )
    return _HOME.format(rows=rows)


_HOME = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Duuni</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a}} a{{color:#0b4f8a}} a:focus{{outline:3px solid #0b4f8a}}
table{{border-collapse:collapse}} th,td{{padding:.3rem .8rem;border-bottom:1px solid #ccc;
text-align:left}}</style></head>
<body><main><h1>Duuni</h1>
<p>Palvelut käynnissä · Tjänsterna är igång · Services are running.</p>
<table><caption>Tapahtumaloki · Händelselogg · Event log</caption>
<thead><tr><th scope="col">Palvelu / Service</th><th scope="col">Sijainti / Position</th></tr>
</thead><tbody>{rows}</tbody></table>
<ul><li><a href="/docs">API-dokumentaatio · API documentation</a></li>
<li><a href="/health/ready">Tila · Status · Health</a></li></ul></main></body></html>
"""
