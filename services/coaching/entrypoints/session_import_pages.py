"""The project manager's page to import a running project's sessions: upload a sheet, see
the dry run, confirm (pages).

Entrypoint layer, without script, in the form of intake's participant import page: the
upload (``multipart/form-data`` with the session's CSRF token) answers with the dry run's
table, row by row, and every problem at its row and column in the reader's language.
When every row passes, the page carries the file back in a hidden field of a confirming
form (nothing is kept on the server between the two steps); the confirmation checks the
file's SHA-256 against the one the manager saw and runs the same bus as ``duuni import
sessions``, which stores nothing unless every row passes and nothing twice.

Coaching knows users by id, not by username: here the ``coach`` column may name only the
manager importing (or stay empty); other coaches' sessions go through the command line,
which reads the accounts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from services.coaching.entrypoints import labels
from services.coaching.entrypoints.page_rendering import show
from services.coaching.entrypoints.session_import_run import (
    STATUS_LABELS,
    ImportOutcome,
    RowOutcome,
    RowStatus,
    run_session_import,
)
from services.coaching.entrypoints.session_import_sheet import read_sessions
from services.coaching.entrypoints.state import CoachingState, State
from shared.web.error_pages import error_page
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.principal import PROJECT_MANAGER, SignedIn, csrf_matches
from shared.web.sheets import SheetError

router = APIRouter(include_in_schema=False)

PATH: Final = "/p/{project_id}/coaching/import"
PAGE_BYTES: Final = 600 * 1000
"""What the page takes (some 10,000 sessions): the file travels back base64-encoded (a
third larger) in the confirming form, within the site's ordinary request allowance;
larger files go by the command line."""
NO_FILE = N_("Choose the file to import.")
TOO_LARGE = N_("The file is larger than 600 kB: import it with the command duuni import sessions.")
CHANGED = N_("The file changed between the check and the import: check it again.")
ONLY_YOU = N_(
    "only your own username can be given here: import other coaches' sessions with the "
    "command duuni import sessions"
)


def _manager(state: CoachingState, request: Request, project_id: str) -> SignedIn | Response:
    """A project manager of the project or an administrator, or the page to answer."""
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    if not (found.user.is_admin or PROJECT_MANAGER in found.user.roles_in(project_id)):
        return state.pages.forbidden(request, found)
    return found


def _render(
    state: CoachingState,
    request: Request,
    project_id: str,
    signed_in: SignedIn,
    *,
    outcome: ImportOutcome | None = None,
    error: str | None = None,
    content: bytes = b"",
    file_name: str = "",
    status_code: int = 200,
) -> Response:
    tr = state.pages.gettext(request)
    context = {
        "outcome": outcome,
        "rows": [] if outcome is None else [_row(r, tr) for r in outcome.rows],
        "file_problems": [] if outcome is None else [p.text(tr) for p in outcome.problems],
        "counts": _counts(outcome, tr),
        "error": None if error is None else tr(error),
        "content": base64.b64encode(content).decode("ascii") if content else "",
        "file_name": file_name,
    }
    return show(
        state, request, "coaching/session_import.html", context, signed_in, project_id,
        status_code=status_code,
    )  # fmt: skip


def _row(row: RowOutcome, tr: Callable[[str], str]) -> dict[str, Any]:
    command = row.command
    kinds = dict(labels.SESSION_KINDS)
    return {
        "row": row.row,
        "reference": row.reference,
        "date": None if command is None else command.held_on,
        "kind": "" if command is None else tr(kinds.get(command.kind.value, command.kind.value)),
        "minutes": None if command is None else command.duration_minutes,
        "held": None if command is None else command.held,
        "status": row.status.value,
        "result": tr(STATUS_LABELS[row.status]),
        "problems": [(p.column, p.text(tr)) for p in row.problems],
    }


def _counts(outcome: ImportOutcome | None, tr: Callable[[str], str]) -> list[tuple[int, str]]:
    if outcome is None:
        return []
    return [(outcome.count(s), tr(STATUS_LABELS[s])) for s in RowStatus if outcome.count(s)]


@router.get(PATH, response_class=HTMLResponse)
def import_page(request: Request, project_id: str, state: State) -> Response:
    found = _manager(state, request, project_id)
    if isinstance(found, Response):
        return found
    return _render(state, request, project_id, found)


@router.post(PATH, response_class=HTMLResponse)
async def check_file(request: Request, project_id: str, state: State) -> Response:
    """The dry run of the uploaded file: the table, and the confirming form if it passes."""
    found = _manager(state, request, project_id)
    if isinstance(found, Response):
        return found
    form = await request.form(max_files=1, max_fields=5)
    if not csrf_matches(found, _text(form.get("csrf_token"))):
        return error_page(request, 403, "csrf_failed", found)
    upload = form.get("file")
    content, file_name = b"", ""
    if isinstance(upload, UploadFile):
        try:
            content = await upload.read(PAGE_BYTES + 1)
        finally:
            await upload.close()
        file_name = upload.filename or ""
    if not content:
        return _render(state, request, project_id, found, error=NO_FILE, status_code=422)
    if len(content) > PAGE_BYTES:
        return _render(state, request, project_id, found, error=TOO_LARGE, status_code=422)
    return await _run(state, request, project_id, found, content, file_name, dry_run=True)


@router.post(PATH + "/confirm", response_class=HTMLResponse)
async def confirm(request: Request, project_id: str, state: State) -> Response:
    """The import of the file the manager checked (the same SHA-256), or the check again."""
    found = _manager(state, request, project_id)
    if isinstance(found, Response):
        return found
    form = await request.form(max_files=0, max_fields=5, max_part_size=PAGE_BYTES * 2)
    if not csrf_matches(found, _text(form.get("csrf_token"))):
        return error_page(request, 403, "csrf_failed", found)
    try:
        content = base64.b64decode(_text(form.get("content")), validate=True)
    except (binascii.Error, ValueError):
        content = b""
    if not content or hashlib.sha256(content).hexdigest() != _text(form.get("sha256")):
        return _render(state, request, project_id, found, error=CHANGED, status_code=422)
    file_name = _text(form.get("file_name"))
    return await _run(state, request, project_id, found, content, file_name, dry_run=False)


async def _run(
    state: CoachingState, request: Request, project_id: str, found: SignedIn, content: bytes,
    file_name: str, *, dry_run: bool,
) -> Response:  # fmt: skip
    try:
        sheet = read_sessions(content, file_name)
    except SheetError as error:
        return _render(state, request, project_id, found, error=error.message, status_code=422)
    context = context_of(request, found, project_id)
    user = found.user

    def coach_id(username: str) -> str | None:
        return user.id if username == user.username else None

    outcome = await run_in_threadpool(
        lambda: run_session_import(
            state.bus, context, sheet, coach_id, dry_run=dry_run, unknown_coach=ONLY_YOU
        )
    )
    kept = content if dry_run and outcome.ok else b""
    return _render(
        state, request, project_id, found, outcome=outcome, content=kept, file_name=file_name,
        status_code=200 if outcome.ok else 422,
    )  # fmt: skip


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
