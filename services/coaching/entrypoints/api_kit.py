"""What every coaching API router shares: the role checks, CSRF, and how a write answers.

A write runs its handler; a refusal becomes the answer (422, 404, 409), a success first
brings the read models up to it (the next read sees it), then answers ``DoneOut``.
"""

# No ``from __future__ import annotations``: routes name these dependencies in Annotated.

from collections.abc import Callable
from typing import Any

from fastapi import Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.coaching.entrypoints.errors import attempt
from services.coaching.entrypoints.wiring import Wiring
from services.coaching.service_layer import handlers as h
from shared.web.principal import WRITERS


class DoneOut(BaseModel):
    id: str
    duplicate: bool
    recorded: int


def done_out(done: h.Done) -> DoneOut:
    return DoneOut(id=done.id, duplicate=done.duplicate, recorded=done.recorded)


class ApiKit:
    def __init__(self, w: Wiring) -> None:
        self.w = w
        self.coaching = w.coaching
        self.writer: Any = Depends(w.auth.require_project_member(*WRITERS))
        self.reader: Any = Depends(w.auth.require_project_member())
        self.csrf = [Depends(w.auth.verify_csrf)]

    def written(self, action: Callable[[], h.Done]) -> DoneOut | JSONResponse:
        done = attempt(action)
        if isinstance(done, JSONResponse):
            return done
        self.w.refresh()
        return done_out(done)
