"""Keeping documents with a client: adding and removing them (service layer).

One stream per client (``documents-<client>``) holds which documents they have, by id and
kind, apart from the client's participation, so that a file can be added whatever the
participation does. The content is sealed in intake's store before the event is
appended (a stored file without its event is removed again; an event without its file
would name nothing), and removed after its removal is recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from services.intake.domain.documents import (
    AddDocument,
    ClientDocuments,
    RemoveDocument,
    StoredDocument,
    checked_file,
    decide_removal,
    evolve_documents,
    kind_of,
)
from services.intake.domain.errors import DomainError
from services.intake.domain.events import DocumentAdded
from shared.eventlog.aggregates import Aggregate
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext
from shared.web.principal import AUDITOR

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

DOCUMENTS: Aggregate[ClientDocuments] = Aggregate("documents", evolve_documents)


class Documents(Protocol):
    """Clients' documents, sealed with each person's key (``adapters.documents``)."""

    def add(self, document: StoredDocument, content: bytes) -> None: ...

    def of_client(self, project_id: str, client_id: str) -> list[StoredDocument]:
        """The client's documents, newest first, without their content."""
        ...

    def get(
        self, project_id: str, client_id: str, document_id: str
    ) -> tuple[StoredDocument, bytes] | None:
        """The document and its content; None when the client has no such document."""
        ...

    def remove(self, project_id: str, client_id: str, document_id: str) -> None: ...


def may_handle_documents(context: CommandContext) -> bool:
    """Coaches and project managers of the project (and administrators); never the
    auditor, who checks the figures and has no need of a client's papers."""
    if context.is_admin:
        return True
    return context.may_write() and AUDITOR not in context.roles


def _documents(deps: IntakeDeps) -> Documents:
    if deps.documents is None:
        raise RuntimeError("intake was built without a document store")
    return deps.documents


def add_document(deps: IntakeDeps, command: AddDocument, context: CommandContext) -> Accepted:
    """Refused: not a coach or manager of the project (``forbidden``), another project's
    client (``client_not_found``), an unknown kind (``invalid_document_kind``), and a
    file ``checked_file`` refuses; a refused file leaves nothing stored."""
    if not may_handle_documents(context):
        raise DomainError("forbidden")
    if deps.people.get(context.project_id, command.client_id) is None:
        raise DomainError("client_not_found")
    kind = kind_of(command.kind)
    file_name, media_type = checked_file(command.file_name, command.content)
    loaded = deps.streams.load(DOCUMENTS, command.client_id)
    document = StoredDocument(
        document_id=uuid7_str(),
        project_id=context.project_id,
        client_id=command.client_id,
        kind=kind,
        file_name=file_name,
        media_type=media_type,
        size=len(command.content),
        added_by=context.actor,
        added_at=datetime.now(UTC),
    )
    event = DocumentAdded(
        client_id=command.client_id,
        project_id=context.project_id,
        document_id=document.document_id,
        kind=kind,
    )
    store = _documents(deps)
    store.add(document, command.content)
    try:
        deps.streams.append(
            DOCUMENTS, command.client_id, loaded.version, [event], context.event_context()
        )
    except Exception:
        store.remove(context.project_id, command.client_id, document.document_id)
        raise
    return Accepted(document.document_id, recorded=1)


def remove_document(deps: IntakeDeps, command: RemoveDocument, context: CommandContext) -> Accepted:
    """Refused: as ``add_document`` for who may, ``document_not_found`` for a document the
    client does not have (another client's, or removed already)."""
    if not may_handle_documents(context):
        raise DomainError("forbidden")
    if deps.people.get(context.project_id, command.client_id) is None:
        raise DomainError("client_not_found")
    loaded = deps.streams.load(DOCUMENTS, command.client_id)
    event = decide_removal(loaded.state, command)
    deps.streams.append(
        DOCUMENTS, command.client_id, loaded.version, [event], context.event_context()
    )
    _documents(deps).remove(context.project_id, command.client_id, command.document_id)
    return Accepted(command.document_id, recorded=1)
