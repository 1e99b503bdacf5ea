"""A client's contact details: edited on the client page, sealed like the name, checked at
the field, recorded as a write and as an event naming only the fields; the client list
finds a client by phone (however it is typed) and by identity code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.clients import CODE, database_url, enrol, sign_in

OTHER_CODE = "010160-234F"
"""Born 1960: in the project's target group (50 and over)."""
PDF = b"%PDF-1.4\nkept across the change\n%%EOF\n"


def _change(app: TestClient, headers: dict[str, str], client_id: str, **values: str) -> Any:
    form = {"phone": "", "email": "", "address": "", "language": "fi"} | values
    return app.post(
        f"/p/A/clients/{client_id}/contact",
        data={"csrf_token": headers["X-CSRF-Token"], **form},
        follow_redirects=False,
    )


def _contact_events(data_dir: Path) -> list[dict[str, Any]]:
    db = open_database(database_url(data_dir))
    try:
        events = SqlEventLog(db, "intake").read_all()
    finally:
        db.dispose()
    return [e.payload for e in events if e.event_type == "intake.contact_details_changed"]


def _actions(data_dir: Path, client_id: str) -> list[str]:
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT action FROM access_log WHERE client_id = :c ORDER BY seq"),
                {"c": client_id},
            )
            return [r[0] for r in rows]
    finally:
        db.dispose()


def _names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^,<]+),', html)


def test_a_coach_edits_the_contact_details(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]

    saved = _change(
        app, headers, client_id, phone="050 765 4321", email="aino.v@example.fi",
        address="Kauppakatu 1 A 2\n08100 Lohja", language="sv",
    )  # fmt: skip
    page = app.get(f"/p/A/clients/{client_id}", headers={"Accept-Language": "en"}).text

    assert saved.status_code == 303
    assert "+358507654321" in page and "aino.v@example.fi" in page
    assert "Kauppakatu 1 A 2<br>08100 Lohja" in page
    assert (
        re.search(r"Language of service</dt><dd>([^<]+)</dd>", page).group(1) == "Swedish"  # type: ignore[union-attr]
    )
    timeline = page.split('id="h-timeline"', 1)[1]
    assert "Contact details changed" in timeline and "Postal address" in timeline
    assert "Kauppakatu" not in timeline  # which fields, never their values
    (event,) = _contact_events(data_dir)
    assert event == {
        "client_id": client_id,
        "project_id": "A",
        "changed_fields": ["phone", "email", "address", "language"],
    }
    assert _actions(data_dir, client_id)[-2:] == ["write", "view"]  # the change, then the page


def test_only_what_changed_is_named_and_nothing_changed_records_nothing(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    current = {"phone": "+358 40 123 4567", "email": "aino@example.fi", "language": "fi"}

    unchanged = _change(app, headers, client_id, **current)
    changed = _change(app, headers, client_id, **(current | {"phone": "040-1234568"}))

    assert (unchanged.status_code, changed.status_code) == (303, 303)
    assert [e["changed_fields"] for e in _contact_events(data_dir)] == [["phone"]]


@pytest.mark.parametrize(
    ("language", "field", "value", "message"),
    [
        ("en", "phone", "12345", "Check the phone number"),
        ("fi", "phone", "040 abc", "Tarkista puhelinnumero"),
        ("sv", "email", "aino.example.fi", "Kontrollera e-postadressen"),
        ("en", "address", "x" * 301, "at most 300 characters"),
    ],
)
def test_a_bad_value_is_refused_at_its_field_and_changes_nothing(
    app: TestClient, data_dir: Path, language: str, field: str, value: str, message: str
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    app.cookies.set("duuni_lang", language)

    refused = _change(app, headers, client_id, **{field: value})

    assert refused.status_code == 422
    error = refused.text.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert '<details class="contact-form" open>' in refused.text
    assert _contact_events(data_dir) == []
    page = app.get(f"/p/A/clients/{client_id}").text
    assert "+358 40 123 4567" in page  # as enrolled


def test_the_auditor_may_not_edit(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    auditor = sign_in(app, "auditor-a")

    refused = _change(app, auditor, client_id, phone="0401111111")

    assert refused.status_code == 403 and _contact_events(data_dir) == []


def test_the_list_finds_a_client_by_phone_and_identity_code(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    aino = enrol(app, headers).json()["id"]
    other = enrol(
        app, headers, identity_code=OTHER_CODE, first_name="Bo", last_name="Berg", phone=""
    )
    assert other.status_code == 201, other.text
    _change(app, headers, aino, phone="040 765 4321", language="fi")

    def found(q: str) -> list[str]:
        return _names(app.get("/p/A/clients", params={"q": q, "exited": "1"}).text)

    assert found("0407654321") == ["Virtanen"]
    assert found("+358 40 765 4321") == ["Virtanen"]
    assert found("765 4321") == ["Virtanen"]
    assert found("00358407654321") == ["Virtanen"]
    assert found(CODE) == ["Virtanen"]
    assert found(CODE.lower()) == ["Virtanen"]
    assert found(OTHER_CODE) == ["Berg"]
    assert found("0401234567") == []  # the number before the change
    assert found("Berg") == ["Berg"]  # names as before


def test_documents_stay_readable_after_the_details_change(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    app.post(
        f"/p/A/clients/{client_id}/documents",
        data={"csrf_token": headers["X-CSRF-Token"], "kind": "other"},
        files={"file": ("note.pdf", PDF, "application/pdf")},
    )
    page = app.get(f"/p/A/clients/{client_id}/documents").text
    start = page.index("/documents/") + len("/documents/")
    document_id = page[start : start + 36]

    _change(app, headers, client_id, phone="0409999999", email="new@example.fi")

    downloaded = app.get(f"/p/A/clients/{client_id}/documents/{document_id}")
    assert downloaded.status_code == 200 and downloaded.content == PDF
