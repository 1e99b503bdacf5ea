"""All four services in one process on the embedded log: what ``duuni up`` serves.

Built by ``create_app`` when the command runs, never at import. Each service keeps its
own database and its own consumers exactly as when it runs alone (``duuni serve``).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from html import escape
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response

from duuni.services import SERVICES
from shared.observability.metrics import CONTENT_TYPE, Observability, RequestObservability
from shared.runtime import ServiceRuntime
from shared.web.auth import SessionResolver
from shared.web.operators import operator_token_from_environment, require_operator
from shared.web.problems import install_problem_handlers
from shared.web.security import BodyLimit, NulRefused, SecurityHeaders
from shared.web.service import ClientNames, mount

WORKER_THREADS = 16
"""Requests a process serves at once; more would queue on the database pools anyway."""


def create_app(
    data_dir: Path | None = None,
    names: list[str] | None = None,
    *,
    max_lag: int | None = None,
    operator_token: str | None = None,
) -> FastAPI:
    """``max_lag``: consumer lag (events) above which the process reports itself unready.
    ``operator_token``: what ``/metrics`` and the detailed health answers ask for
    (``DUUNI_OPERATOR_TOKEN`` when not given; see shared.web.operators)."""
    runtimes: list[ServiceRuntime] = []
    services = []
    sessions: SessionResolver | None = None
    client_names: ClientNames | None = None
    wanted = names or list(SERVICES)
    # Intake first: it owns the accounts, and the others resolve sessions through it.
    for name in sorted(wanted, key=lambda n: n != "intake"):
        service = SERVICES[name].start(data_dir, sessions, client_names)
        sessions = sessions or service.sessions
        client_names = client_names or service.client_names
        runtimes.append(service.runtime)
        services.append(service)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # As many request threads as each database pool keeps connections (see open_database).
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        async with contextlib.AsyncExitStack() as stack:
            for runtime in runtimes:
                await stack.enter_async_context(runtime.running())
            try:
                yield
            finally:
                for runtime in runtimes:
                    runtime.close()

    app = FastAPI(
        title="Duuni",
        summary="Case management for ESF employment-coaching projects",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.operator_token = operator_token or operator_token_from_environment()
    install_problem_handlers(app)
    for service in services:
        mount(app, service)
    observability = Observability(runtimes)
    app.add_middleware(NulRefused)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestObservability, requests=observability.requests)

    operators = [Depends(require_operator)]

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics of this process",
        dependencies=operators,
    )
    def metrics() -> Response:
        return Response(observability.exposition(), media_type=CONTENT_TYPE)

    @app.get("/health/live", tags=["operations"], summary="The process answers")
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/health/ready",
        tags=["operations"],
        summary="Database, broker and consumers",
        responses={503: {"description": "A check failed; the body names it"}},
    )
    def ready() -> JSONResponse:
        results = {runtime.name: runtime.readiness(max_lag) for runtime in runtimes}
        ok = all(result[0] for result in results.values())
        body = {
            "status": "ok" if ok else "unavailable",
            "services": {name: checks for name, (_, checks) in results.items()},
        }
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get(
        "/health",
        tags=["operations"],
        summary="Health of every service in this process",
        dependencies=operators,
    )
    def health() -> dict[str, Any]:
        services = {runtime.name: runtime.health() for runtime in runtimes}
        ok = all(service["status"] == "ok" for service in services.values())
        return {"status": "ok" if ok else "degraded", "services": services}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        rows = "".join(
            f"<tr><th scope='row'>{escape(r.name)}</th><td>{r.log.head().position}</td></tr>"
            for r in runtimes
        )
        return _HOME.format(rows=rows)

    return app


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
