"""The body limit lets a client's document (up to 10 MB) reach its page, and nothing else."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message, Receive, Scope, Send

from shared.web.problems import ProblemError
from shared.web.security import MAX_BODY_BYTES, UPLOAD_BODY_BYTES, BodyLimit


async def _read_all(scope: Scope, receive: Receive, send: Send) -> None:
    while (await receive()).get("more_body"):
        pass


def _post(path: str, size: int) -> None:
    scope: Scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "headers": [(b"content-length", str(size).encode())],
    }
    chunks = [b"x" * (size // 2), b"x" * (size - size // 2)]

    async def receive() -> Message:
        body = chunks.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(chunks)}

    async def send(_message: Message) -> None:
        return None

    asyncio.run(BodyLimit(_read_all)(scope, receive, send))


def test_a_document_upload_may_be_larger_than_a_form() -> None:
    _post("/p/S21048/clients/0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000/documents", 10 * 1024 * 1024)


@pytest.mark.parametrize(
    ("path", "size"),
    [
        ("/p/S21048/clients/c-1/documents", UPLOAD_BODY_BYTES + 1),
        ("/p/S21048/clients/c-1/correct", MAX_BODY_BYTES + 1),
        ("/p/S21048/clients/c-1/documents/d-1/remove", MAX_BODY_BYTES + 1),
        ("/api/intake/projects/S21048/clients", MAX_BODY_BYTES + 1),
    ],
)
def test_other_bodies_keep_their_limit(path: str, size: int) -> None:
    with pytest.raises(ProblemError) as refused:
        _post(path, size)
    assert refused.value.status_code == 413
