"""An import's batch of persons is saved in one transaction, on SQLite and PostgreSQL: each
opens again with their own key, a person already held keeps theirs, and the identity code
is found by its keyed hash; a participant without names is shown by their number."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.adapters.sealing import MasterKey
from services.intake.service_layer.enrolment import Person
from shared.eventlog.sql import Database, open_database


@pytest.fixture(params=["sqlite", "postgresql"])
def people(request: pytest.FixtureRequest, tmp_path: Path) -> SqlPersonalData:
    if request.param == "sqlite":
        db: Database = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    else:
        url = request.getfixturevalue("postgres_url")
        db = open_database(url, schema=request.getfixturevalue("pg_schema"))
    return SqlPersonalData(db, "lookup", MasterKey.of_bytes(b"k" * 32)).create()


def _person(client_id: str, **changes: object) -> Person:
    values: dict[str, object] = {
        "client_id": client_id, "project_id": "A", "identity_code": None, "birth_date": None,
        "first_name": "", "last_name": "", "phone": "", "email": "", "language": "fi",
        "consent_version": "import", "consented_at": datetime(2025, 3, 1, tzinfo=UTC),
        "reference": f"EURA-{client_id}",
    }  # fmt: skip
    return Person(**(values | changes))  # type: ignore[arg-type]


def test_a_batch_of_persons_is_saved_and_opens_again(people: SqlPersonalData) -> None:
    people.save(_person("c-1", first_name="Old"))
    key_before = people.data_key("A", "c-1")
    batch = [
        _person("c-1", first_name="Aino", last_name="Aalto"),
        _person("c-2", identity_code="010190-123A", birth_date=date(1990, 1, 1)),
        _person("c-3"),
    ]

    people.save_many(batch)

    assert people.get("A", "c-1") == batch[0]
    assert people.data_key("A", "c-1") == key_before  # their documents still open
    assert people.get("A", "c-2") == batch[1]
    assert people.client_with_identity_code("A", "010190-123a") == "c-2"
    assert people.names_of("A", ["c-1", "c-3"]) == {"c-1": "Aino Aalto", "c-3": "EURA-c-3"}
    assert people.names_in("A")["c-3"] == ("", "EURA-c-3")
    nameless = people.get("A", "c-3")
    assert nameless is not None and nameless.birth_date is None
