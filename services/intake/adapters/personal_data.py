"""The ``PersonalData`` port on intake's own database (adapter layer).

Persons live in tables of their own, apart from the log and the accounts, so that they
can later be encrypted per person and erased without touching any event. The identity
code is found again through a keyed SHA-256 of its normalised form; the key comes from the
deployment's secrets (``DUUNI_INTAKE_IDENTITY_LOOKUP_KEY``) or, on the embedded default,
is made once per database at ``create()`` and kept in ``personal_data_keys``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
)

from services.intake.service_layer.enrolment import IdentityCodeReveal, Person
from shared.eventlog.sql import Database

personal_data_metadata = MetaData()

keys = Table(
    "personal_data_keys",
    personal_data_metadata,
    Column("name", String(32), primary_key=True),
    Column("secret", String(64), nullable=False),
)

persons = Table(
    "persons",
    personal_data_metadata,
    Column("client_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("identity_code_hash", String(64), nullable=True),
    Column("identity_code", String(11), nullable=True),
    Column("birth_date", Date, nullable=False),
    Column("first_name", String(200), nullable=False),
    Column("last_name", String(200), nullable=False),
    Column("search_name", String(401), nullable=False, default=""),
    # Lower-case "first last", for search: personal data, so kept here with the names.
    Column("phone", String(50), nullable=False),
    Column("email", String(254), nullable=False),
    Column("language", String(2), nullable=False),
    Column("consent_version", String(64), nullable=False),
    Column("consented_at", DateTime(timezone=True), nullable=False),
    Index("persons_by_identity_code", "project_id", "identity_code_hash", unique=True),
    Index("persons_by_name", "project_id", "last_name", "first_name", "client_id"),
)

submissions = Table(
    "person_submissions",
    personal_data_metadata,
    Column("submission_id", String(64), primary_key=True),
    Column("client_id", String(36), nullable=False),
)

reveals = Table(
    "identity_code_reveals",
    personal_data_metadata,
    Column("reveal_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("revealed_at", DateTime(timezone=True), nullable=False),
    Column("reason", String(500), nullable=False),
    Index("identity_code_reveals_by_client", "project_id", "client_id", "revealed_at"),
)
"""Who was shown whose full identity code, when and why: appended to, never changed."""

_LOOKUP_KEY = "identity_code_lookup"


class SqlPersonalData:
    """Persons of every project in intake's database; every read names the project."""

    def __init__(self, db: Database, lookup_key: str | None = None) -> None:
        self.db = db
        self._key: bytes | None = None
        self._given_key = lookup_key

    def create(self) -> SqlPersonalData:
        self.db.create(personal_data_metadata)
        if self._given_key:
            self._key = hashlib.sha256(self._given_key.encode()).digest()
            return self
        with self.db.engine.begin() as conn:
            found = conn.execute(select(keys.c.secret).where(keys.c.name == _LOOKUP_KEY)).scalar()
            if found is None:
                found = secrets.token_hex(32)
                conn.execute(insert(keys).values(name=_LOOKUP_KEY, secret=found))
        self._key = bytes.fromhex(found)
        return self

    def _hash(self, identity_code: str) -> str:
        if self._key is None:
            raise RuntimeError("SqlPersonalData.create() was not called")
        normalised = identity_code.strip().upper().encode()
        return hmac.new(self._key, normalised, hashlib.sha256).hexdigest()

    def save(self, person: Person, *, submission_id: str | None = None) -> None:
        code = person.identity_code
        row: dict[str, Any] = {
            "client_id": person.client_id,
            "project_id": person.project_id,
            "identity_code_hash": self._hash(code) if code else None,
            "identity_code": code,
            "birth_date": person.birth_date,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "search_name": f"{person.first_name} {person.last_name}".lower(),
            "phone": person.phone,
            "email": person.email,
            "language": person.language,
            "consent_version": person.consent_version,
            "consented_at": person.consented_at.astimezone(UTC),
        }
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(persons).where(
                    persons.c.client_id == person.client_id,
                    persons.c.project_id == person.project_id,
                )
            )
            conn.execute(insert(persons).values(**row))
            if submission_id:
                conn.execute(
                    delete(submissions).where(submissions.c.submission_id == submission_id)
                )
                conn.execute(
                    insert(submissions).values(
                        submission_id=submission_id, client_id=person.client_id
                    )
                )

    def get(self, project_id: str, client_id: str) -> Person | None:
        query = select(persons).where(
            persons.c.project_id == project_id, persons.c.client_id == client_id
        )
        with self.db.read() as conn:
            row = conn.execute(query).mappings().first()
        return _person(row) if row else None

    def names_of(self, project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        """Display names of the project's clients among ``client_ids`` (for pages only)."""
        wanted = list(dict.fromkeys(client_ids))
        if not wanted:
            return {}
        query = select(persons.c.client_id, persons.c.first_name, persons.c.last_name).where(
            persons.c.project_id == project_id, persons.c.client_id.in_(wanted)
        )
        with self.db.read() as conn:
            return {c: f"{first} {last}" for c, first, last in conn.execute(query)}

    def client_with_identity_code(self, project_id: str, identity_code: str) -> str | None:
        query = select(persons.c.client_id).where(
            persons.c.project_id == project_id,
            persons.c.identity_code_hash == self._hash(identity_code),
        )
        with self.db.read() as conn:
            found: str | None = conn.execute(query).scalar()
        return found

    def client_of_submission(self, submission_id: str) -> str | None:
        query = select(submissions.c.client_id).where(submissions.c.submission_id == submission_id)
        with self.db.read() as conn:
            found: str | None = conn.execute(query).scalar()
        return found

    def record_reveal(self, reveal: IdentityCodeReveal) -> None:
        row = dataclasses.asdict(reveal) | {"revealed_at": reveal.revealed_at.astimezone(UTC)}
        with self.db.engine.begin() as conn:
            conn.execute(insert(reveals).values(**row))

    def reveals_of(self, project_id: str, client_id: str) -> list[IdentityCodeReveal]:
        query = (
            select(reveals)
            .where(reveals.c.project_id == project_id, reveals.c.client_id == client_id)
            .order_by(reveals.c.revealed_at, reveals.c.reveal_id)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            IdentityCodeReveal(**{**dict(r), "revealed_at": _utc(r["revealed_at"])}) for r in rows
        ]

    def forget(self, project_id: str, client_id: str) -> None:
        with self.db.engine.begin() as conn:
            gone = conn.execute(
                delete(persons).where(
                    persons.c.client_id == client_id, persons.c.project_id == project_id
                )
            )
            if gone.rowcount:
                conn.execute(delete(submissions).where(submissions.c.client_id == client_id))


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _person(row: Any) -> Person:
    consented_at: datetime = row["consented_at"]
    if consented_at.tzinfo is None:  # SQLite drops the zone; we stored UTC
        consented_at = consented_at.replace(tzinfo=UTC)
    return Person(
        client_id=row["client_id"],
        project_id=row["project_id"],
        identity_code=row["identity_code"],
        birth_date=row["birth_date"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        phone=row["phone"],
        email=row["email"],
        language=row["language"],
        consent_version=row["consent_version"],
        consented_at=consented_at,
    )
