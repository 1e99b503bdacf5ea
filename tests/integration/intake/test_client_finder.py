"""Intake's finder for the client picker: names, identity codes and phones, answered
from the project's opened names while its ``person_changes`` number stays the same.

Two stores on one database stand for two processes: whatever one saves, re-saves with
another name, imports or erases, the other's next search sees, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from services.intake.adapters.links import links_metadata
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.adapters.reasons import reasons_metadata
from services.intake.adapters.sealing import MasterKey
from services.intake.service_layer.enrolment import Person
from shared.eventlog.sql import Database, open_database

KEY = MasterKey.of_bytes(b"k" * 32)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    else:
        url = request.getfixturevalue("postgres_url")
        database = open_database(url, schema=request.getfixturevalue("pg_schema"))
    for tables in (reasons_metadata, links_metadata):  # an erasure empties these too
        database.create(tables)
    yield database
    database.dispose()


def _person(client_id: str, first: str, last: str, **changes: object) -> Person:
    values: dict[str, object] = {
        "client_id": client_id, "project_id": "A", "identity_code": None, "birth_date": None,
        "first_name": first, "last_name": last, "phone": "", "email": "", "language": "fi",
        "consent_version": "2026-01", "consented_at": datetime(2026, 3, 1, tzinfo=UTC),
        "reference": None,
    }  # fmt: skip
    return Person(**(values | changes))  # type: ignore[arg-type]


def test_a_search_sees_every_save_and_erasure_made_elsewhere(db: Database) -> None:
    reader = SqlPersonalData(db, "lookup", KEY).create()
    writer = SqlPersonalData(db, "lookup", KEY).create()
    writer.save(_person("c-1", "Aino", "Virtanen", phone="+358 40 123 4567"))
    writer.save(_person("b-1", "Aino", "Berg", project_id="B"))

    assert reader.matching("A", "aino") == {"c-1"}  # never another project's
    assert reader.matching("A", "VIRT aino") == {"c-1"}
    assert reader.matching("A", "aino berg") == set()
    assert reader.matching("A", "  ") == set()

    writer.save(_person("c-2", "Aino", "Mäkelä", identity_code="131052-308T",
                        birth_date=date(1952, 10, 13)))  # fmt: skip
    assert reader.matching("A", "aino") == {"c-1", "c-2"}
    assert reader.matching("A", "mäke") == {"c-2"}
    assert reader.matching("A", "131052-308T") == {"c-2"}
    assert reader.matching("A", "040 123 4567") == {"c-1"}

    writer.save(_person("c-1", "Bo", "Berg"))  # a new name, and no phone any more
    assert reader.matching("A", "aino") == {"c-2"}
    assert reader.matching("A", "berg") == {"c-1"}
    assert reader.matching("A", "040 123 4567") == set()

    writer.save_many([_person("c-3", "Aino", "Aalto")])  # an import's batch
    assert reader.matching("A", "aino") == {"c-2", "c-3"}

    assert writer.erase("A", "c-2")
    assert reader.matching("A", "aino") == {"c-3"}
    assert reader.names_in("A") == {"c-1": ("Bo", "Berg"), "c-3": ("Aino", "Aalto")}
