"""A client's documents on the pages: upload, download, remove with confirmation.

Entrypoint layer. The upload form (on the client's page) posts the file as
``multipart/form-data`` with the session's CSRF token; the page reads at most one byte
more than the limit, builds ``AddDocument`` and hands it to the bus, which refuses a file
too large or of a kind not taken at the file field, storing nothing. A download is a read
of personal data, logged (``download``) before the bytes are sent, and never offered to
an auditor. Removing asks first, on a page of its own, so that it works without script.
"""

from __future__ import annotations

import urllib.parse

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from services.intake.domain.documents import FILE_FIELD, MAX_BYTES, AddDocument, RemoveDocument
from services.intake.entrypoints.client_pages import DOCUMENTS, client_page
from services.intake.entrypoints.document_view import document_parts, may_handle_documents
from services.intake.entrypoints.page_parts import (
    common,
    guarded_form,
    hand_over,
    status_of,
    viewer_who,
)
from services.intake.entrypoints.restricted import restricted_page
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.access_log import DOWNLOAD, here
from services.intake.service_layer.documents import Documents
from shared.web.error_pages import error_page
from shared.web.principal import SignedIn, csrf_matches

REMOVE = "intake/document_remove.html"

router = APIRouter(include_in_schema=False)


def _store(state: IntakeState) -> Documents:
    if state.documents is None:
        raise RuntimeError("intake was built without a document store")
    return state.documents


def _handler(state: IntakeState, request: Request, project_id: str) -> SignedIn | Response:
    """Who may handle the project's documents, or the page to answer instead."""
    return viewer_who(state, request, project_id, may_handle_documents)


async def _uploaded(request: Request) -> tuple[dict[str, str], str, bytes]:
    """The form's text fields, and the file's name and at most ``MAX_BYTES`` + 1 of its
    bytes: enough to tell that it is too large without holding more of it."""
    form = await request.form(max_files=1, max_fields=10)
    values = {key: value for key, value in form.items() if isinstance(value, str)}
    upload = form.get(FILE_FIELD)
    if not isinstance(upload, UploadFile):
        return values, "", b""
    try:
        content = await upload.read(MAX_BYTES + 1)
    finally:
        await upload.close()
    return values, upload.filename or "", content


@router.post("/p/{project_id}/clients/{client_id}/documents", response_class=HTMLResponse)
async def upload(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = _handler(state, request, project_id)
    if isinstance(found, Response):
        return found
    values, file_name, content = await _uploaded(request)
    if not csrf_matches(found, values.get("csrf_token")):
        return error_page(request, 403, "csrf_failed", found)
    command = AddDocument(
        client_id=client_id, kind=values.get("kind", ""), file_name=file_name, content=content
    )
    kept = {"kind": values.get("kind", "")}
    return await hand_over(
        state, request, found, project_id, command,
        done=f"/p/{project_id}/clients/{client_id}/documents?saved=document_added",
        refused=lambda errors: client_page(
            state, request, found, (project_id, client_id), DOCUMENTS, values=kept,
            errors=errors, status_code=status_of(errors),
        ),
    )  # fmt: skip


def _content_disposition(file_name: str) -> str:
    """``attachment`` with the name in ASCII and, for other letters, RFC 5987's form."""
    ascii_name = file_name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    quoted = urllib.parse.quote(file_name, safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}"


@router.get("/p/{project_id}/clients/{client_id}/documents/{document_id}")
def download(
    request: Request, project_id: str, client_id: str, document_id: str, state: State
) -> Response:
    found = _handler(state, request, project_id)
    if isinstance(found, Response):
        return found
    stored = _store(state).get(project_id, client_id, document_id)
    if stored is None:
        return state.pages.not_found(request, found)
    if (notice := restricted_page(state, request, found, project_id, client_id)) is not None:
        return notice
    document, content = stored
    state.access.record([here(project_id, client_id, found.user.id, DOWNLOAD, document_id)])
    return Response(
        content,
        media_type=document.media_type,
        headers={
            "Content-Disposition": _content_disposition(document.file_name),
            "Cache-Control": "no-store",
        },
    )


def _confirmation(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    ids: tuple[str, str, str],
    status_code: int = 200,
) -> Response:
    project_id, client_id, document_id = ids
    parts = document_parts(state, request, signed_in, (project_id, client_id))
    document = next((d for d in parts["documents"] if d["id"] == document_id), None)
    if document is None:
        return state.pages.not_found(request, signed_in)
    return state.pages.render(
        request,
        REMOVE,
        {**common(state.pages, request), "document": document, "client_id": client_id},
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


@router.get(
    "/p/{project_id}/clients/{client_id}/documents/{document_id}/remove",
    response_class=HTMLResponse,
)
def removal_form(
    request: Request, project_id: str, client_id: str, document_id: str, state: State
) -> Response:
    found = _handler(state, request, project_id)
    if isinstance(found, Response):
        return found
    return _confirmation(state, request, found, (project_id, client_id, document_id))


@router.post(
    "/p/{project_id}/clients/{client_id}/documents/{document_id}/remove",
    response_class=HTMLResponse,
)
async def remove(
    request: Request, project_id: str, client_id: str, document_id: str, state: State
) -> Response:
    posted = await guarded_form(state, request, _handler(state, request, project_id))
    if isinstance(posted, Response):
        return posted
    found, _form = posted
    command = RemoveDocument(client_id=client_id, document_id=document_id)
    ids = (project_id, client_id, document_id)
    return await hand_over(
        state, request, found, project_id, command,
        done=f"/p/{project_id}/clients/{client_id}/documents?saved=document_removed",
        refused=lambda errors: _confirmation(state, request, found, ids, status_of(errors)),
    )  # fmt: skip
