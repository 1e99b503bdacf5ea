"""What the client page's Documents section shows, and who may see it (entrypoint layer).

Kept apart from the routes that upload, download and remove, so that the client page
can show the section without importing them.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from fastapi import Request

from services.intake.domain.documents import MAX_BYTES
from services.intake.entrypoints.state import IntakeState
from shared.web.i18n import N_
from shared.web.pages import language_of
from shared.web.principal import AUDITOR, SignedIn

KIND_LABELS: dict[str, str] = {
    "cv": N_("CV"),
    "signed_consent": N_("Signed consent"),
    "employment_contract": N_("Employment contract"),
    "work_trial_agreement": N_("Work trial agreement"),
    "other": N_("Other document"),
}
"""The kinds of document, as the pages name them (``DocumentKind``'s values)."""


def may_handle_documents(signed_in: SignedIn, project_id: str) -> bool:
    """Coaches and project managers of the project, administrators; never an auditor."""
    user = signed_in.user
    if user.is_admin:
        return True
    return user.can_write_in(project_id) and AUDITOR not in user.roles_in(project_id)


def size_text(size: int, tr: Any, language: str) -> str:
    """The size as a person reads it, in the page's language (``1,2 Mt``, ``340 kB``)."""
    if size >= 1024 * 1024:
        value = format_decimal(round(size / (1024 * 1024), 1), locale=language)
        return str(tr(N_("%(size)s MB")) % {"size": value})
    value = format_decimal(max(1, round(size / 1024)), locale=language)
    return str(tr(N_("%(size)s kB")) % {"size": value})


def document_parts(
    state: IntakeState, request: Request, signed_in: SignedIn, ids: tuple[str, str]
) -> dict[str, Any]:
    """What the client page's Documents section needs: the list for those who may handle
    documents (an auditor sees that the section is not theirs), the kinds, the limit."""
    project_id, client_id = ids
    allowed = may_handle_documents(signed_in, project_id) and state.documents is not None
    tr = state.pages.gettext(request)
    language = language_of(request)
    store = state.documents
    documents = store.of_client(project_id, client_id) if allowed and store is not None else []
    return {
        "may_handle_documents": allowed,
        "documents": [
            {
                "id": d.document_id,
                "kind": tr(KIND_LABELS[d.kind.value]),
                "file_name": d.file_name,
                "added_at": d.added_at,
                "size": size_text(d.size, tr, language),
            }
            for d in documents
        ],
        "document_kinds": [(kind, tr(label)) for kind, label in KIND_LABELS.items()],
        "document_limit": size_text(MAX_BYTES, tr, language),
    }
