"""All four services in one process on the embedded log: what ``duuni up`` serves.

Built by ``create_app`` when the command runs, never at import. Each service keeps its
own database and its own consumers exactly as when it runs alone (``duuni serve``).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI

from duuni import operations
from duuni.operations import Process
from duuni.services import SERVICES
from shared.observability.metrics import Observability, RequestObservability
from shared.runtime import ServiceRuntime
from shared.web.auth import SessionResolver
from shared.web.operators import operator_token_from_environment
from shared.web.problems import install_problem_handlers
from shared.web.security import BodyLimit, NulRefused, SecurityHeaders
from shared.web.service import ClientFinder, ClientNames, StaffNames, mount
from shared.web.timing import ServerTiming

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
    staff_names: StaffNames | None = None
    client_finder: ClientFinder | None = None
    wanted = names or list(SERVICES)
    # Intake first: it owns the accounts, and the others resolve sessions through it.
    for name in sorted(wanted, key=lambda n: n != "intake"):
        service = SERVICES[name].start(data_dir, sessions, client_names, staff_names, client_finder)
        sessions = sessions or service.sessions
        client_names = client_names or service.client_names
        staff_names = staff_names or service.staff_names
        client_finder = client_finder or service.client_finder
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
    app.add_middleware(ServerTiming)

    app.state.process = Process(runtimes, observability, max_lag)
    app.include_router(operations.router)
    return app
