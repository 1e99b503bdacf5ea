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

from collections.abc import Callable, Mapping
from typing import Any, Final

from fastapi import Request
from fastapi.responses import Response

from services.coaching.domain.session_import import ImportSession
from services.coaching.entrypoints import labels
from services.coaching.entrypoints.page_rendering import show
from services.coaching.entrypoints.session_import_run import (
    ImportOutcome,
    RowOutcome,
    run_session_import,
)
from services.coaching.entrypoints.session_import_sheet import Sheet, read_sessions
from services.coaching.entrypoints.state import CoachingState, coaching_state
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.principal import SignedIn
from shared.web.sheet_import import STATUS_LABELS, ImportPage, import_router

PATH: Final = "/p/{project_id}/coaching/import"
PAGE_BYTES: Final = 600 * 1000
"""What the page takes (some 10,000 sessions): the file travels back base64-encoded (a
third larger) in the confirming form, within the site's ordinary request allowance;
larger files go by the command line."""
TOO_LARGE = N_("The file is larger than 600 kB: import it with the command duuni import sessions.")
ONLY_YOU = N_(
    "only your own username can be given here: import other coaches' sessions with the "
    "command duuni import sessions"
)


def _page(
    state: CoachingState, request: Request, project_id: str, signed_in: SignedIn
) -> ImportPage[ImportSession]:
    def shown(context: Mapping[str, Any], status_code: int) -> Response:
        return show(
            state, request, "coaching/session_import.html", context, signed_in, project_id,
            status_code=status_code,
        )  # fmt: skip

    user = signed_in.user

    def coach_id(username: str) -> str | None:
        return user.id if username == user.username else None

    def run(sheet: Sheet, dry_run: bool) -> ImportOutcome:
        context = context_of(request, signed_in, project_id)
        return run_session_import(
            state.bus, context, sheet, coach_id, dry_run=dry_run, unknown_coach=ONLY_YOU
        )

    return ImportPage(
        request, signed_in, state.pages.gettext(request), shown, PAGE_BYTES, TOO_LARGE,
        read_sessions, run, _row,
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


router = import_router(PATH, coaching_state, _page)
