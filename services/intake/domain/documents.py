"""A client's documents: kinds, limits, what a file's bytes say it is (domain layer).

A coach keeps a CV, a signed consent or an employment contract with the client. The
file is personal data and stays in intake's own store, sealed with the person's key;
the log gets only that a document of a kind was added or removed, by its id. What a
file is comes from its content (its first bytes, and for the office formats the
package's parts), not from its name alone: a name says ``cv.pdf`` as easily about a
program as about a PDF. The name must agree with the content, so that what the coach
downloads opens in the program its name promises.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Final

from services.intake.domain.document_kind import DocumentKind
from services.intake.domain.errors import DomainError
from services.intake.domain.events import DocumentAdded, DocumentRemoved

MAX_BYTES: Final = 10 * 1024 * 1024
"""10 MB: a scanned contract of a few pages, a CV with a photo."""
MAX_NAME: Final = 200
FILE_FIELD: Final = "file"
"""The upload field, where a refused file's message is shown."""


PDF: Final = "application/pdf"
PNG: Final = "image/png"
JPEG: Final = "image/jpeg"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT: Final = "application/vnd.oasis.opendocument.text"
EXTENSIONS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        PDF: (".pdf",),
        PNG: (".png",),
        JPEG: (".jpg", ".jpeg"),
        DOCX: (".docx",),
        XLSX: (".xlsx",),
        ODT: (".odt",),
    }
)
"""The media types taken, with the names' endings that go with each."""


def _office_type(content: bytes) -> str | None:
    """Which office document a ZIP package is, from its parts (only its directory and
    the few bytes of an OpenDocument's ``mimetype`` part are read: no bomb unpacks)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
                return XLSX
            if (
                "mimetype" in names
                and package.getinfo("mimetype").file_size < 100
                and package.read("mimetype").strip() == ODT.encode()
            ):
                return ODT
    except (zipfile.BadZipFile, KeyError, ValueError, NotImplementedError, OSError):
        return None
    return None


def media_type_of(content: bytes) -> str | None:
    """The media type the content is, by its magic bytes; None for any other kind."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _office_type(content)
    return None


def checked_file(file_name: str, content: bytes) -> tuple[str, str]:
    """(the cleaned file name, the media type) of an acceptable file.

    Refused at the file field: no file or an empty one (``document_file_required``),
    over ``MAX_BYTES`` (``document_too_large``), content of a kind not taken or a name
    that does not agree with it (``document_type_refused``).
    """
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:MAX_NAME]
    if not content or not name:
        raise DomainError("document_file_required", field=FILE_FIELD)
    if len(content) > MAX_BYTES:
        raise DomainError("document_too_large", field=FILE_FIELD)
    media_type = media_type_of(content)
    if media_type is None or not name.lower().endswith(EXTENSIONS[media_type]):
        raise DomainError("document_type_refused", field=FILE_FIELD)
    return name, media_type


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AddDocument:
    """Keep a file with the client: its bytes go to the store, never to an event."""

    client_id: str
    kind: str
    file_name: str
    content: bytes = dataclasses.field(repr=False)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RemoveDocument:
    client_id: str
    document_id: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StoredDocument:
    """What the store holds about a document besides its bytes."""

    document_id: str
    project_id: str
    client_id: str
    kind: DocumentKind
    file_name: str
    media_type: str
    size: int
    added_by: str
    added_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class ClientDocuments:
    """The documents a client has, by id, with their kind (the stream's state)."""

    client_id: str
    kinds: Mapping[str, DocumentKind]


DocumentEvent = DocumentAdded | DocumentRemoved


def kind_of(value: str) -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError:
        raise DomainError("invalid_document_kind", field="kind") from None


def decide_removal(state: ClientDocuments | None, command: RemoveDocument) -> DocumentRemoved:
    """The removal of a document the client has; ``document_not_found`` otherwise."""
    kind = state.kinds.get(command.document_id) if state else None
    if kind is None:
        raise DomainError("document_not_found")
    return DocumentRemoved(client_id=command.client_id, document_id=command.document_id, kind=kind)


def evolve_documents(state: ClientDocuments | None, event: DocumentEvent) -> ClientDocuments:
    kinds = dict(state.kinds) if state else {}
    if isinstance(event, DocumentAdded):
        kinds[event.document_id] = event.kind
    else:
        kinds.pop(event.document_id, None)
    return ClientDocuments(event.client_id, MappingProxyType(kinds))
