"""Where a request's time goes: the standard ``Server-Timing`` response header.

Each answer says how long the parts of its work took, e.g.
``Server-Timing: pool;dur=0.4, handler;dur=6.1, refresh;dur=1.9, app;dur=9.8``:
``app`` is the whole time from the request's arrival to the answer's start, the others
are spans the code marks with ``span("name")``. Browsers show the header in their
developer tools and the load bench reads it; it costs a few ``perf_counter`` calls.
The spans are kept per request in a context variable, which a request's worker thread
inherits, so a span marked in the thread lands on its own request.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

P = ParamSpec("P")
T = TypeVar("T")

HEADER = b"server-timing"


class Spans:
    """One request's spans, in the order they ended."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.parts: list[tuple[str, float]] = []

    def add(self, name: str, seconds: float) -> None:
        self.parts.append((name, seconds))

    def header(self) -> str:
        total = time.perf_counter() - self.started
        parts = [*self.parts, ("app", total)]
        return ", ".join(f"{name};dur={seconds * 1000:.1f}" for name, seconds in parts)


_current: ContextVar[Spans | None] = ContextVar("server_timing", default=None)


@contextlib.contextmanager
def span(name: str) -> Iterator[None]:
    """Time the block as ``name`` in the current request's header (nothing outside one)."""
    spans = _current.get()
    if spans is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        spans.add(name, time.perf_counter() - started)


async def in_thread(call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``run_in_threadpool``, marking ``route`` (arrival until here: parsing the body, the
    session, the route's own dependencies) and ``pool`` (the wait for a free thread)."""
    spans = _current.get()
    if spans is None:
        return await run_in_threadpool(call, *args, **kwargs)
    queued = time.perf_counter()
    spans.add("route", queued - spans.started)

    def timed() -> T:
        spans.add("pool", time.perf_counter() - queued)
        return call(*args, **kwargs)

    return await run_in_threadpool(timed)


class ServerTiming:
    """Plain ASGI middleware: collects the request's spans and sends them as the header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        spans = Spans()
        token = _current.set(spans)

        async def with_timing(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (HEADER, spans.header().encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, with_timing)
        finally:
            _current.reset(token)
