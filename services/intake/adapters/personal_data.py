"""The ``PersonalData`` port on intake's own database (adapter layer).

Persons live in tables of their own, apart from the log and the accounts, so that each
can be erased without touching any event. Everything that names a person (names,
identity code, birth date, phone, e-mail, postal address) is sealed in one value with the
person's own data key (``sealing``), whose wrapped copy is in ``person_keys``: erasing a
person deletes that key and their rows, and leaves nothing readable in any copy of the
database. The key is kept when the person's details change, so that what else is sealed
with it (their documents) still opens.

The identity code is found again through a keyed SHA-256 of its normalised form; the key
comes from the deployment's secrets (``DUUNI_INTAKE_IDENTITY_LOOKUP_KEY``) or, on the
embedded default, is made once per database at ``create()`` and kept in
``personal_data_keys``. Names are searched and sorted in memory: a project's opened
persons are kept in a cache checked against the sealed value on every read, so that a
person changed or erased in the store is never answered from it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import secrets
from collections.abc import Collection, Sequence
from datetime import UTC, date
from pathlib import Path
from typing import Any

import orjson
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
    bindparam,
    delete,
    insert,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from services.intake.adapters.documents import documents_metadata, erase_documents
from services.intake.adapters.links import erase_link_answers
from services.intake.adapters.reasons import erase_reasons
from services.intake.adapters.sealing import (
    KEY_FILE,
    MASTER_KEY_VARIABLE,
    MasterKey,
    MasterKeyMissing,
    data_cipher,
    key_folder,
    open_sealed,
    seal,
)
from services.intake.adapters.stored_moments import zoned
from services.intake.domain.contact import phone_digits
from services.intake.domain.identity import is_valid_identity_code
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
    Column("sealed", LargeBinary, nullable=False),
    # Names, identity code, birth date and contact details, sealed with the person's key.
    Column("language", String(2), nullable=False),
    Column("consent_version", String(64), nullable=False),
    Column("consented_at", DateTime(timezone=True), nullable=False),
    Index("persons_by_identity_code", "project_id", "identity_code_hash", unique=True),
    Index("persons_by_project", "project_id", "client_id"),
)

person_changes = Table(
    "person_changes",
    personal_data_metadata,
    Column("project_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
)
"""A number per project raised in the transaction of every save and erasure of its
persons: a cache of the project's opened names is current while the number is the same."""

person_keys = Table(
    "person_keys",
    personal_data_metadata,
    Column("client_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
)
"""Each person's data key, wrapped by the master key: deleting the row erases the person."""

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
SEALED_FIELDS = ("identity_code", "birth_date", "first_name", "last_name", "phone", "email")
"""What a person's sealed value holds."""
_CACHE_LIMIT = 200_000
_MANY_NAMES = 300
"""Above this many clients, ``names_of`` answers from ``names_in``, whose opened values are
kept, instead of reading each person's sealed row again."""
_PHONE_SEARCH = re.compile(r"\+?[0-9][0-9 \-().\/]*")
"""A search text that may be (a part of) a phone number."""


@dataclasses.dataclass
class _ProjectNames:
    """One project's names as opened, and its ``person_changes`` number when they were
    read (``None``: none recorded, so never taken as current)."""

    version: int | None
    names: dict[str, tuple[str, str]]
    _shown: dict[str, str] | None = None
    _folded: dict[str, str] | None = None

    def shown(self) -> dict[str, str]:
        """Client id → the name as pages show it, made once per set of names."""
        if self._shown is None:
            self._shown = {c: " ".join(p for p in pair if p) for c, pair in self.names.items()}
        return self._shown

    def folded(self) -> dict[str, str]:
        """Client id → "first last" case-folded for search, made once per set of names."""
        if self._folded is None:
            self._folded = {c: f"{f} {last}".casefold() for c, (f, last) in self.names.items()}
        return self._folded


def sealed_fields(person: Person) -> bytes:
    """The person's readable fields as the bytes that are sealed (the postal address
    too, which values sealed before it was kept lack: they read as no address)."""
    fields = {name: getattr(person, name) for name in SEALED_FIELDS}
    born = None if person.birth_date is None else person.birth_date.isoformat()
    extra = {"birth_date": born, "address": person.address, "reference": person.reference}
    return orjson.dumps(fields | extra)


def seal_person(
    master: MasterKey, client_id: str, fields: bytes, wrapped: bytes | None = None
) -> tuple[bytes, bytes]:
    """(the wrapped data key, the sealed fields) of one person: a new key, or the one
    already ``wrapped`` for them, so that what else is sealed with it (their documents)
    still opens after their details change."""
    if wrapped is None:
        data_key, wrapped = master.new_data_key(client_id)
    else:
        data_key = master.unwrap(wrapped, client_id)
    return wrapped, seal(data_cipher(data_key), fields, client_id.encode())


class SqlPersonalData:
    """Persons of every project in intake's database; every read names the project."""

    def __init__(
        self, db: Database, lookup_key: str | None = None, master: MasterKey | None = None
    ) -> None:
        self.db = db
        self._key: bytes | None = None
        self._given_key = lookup_key
        self.master = master or MasterKey(_folder_of(db))
        self._opened: dict[str, tuple[bytes, dict[str, Any]]] = {}
        self._phones: dict[str, str] = {}
        """Client id → the digits of their phone as searched (``phone_digits``), kept
        beside the opened values."""
        self._projects: dict[str, _ProjectNames] = {}
        """Project → its names as ``names_in`` last answered them: the next answer is the
        same while the project's ``person_changes`` number is."""

    def create(self) -> SqlPersonalData:
        """The tables, and the lookup key; refused (``MasterKeyMissing``) when persons are
        stored but their master key is not there: a new key would open none of them."""
        self.db.create(personal_data_metadata)
        self.db.create(documents_metadata)  # erasing a person deletes their documents too
        if not self.master.exists():
            with self.db.read() as conn:
                stored = conn.execute(select(person_keys.c.client_id).limit(1)).first()
            if stored is not None:
                raise MasterKeyMissing(
                    f"persons are stored but their master key is missing: set {MASTER_KEY_VARIABLE}"
                    f" or copy {KEY_FILE} from the original data folder beside the database"
                )
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

    def _person_row(self, person: Person, sealed: bytes) -> dict[str, Any]:
        """The person's row of ``persons``, their readable fields ``sealed``."""
        code = person.identity_code
        return {
            "client_id": person.client_id,
            "project_id": person.project_id,
            "identity_code_hash": self._hash(code) if code else None,
            "sealed": sealed,
            "language": person.language,
            "consent_version": person.consent_version,
            "consented_at": person.consented_at.astimezone(UTC),
        }

    def save(self, person: Person, *, submission_id: str | None = None, new: bool = False) -> None:
        """One transaction: the person's key looked up (unless ``new``), their key and row
        written, the submission remembered, the project's change number raised. Every
        statement is built once: on a busy intake an enrolment's save was a third of its
        time in Python, most of it building the same statements again."""
        with self.db.engine.begin() as conn:
            kept = None if new else _held_key(conn, person.project_id, person.client_id)
            wrapped, sealed = seal_person(
                self.master, person.client_id, sealed_fields(person), kept
            )
            if kept is not None:  # a person's row and key are stored and deleted together
                _delete_person(conn, person.project_id, person.client_id)
            conn.execute(_ADD_KEY, _key_row(person, wrapped))
            conn.execute(_ADD_PERSON, self._person_row(person, sealed))
            if submission_id:
                conn.execute(_FORGET_SUBMISSION, {"submission_id": submission_id})
                conn.execute(
                    _ADD_SUBMISSION,
                    {"submission_id": submission_id, "client_id": person.client_id},
                )
            _changed(conn, person.project_id)
        self._opened.pop(person.client_id, None)

    def save_many(self, people: Sequence[Person]) -> None:
        """Many persons in one transaction: an import's batch costs one commit, not one per
        person. A person already held keeps their data key, as in ``save``."""
        if not people:
            return
        ids = [p.client_id for p in people]
        keys_held = person_keys.c
        query = select(keys_held.client_id, keys_held.project_id, keys_held.wrapped_key).where(
            keys_held.client_id.in_(ids)
        )
        with self.db.read() as conn:
            kept = {(c, p): w for c, p, w in conn.execute(query)}
        key_rows: list[dict[str, Any]] = []
        person_rows: list[dict[str, Any]] = []
        for person in people:
            wrapped, sealed = seal_person(
                self.master, person.client_id, sealed_fields(person),
                kept.get((person.client_id, person.project_id)),
            )  # fmt: skip
            key_rows.append(_key_row(person, wrapped))
            person_rows.append(self._person_row(person, sealed))
        with self.db.engine.begin() as conn:
            for person in people:
                if (person.client_id, person.project_id) in kept:
                    _delete_person(conn, person.project_id, person.client_id)
            conn.execute(insert(person_keys), key_rows)
            conn.execute(insert(persons), person_rows)
            for project_id in {p.project_id for p in people}:
                _changed(conn, project_id)
        for person in people:
            self._opened.pop(person.client_id, None)

    def _wrapped_key(self, project_id: str, client_id: str) -> bytes | None:
        with self.db.read() as conn:
            return _held_key(conn, project_id, client_id)

    def data_key(self, project_id: str, client_id: str) -> bytes | None:
        """The person's own data key, to seal and open what else is theirs (documents);
        None when the person is not held in the project (or was erased)."""
        wrapped = self._wrapped_key(project_id, client_id)
        return None if wrapped is None else self.master.unwrap(wrapped, client_id)

    def _open(self, client_id: str, sealed: bytes, wrapped: bytes) -> dict[str, Any]:
        """The person's fields, from the cache while their sealed value is unchanged."""
        cached = self._opened.get(client_id)
        if cached is not None and cached[0] == sealed:
            return cached[1]
        data_key = self.master.unwrap(wrapped, client_id)
        fields: dict[str, Any] = orjson.loads(
            open_sealed(data_cipher(data_key), sealed, client_id.encode())
        )
        if len(self._opened) >= _CACHE_LIMIT:
            self._opened.clear()
            self._phones.clear()
            self._projects.clear()
        self._opened[client_id] = (sealed, fields)
        self._phones[client_id] = phone_digits(fields.get("phone") or "")
        return fields

    def _sealed_rows(self, project_id: str, client_ids: Sequence[str] | None) -> Any:
        query = (
            select(persons, person_keys.c.wrapped_key)
            .join(person_keys, person_keys.c.client_id == persons.c.client_id)
            .where(persons.c.project_id == project_id)
        )
        if client_ids is not None:
            query = query.where(persons.c.client_id.in_(list(client_ids)))
        with self.db.read() as conn:
            return conn.execute(query).mappings().all()

    def get(self, project_id: str, client_id: str) -> Person | None:
        rows = self._sealed_rows(project_id, [client_id])
        if not rows:
            return None
        row = rows[0]
        return _person(row, self._open(client_id, row["sealed"], row["wrapped_key"]))

    def names_of(self, project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        """Display names of the project's clients among ``client_ids`` (for pages only)."""
        wanted = list(dict.fromkeys(client_ids))
        if not wanted:
            return {}
        if len(wanted) > _MANY_NAMES:  # cheaper from the project's names, opened once
            shown = self._names(project_id).shown()
            return {c: shown[c] for c in wanted if c in shown}
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            for row in self._sealed_rows(project_id, wanted[start : start + 500]):
                fields = self._open(row["client_id"], row["sealed"], row["wrapped_key"])
                found[row["client_id"]] = _shown(fields)
        return found

    def names_in(self, project_id: str) -> dict[str, tuple[str, str]]:
        """(first name, last name) of every person of the project, for search and sort."""
        return self._names(project_id).names

    def _names(self, project_id: str) -> _ProjectNames:
        """The project's names, opened.

        While the project's ``person_changes`` number stays, the last answer stands; else
        the sealed values are read, and a person's key is unwrapped only when their value
        is not in the cache as it is stored (new, changed, or not opened yet)."""
        query = select(persons.c.client_id, persons.c.sealed).where(
            persons.c.project_id == project_id
        )
        changes = select(person_changes.c.version).where(person_changes.c.project_id == project_id)
        with self.db.read() as conn:
            version = conn.execute(changes).scalar()
            known = self._projects.get(project_id)
            if known is not None and version is not None and known.version == version:
                return known
            rows = conn.execute(query).all()
        opened = self._opened
        stale = [c for c, sealed in rows if (c not in opened or opened[c][0] != sealed)]
        for start in range(0, len(stale), 500):
            for row in self._sealed_rows(project_id, stale[start : start + 500]):
                self._open(row["client_id"], row["sealed"], row["wrapped_key"])
        names: dict[str, tuple[str, str]] = {}
        for client_id, _sealed in rows:
            cached = opened.get(client_id)
            if cached is not None:
                first, last = cached[1]["first_name"], cached[1]["last_name"]
                # A participant imported without names is listed by their earlier number.
                names[client_id] = (first, last or ("" if first else _shown(cached[1])))
        known = self._projects[project_id] = _ProjectNames(version, names)
        return known

    def matching(self, project_id: str, text: str) -> set[str]:
        """The project's clients whose name holds every word of ``text``, or whose
        identity code or phone number it is (``found_by``): a picker's search, answered
        without the names leaving intake."""
        words = text.casefold().split()[:4]
        if not words:
            return set()
        names = self._names(project_id)
        folded = names.folded()
        first, *more = words
        found = {c for c, name in folded.items() if first in name}
        for word in more:  # each further word narrows what the first found
            found = {c for c in found if word in folded[c]}
        return found | self.found_by(project_id, text, names.names.keys())

    def found_by(self, project_id: str, text: str, client_ids: Collection[str]) -> set[str]:
        """Which of ``client_ids`` (opened by ``names_in`` just before) a search text
        names by identity code (through the keyed hash) or by phone (normalised, a part
        of the number is enough); empty when the text is neither."""
        text = text.strip()
        if is_valid_identity_code(text):
            found = self.client_with_identity_code(project_id, text)
            return {found} if found is not None and found in client_ids else set()
        if not _PHONE_SEARCH.fullmatch(text):
            return set()
        digits = phone_digits(text)
        if len(digits) < 5:
            return set()
        phones = self._phones
        return {c for c in client_ids if digits in phones.get(c, "")}

    def client_ids(self, project_id: str) -> list[str]:
        """Every client of the project whose personal data is held."""
        query = select(persons.c.client_id).where(persons.c.project_id == project_id)
        with self.db.read() as conn:
            return sorted(c for (c,) in conn.execute(query))

    def project_of(self, client_id: str) -> str | None:
        query = select(persons.c.project_id).where(persons.c.client_id == client_id)
        with self.db.read() as conn:
            found: str | None = conn.execute(query).scalar()
        return found

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
            IdentityCodeReveal(**{**dict(r), "revealed_at": zoned(r["revealed_at"])}) for r in rows
        ]

    def forget(self, project_id: str, client_id: str) -> None:
        with self.db.engine.begin() as conn:
            if _delete_person(conn, project_id, client_id):
                conn.execute(delete(submissions).where(submissions.c.client_id == client_id))
            _changed(conn, project_id)
        self._opened.pop(client_id, None)

    def erase(self, project_id: str, client_id: str) -> bool:
        """Delete the person's key and every readable row of theirs; whether any was there.

        On SQLite the freed pages are overwritten (``secure_delete``), so that not even
        the wrapped key is left in the file."""
        with self.db.engine.begin() as conn:
            if self.db.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            gone = _delete_person(conn, project_id, client_id)
            conn.execute(delete(submissions).where(submissions.c.client_id == client_id))
            erase_documents(conn, project_id, client_id)
            erase_reasons(conn, project_id, client_id)
            erase_link_answers(conn, project_id, client_id)
            _changed(conn, project_id)
        self._opened.pop(client_id, None)
        return gone


def _key_row(person: Person, wrapped: bytes) -> dict[str, Any]:
    """The person's row of ``person_keys``: their data key, ``wrapped`` by the master key."""
    return {"client_id": person.client_id, "project_id": person.project_id, "wrapped_key": wrapped}


# What ``save`` runs, built once with bound parameters.
_HELD_KEY = select(person_keys.c.wrapped_key).where(
    person_keys.c.client_id == bindparam("client_id"),
    person_keys.c.project_id == bindparam("project_id"),
)
_ADD_KEY = insert(person_keys)
_ADD_PERSON = insert(persons)
_FORGET_SUBMISSION = delete(submissions).where(
    submissions.c.submission_id == bindparam("submission_id")
)
_ADD_SUBMISSION = insert(submissions)
_RAISE_CHANGES = {
    name: dialect.insert(person_changes)
    .values(project_id=bindparam("project_id"), version=1)
    .on_conflict_do_update(
        index_elements=["project_id"], set_={"version": person_changes.c.version + 1}
    )
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def _held_key(conn: Connection, project_id: str, client_id: str) -> bytes | None:
    """The person's wrapped data key, if one is held."""
    found: bytes | None = conn.execute(
        _HELD_KEY, {"client_id": client_id, "project_id": project_id}
    ).scalar()
    return found


def _changed(conn: Connection, project_id: str) -> None:
    """Raise the project's ``person_changes`` number, in the transaction of ``conn``.

    The last statement of every transaction that changes a person: every save of the
    project locks this one row until commit, and an enrolment that raised it first held
    the lock through its other statements, so the project's enrolments queued on it.
    """
    conn.execute(_RAISE_CHANGES[conn.dialect.name], {"project_id": project_id})


def _delete_person(conn: Connection, project_id: str, client_id: str) -> bool:
    """The person's row and key, in the transaction of ``conn``; whether a row was there.
    The caller raises the project's ``person_changes`` number before it commits."""
    gone = conn.execute(
        delete(persons).where(persons.c.client_id == client_id, persons.c.project_id == project_id)
    )
    conn.execute(
        delete(person_keys).where(
            person_keys.c.client_id == client_id, person_keys.c.project_id == project_id
        )
    )
    return bool(gone.rowcount)


def _folder_of(db: Database) -> Path | None:
    """The SQLite file's folder, where the embedded default keeps its master key file."""
    return key_folder(db.engine.url.render_as_string(hide_password=False), None)


def _shown(fields: dict[str, Any]) -> str:
    """The display name of opened fields: the names, or an imported participant's number."""
    return f"{fields['first_name']} {fields['last_name']}".strip() or fields.get("reference", "")


def _person(row: Any, fields: dict[str, Any]) -> Person:
    return Person(
        client_id=row["client_id"],
        project_id=row["project_id"],
        identity_code=fields["identity_code"],
        birth_date=date.fromisoformat(fields["birth_date"]) if fields["birth_date"] else None,
        first_name=fields["first_name"],
        last_name=fields["last_name"],
        phone=fields["phone"],
        email=fields["email"],
        address=fields.get("address", ""),
        reference=fields.get("reference", ""),
        language=row["language"],
        consent_version=row["consent_version"],
        consented_at=zoned(row["consented_at"]),
    )
