"""What every answer and every request of the site goes through, whichever service serves it.

Two plain ASGI middlewares (no task per request, unlike Starlette's ``BaseHTTPMiddleware``):

* ``SecurityHeaders``: no framing, no sniffing, no third-party anything, and nothing kept
  in a browser's or a proxy's cache (the pages, the JSON, the CSV and XLSX exports all
  carry personal data; styles are inline, so there is no static asset to cache), HSTS
  when the site is served over HTTPS;
* ``BodyLimit``: a request body larger than the limit is refused with 413 before a route
  reads it, whether the client announced its length or streams it in chunks.
"""

from __future__ import annotations

import os

import orjson
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.web.problems import MEDIA_TYPE, ProblemError, problem_body

MAX_BODY_BYTES = 1024 * 1024
"""JSON and form posts: an enrolment is a few kilobytes, a megabyte is generous."""

HSTS = "max-age=31536000; includeSubDomains"

_CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


class SecurityHeaders:
    """The pages need no script; styles are inline in the layout, so only they are allowed
    inline. The API documentation (``/docs``) loads its own assets and is left out of the
    content security policy."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        documentation = path.startswith(("/docs", "/redoc", "/openapi.json"))
        secure = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("Cache-Control", "no-store")
                if secure:
                    headers.setdefault("Strict-Transport-Security", HSTS)
                if not documentation:
                    headers.setdefault("Content-Security-Policy", _CSP)
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """413 for a request body over ``max_bytes`` (``DUUNI_MAX_BODY_BYTES``, 1 MiB by default).

    A declared ``Content-Length`` over the limit is refused before anything is read; a
    chunked body is counted as it arrives, and the read that passes the limit raises the
    413 problem where the route reads the body, so an oversized body never reaches a
    handler, however it is sent.
    """

    def __init__(self, app: ASGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes or int(os.environ.get("DUUNI_MAX_BODY_BYTES", MAX_BODY_BYTES))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise ProblemError(413, "body_too_large", detail=_TOO_LARGE)
            return message

        await self.app(scope, counting_receive, send)


_TOO_LARGE = "The request body is larger than allowed."


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send) -> None:
    body = orjson.dumps(problem_body(413, "body_too_large", detail=_TOO_LARGE))
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
