"""Clients' documents in intake's own database, sealed with each person's key (adapter layer).

The bytes are kept in a table of intake's database, not in files under the data folder:

- erasure is one transaction: the person's key and their documents' rows go together
  (``SqlPersonalData.erase``), with SQLite's ``secure_delete`` overwriting the freed
  pages; files would need a second, non-transactional step that a crash could skip;
- a backup of the database is a backup of the documents, taken at the same moment as
  the keys that open them, and a restore brings back both or neither;
- the same code serves the embedded SQLite file and PostgreSQL (``bytea``), with no
  shared folder to mount beside the database on a server.

Each document's content and file name are sealed with the person's own data key
(AES-256-GCM, ``sealing``), bound to the document's id, so a sealed value copied to
another row does not open; once the person's key is erased, nothing of their documents
can be read, even from an older copy of the rows. A document is at most 10 MB, which both
databases hold in one value without trouble.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
)

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.sealing import KeyOf, data_cipher, open_sealed, seal
from services.intake.adapters.stored_moments import in_utc, zoned
from services.intake.domain.document_kind import DocumentKind
from services.intake.domain.documents import StoredDocument
from shared.eventlog.sql import Database

documents_metadata = MetaData()

client_documents = Table(
    "client_documents",
    documents_metadata,
    Column("document_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("added_by", String(64), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("sealed_name", LargeBinary, nullable=False),
    Column("sealed_content", LargeBinary, nullable=False),
    Index("client_documents_by_client", "project_id", "client_id", "added_at"),
)
"""A client's documents: what kind, how large, who added them when; the file name and the
content sealed with the person's key."""

_META = (
    client_documents.c.document_id,
    client_documents.c.project_id,
    client_documents.c.client_id,
    client_documents.c.kind,
    client_documents.c.media_type,
    client_documents.c.size,
    client_documents.c.added_by,
    client_documents.c.added_at,
    client_documents.c.sealed_name,
)


class NoSuchPerson(LookupError):
    """The person is not held (never, or erased): nothing of theirs can be sealed or opened."""


class SqlDocuments(OwnTables):
    """The ``Documents`` port: every read names the project and the client."""

    metadata = documents_metadata

    def __init__(self, db: Database, key_of: KeyOf) -> None:
        super().__init__(db)
        self._key_of = key_of

    def _key(self, project_id: str, client_id: str) -> bytes:
        key = self._key_of(project_id, client_id)
        if key is None:
            raise NoSuchPerson(client_id)
        return key

    def add(self, document: StoredDocument, content: bytes) -> None:
        cipher = data_cipher(self._key(document.project_id, document.client_id))
        context = _context(document.document_id, document.client_id)
        row = {
            "document_id": document.document_id,
            "project_id": document.project_id,
            "client_id": document.client_id,
            "kind": document.kind.value,
            "media_type": document.media_type,
            "size": document.size,
            "added_by": document.added_by,
            "added_at": in_utc(document.added_at),
            "sealed_name": seal(cipher, document.file_name.encode(), context + b":name"),
            "sealed_content": seal(cipher, content, context),
        }
        with self.db.engine.begin() as conn:
            conn.execute(insert(client_documents).values(**row))

    def of_client(self, project_id: str, client_id: str) -> list[StoredDocument]:
        """The client's documents, newest first (their names opened, not their content)."""
        query = (
            select(*_META)
            .where(
                client_documents.c.project_id == project_id,
                client_documents.c.client_id == client_id,
            )
            .order_by(client_documents.c.added_at.desc(), client_documents.c.document_id)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        if not rows:
            return []
        cipher = data_cipher(self._key(project_id, client_id))
        return [_stored(row, cipher) for row in rows]

    def get(
        self, project_id: str, client_id: str, document_id: str
    ) -> tuple[StoredDocument, bytes] | None:
        """The document and its content; None when the client has no such document."""
        query = select(*_META, client_documents.c.sealed_content).where(
            client_documents.c.project_id == project_id,
            client_documents.c.client_id == client_id,
            client_documents.c.document_id == document_id,
        )
        with self.db.read() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        cipher = data_cipher(self._key(project_id, client_id))
        content = open_sealed(cipher, row["sealed_content"], _context(document_id, client_id))
        return _stored(row, cipher), content

    def remove(self, project_id: str, client_id: str, document_id: str) -> None:
        with self.db.engine.begin() as conn:
            if self.db.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            conn.execute(
                delete(client_documents).where(
                    client_documents.c.project_id == project_id,
                    client_documents.c.client_id == client_id,
                    client_documents.c.document_id == document_id,
                )
            )


def erase_documents(conn: Connection, project_id: str, client_id: str) -> None:
    """Delete every document of the client in the transaction of ``conn`` (erasure)."""
    conn.execute(
        delete(client_documents).where(
            client_documents.c.project_id == project_id,
            client_documents.c.client_id == client_id,
        )
    )


def _context(document_id: str, client_id: str) -> bytes:
    return f"document:{document_id}:{client_id}".encode()


def _stored(row: Any, cipher: Any) -> StoredDocument:
    context = _context(row["document_id"], row["client_id"]) + b":name"
    return StoredDocument(
        document_id=row["document_id"],
        project_id=row["project_id"],
        client_id=row["client_id"],
        kind=DocumentKind(row["kind"]),
        file_name=open_sealed(cipher, row["sealed_name"], context).decode(),
        media_type=row["media_type"],
        size=int(row["size"]),
        added_by=row["added_by"],
        added_at=zoned(row["added_at"]),
    )
