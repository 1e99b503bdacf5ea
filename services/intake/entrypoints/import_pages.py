"""The project manager's import page: upload a sheet, see the dry run, confirm (pages).

Entrypoint layer, without script: the upload (``multipart/form-data`` with the session's
CSRF token) answers with the dry run's table, row by row, and every problem at its row
and column in the reader's language. When every row passes, the page carries the file
back in a hidden field of a confirming form (so nothing is kept on the server between
the two steps); the confirmation checks the file's SHA-256 against the one the manager
saw, and runs the same bus as ``duuni import``, which stores nothing unless every row
passes and nothing twice. Larger files than a page takes go through ``duuni import``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from fastapi import Request
from fastapi.responses import Response

from services.intake.domain.importing import ImportParticipant
from services.intake.entrypoints.import_run import ImportOutcome, RowOutcome, run_import
from services.intake.entrypoints.import_sheet import Sheet, read_participants
from services.intake.entrypoints.page_parts import common
from services.intake.entrypoints.state import IntakeState
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.principal import SignedIn
from shared.web.service import state_of
from shared.web.sheet_import import STATUS_LABELS, ImportPage, import_router

PAGE_BYTES: Final = 2 * 1000 * 1000
"""What the page takes (about 10,000 participants): the file travels back base64-encoded
(a third larger) in the confirming form, within the upload allowance the site gives these
two addresses (``shared.web.security.UPLOAD_PATHS``); larger files go by the command line."""
TOO_LARGE = N_("The file is larger than 2 MB: import it with the command duuni import.")


def _page(
    state: IntakeState, request: Request, project_id: str, signed_in: SignedIn
) -> ImportPage[ImportParticipant]:
    def show(context: Mapping[str, Any], status_code: int) -> Response:
        return state.pages.render(
            request, "intake/import.html", {**common(state.pages, request), **context},
            signed_in=signed_in, project_id=project_id, status_code=status_code,
        )  # fmt: skip

    def run(sheet: Sheet, dry_run: bool) -> ImportOutcome:
        context = context_of(request, signed_in, project_id)
        return run_import(state.bus, context, sheet, dry_run=dry_run, access=state.access)

    return ImportPage(
        request, signed_in, state.pages.gettext(request), show, PAGE_BYTES, TOO_LARGE,
        read_participants, run, _row,
    )  # fmt: skip


def _row(row: RowOutcome, tr: Callable[[str], str]) -> dict[str, Any]:
    command = row.command
    leaving = None if command is None else command.exit
    return {
        "row": row.row,
        "reference": row.reference,
        "start": None if command is None else command.entry_date,
        "end": None if leaving is None else leaving.exit_date,
        "status": row.status.value,
        "result": tr(STATUS_LABELS[row.status]),
        "problems": [(p.column, p.text(tr)) for p in row.problems],
    }


router = import_router("/p/{project_id}/import", state_of("intake"), _page)
