"""HTTP pieces every service's API shares (entrypoint layer)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from shared.runtime import ServiceRuntime
from shared.web.operators import require_operator


def health_router(runtime: ServiceRuntime) -> APIRouter:
    """``GET /api/<service>/health``: the service's log head and its consumers' progress,
    for operators only (see shared.web.operators)."""
    router = APIRouter(
        prefix=f"/api/{runtime.name}", tags=[runtime.name], dependencies=[Depends(require_operator)]
    )

    @router.get("/health", summary=f"Health of the {runtime.name} service")
    def health() -> dict[str, Any]:
        return runtime.health()

    return router
