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
import re

import orjson
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.web.error_pages import error_page, is_page_request
from shared.web.problems import ProblemError, problem

MAX_BODY_BYTES = 1024 * 1024
"""JSON and form posts: an enrolment is a few kilobytes, a megabyte is generous."""
UPLOAD_BODY_BYTES = 11 * 1024 * 1024
"""A page that takes a file (a client's document, at most 10 MB, and the form around it)."""
UPLOAD_PATHS = re.compile(r"/p/[^/]+/clients/[^/]+/documents|/p/[^/]+/import(?:/confirm)?")
"""The addresses that take ``UPLOAD_BODY_BYTES``: a file over its own limit but under this
one reaches the page, which says at the field what is wrong with it (a client's document;
a participant sheet to import, whose confirmation carries the file back base64-encoded)."""

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

    The first read of a body whose declared ``Content-Length`` is over the limit, or the
    read of a streamed body that passes it, raises the 413 where the route reads the body:
    an oversized body never reaches a handler, however it is sent, and the refusal takes
    the route's form (a problem for the API, the error page for a browser).
    """

    def __init__(self, app: ASGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes or int(os.environ.get("DUUNI_MAX_BODY_BYTES", MAX_BODY_BYTES))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        received = 0
        limit = self.max_bytes
        if UPLOAD_PATHS.fullmatch(str(scope.get("path", ""))):
            limit = max(limit, UPLOAD_BODY_BYTES)

        async def counting_receive() -> Message:
            nonlocal received
            if declared is not None and declared > limit:
                raise ProblemError(413, "body_too_large", detail=_TOO_LARGE)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
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


class NulRefused:
    """422 for a NUL character in the address, a query or a form or JSON text.

    No text of this site may hold one: PostgreSQL refuses it in text columns, which would
    fail the request half-way, and it is never something a person typed. The body is read
    here only when it could hold one (``%00`` in a form, ``\\u0000`` in JSON) and then
    handed on unchanged, so ordinary requests pay one byte search.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b""):
            await _refuse_nul(scope, receive, send)
            return
        kind = _media_type(scope)
        if kind not in ("application/json", "application/x-www-form-urlencoded"):
            await self.app(scope, receive, send)
            return
        try:
            body = await _whole_body(receive)
        except ProblemError as refused:  # too large: the route answers it, in its form
            await self.app(scope, _refusing(refused), send)
            return
        if _holds_nul(body, kind):
            await _refuse_nul(scope, receive, send)
            return
        await self.app(scope, _replaying(body, receive), send)


async def _refuse_nul(scope: Scope, receive: Receive, send: Send) -> None:
    """The 422 in the request's form: the error page for a browser, a problem otherwise."""
    request = Request(scope)
    answer: Response
    if is_page_request(request):
        answer = error_page(request, 422, "nul_in_text")
    else:
        answer = problem(422, "nul_in_text", detail="Text may not contain the NUL character.")
    await answer(scope, receive, send)


def _refusing(error: ProblemError) -> Receive:
    """A ``receive`` that raises ``error`` where the route reads the request, so that the
    app's own handlers answer it (a problem for the API, the error page for a browser)."""

    async def refuse() -> Message:
        raise error

    return refuse


def _media_type(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return str(value.decode("latin-1")).split(";")[0].strip().lower()
    return ""


async def _whole_body(receive: Receive) -> bytes:
    """The body, which ``BodyLimit`` (outside this) has bounded."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _holds_nul(body: bytes, kind: str) -> bool:
    if kind == "application/x-www-form-urlencoded":
        return b"%00" in body or b"\x00" in body
    if b"\\u0000" not in body.lower():
        return False
    try:
        return _any_nul(orjson.loads(body))
    except orjson.JSONDecodeError:
        return False  # the route answers the malformed body itself


def _any_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_any_nul(k) or _any_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_any_nul(v) for v in value)
    return False


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the app the body read here, then what the client sends
    next (its disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
