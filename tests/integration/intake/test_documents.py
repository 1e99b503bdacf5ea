"""A client's documents: kept sealed with the person's key, limited in size and type by
their content, downloaded with the access logged, never by the auditor, removed with a
confirmation, gone with the person's erasure, listed in the person's own copy.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from services.intake.domain.documents import MAX_BYTES
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.clients import database_url, enrol, sign_in

MARKER = b"KALEVALA-MARKER-7731"
PDF = b"%PDF-1.4\n" + MARKER + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _upload(
    app: TestClient,
    headers: dict[str, str],
    client_id: str,
    content: bytes,
    name: str = "Aino Virtanen CV.pdf",
    kind: str = "cv",
) -> object:
    return app.post(
        f"/p/A/clients/{client_id}/documents",
        data={"csrf_token": headers["X-CSRF-Token"], "kind": kind},
        files={"file": (name, content, "application/octet-stream")},
        follow_redirects=False,
    )


def _rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        db.dispose()


def _document_events(data_dir: Path) -> list[tuple[str, dict[str, object]]]:
    db = open_database(database_url(data_dir))
    try:
        events = SqlEventLog(db, "intake").read_all()
    finally:
        db.dispose()
    return [(e.event_type, e.payload) for e in events if e.stream_id.startswith("documents-")]


def _store_bytes(data_dir: Path) -> bytes:
    return b"".join(
        p.read_bytes() for p in data_dir.iterdir() if p.is_file() and p.name.startswith("intake")
    )


def _document_id(page: str) -> str:
    marker = "/documents/"
    start = page.index(marker) + len(marker)
    return page[start : start + 36]


def test_a_coach_adds_a_document_and_downloads_it_with_the_access_logged(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]

    added = _upload(app, headers, client_id, PDF)
    page = app.get(f"/p/A/clients/{client_id}/documents", headers={"Accept-Language": "en"}).text
    document_id = _document_id(page)
    downloaded = app.get(f"/p/A/clients/{client_id}/documents/{document_id}")

    assert added.status_code == 303  # type: ignore[attr-defined]
    assert 'id="h-documents"' in page and "Aino Virtanen CV.pdf" in page and ">CV<" in page
    assert downloaded.status_code == 200 and downloaded.content == PDF
    assert downloaded.headers["content-type"] == "application/pdf"
    assert downloaded.headers["content-disposition"].startswith("attachment;")
    logged = _rows(data_dir, "SELECT client_id, action, purpose FROM access_log")
    assert (client_id, "download", document_id) in logged
    ((event_type, payload),) = _document_events(data_dir)
    assert event_type == "intake.document_added"
    assert set(payload) == {"client_id", "project_id", "document_id", "kind"}
    assert payload["kind"] == "cv" and payload["document_id"] == document_id
    # Sealed at rest: neither the content nor the file name is in intake's files.
    store = _store_bytes(data_dir)
    assert MARKER not in store and b"Aino Virtanen CV" not in store


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (PDF + b"x" * MAX_BYTES, "big.pdf", "larger than 10 MB"),
        (PNG, "cv.pdf", "not taken"),  # the name says PDF, the content is an image
        (b"MZ\x90\x00 a program", "cv.pdf", "not taken"),
        (b"PK\x03\x04 not really a zip", "cv.docx", "not taken"),
        (_docx(), "cv.exe", "not taken"),
        (b"", "empty.pdf", "Choose the file"),
    ],
    ids=["over-10-MB", "image-named-pdf", "program", "broken-zip", "wrong-name", "empty"],
)
def test_a_file_over_the_limit_or_of_a_refused_type_stores_nothing(
    app: TestClient, data_dir: Path, content: bytes, name: str, code: str
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    app.headers["Accept-Language"] = "en"

    refused = _upload(app, headers, client_id, content, name=name)

    assert refused.status_code == 422  # type: ignore[attr-defined]
    body = refused.text  # type: ignore[attr-defined]
    assert 'id="file-error"' in body and code in body
    assert _rows(data_dir, "SELECT count(*) FROM client_documents") == [(0,)]
    assert _document_events(data_dir) == []


def test_the_refusal_is_in_the_users_language(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    messages = {}
    for language in ("fi", "sv", "en"):
        app.cookies.set("duuni_lang", language)
        page = _upload(app, headers, client_id, PNG, name="cv.pdf").text  # type: ignore[attr-defined]
        messages[language] = page.split('id="file-error">', 1)[1].split("</p>", 1)[0]

    assert "PDF" in messages["fi"] and "Mitään ei tallennettu" in messages["fi"]
    assert "PDF" in messages["sv"] and "Ingenting sparades" in messages["sv"]
    assert "Nothing was saved" in messages["en"]


def test_office_documents_and_images_are_taken(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]

    answers = [
        _upload(app, headers, client_id, _docx(), "sopimus.docx", "employment_contract"),
        _upload(app, headers, client_id, PNG, "suostumus.png", "signed_consent"),
    ]

    assert [a.status_code for a in answers] == [303, 303]  # type: ignore[attr-defined]
    kinds = sorted(k for (k,) in _rows(data_dir, "SELECT kind FROM client_documents"))
    assert kinds == ["employment_contract", "signed_consent"]


def test_the_auditor_never_sees_or_downloads_documents(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    _upload(app, headers, client_id, PDF)
    document_id = _document_id(app.get(f"/p/A/clients/{client_id}/documents").text)

    auditor = sign_in(app, "auditor-a")
    page = app.get(f"/p/A/clients/{client_id}").text
    download = app.get(f"/p/A/clients/{client_id}/documents/{document_id}")
    upload = _upload(app, auditor, client_id, PDF)
    sign_in(app, "coach-b")  # another project's coach
    elsewhere = app.get(f"/p/A/clients/{client_id}/documents/{document_id}")

    assert 'id="h-documents"' not in page
    assert download.status_code == 403 and MARKER not in download.content
    assert upload.status_code == 403  # type: ignore[attr-defined]
    assert elsewhere.status_code == 404


def test_removing_asks_first_and_records_the_removal(app: TestClient, data_dir: Path) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    _upload(app, headers, client_id, PDF)
    document_id = _document_id(app.get(f"/p/A/clients/{client_id}/documents").text)
    address = f"/p/A/clients/{client_id}/documents/{document_id}"

    asked = app.get(f"{address}/remove", headers={"Accept-Language": "en"})
    removed = app.post(
        f"{address}/remove", data={"csrf_token": headers["X-CSRF-Token"]}, follow_redirects=False
    )
    again = app.post(f"{address}/remove", data={"csrf_token": headers["X-CSRF-Token"]})

    assert asked.status_code == 200 and "Remove the document?" in asked.text
    assert removed.status_code == 303
    assert again.status_code == 404
    assert app.get(address).status_code == 404
    timeline = app.get(f"/p/A/clients/{client_id}", headers={"Accept-Language": "en"}).text
    timeline = timeline.split('id="h-timeline"', 1)[1]
    assert "Document added" in timeline and "Document removed" in timeline
    assert "Aino Virtanen CV" not in timeline
    assert [t for t, _p in _document_events(data_dir)] == [
        "intake.document_added",
        "intake.document_removed",
    ]
    assert _rows(data_dir, "SELECT count(*) FROM client_documents") == [(0,)]


def test_erasing_the_person_leaves_their_documents_unreadable(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    _upload(app, headers, client_id, PDF)
    document_id = _document_id(app.get(f"/p/A/clients/{client_id}/documents").text)
    sealed_before = _rows(data_dir, "SELECT sealed_content FROM client_documents")
    auditor = sign_in(app, "auditor-a")

    erased = app.post(
        f"/p/A/clients/{client_id}/erase",
        data={"csrf_token": auditor["X-CSRF-Token"], "confirm": "yes"},
        follow_redirects=False,
    )
    sign_in(app, "coach-a")

    assert erased.status_code == 303
    assert _rows(data_dir, "SELECT count(*) FROM client_documents") == [(0,)]
    assert app.get(f"/p/A/clients/{client_id}/documents/{document_id}").status_code == 404
    assert MARKER not in _store_bytes(data_dir)
    # Any copy of the sealed rows left in a page or a backup has no key to open it.
    assert sealed_before and _rows(
        data_dir, f"SELECT count(*) FROM person_keys WHERE client_id = '{client_id}'"
    ) == [(0,)]


def test_the_own_copy_lists_the_documents(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    _upload(app, headers, client_id, PDF)
    sign_in(app, "auditor-a")

    copy = json.loads(app.get(f"/p/A/clients/{client_id}/own-copy.json").content)
    html = app.get(f"/p/A/clients/{client_id}/own-copy.html").text

    ((document,),) = [copy["documents"]]
    assert (document["kind"], document["file_name"], document["size"]) == (
        "cv",
        "Aino Virtanen CV.pdf",
        len(PDF),
    )
    assert "Aino Virtanen CV.pdf" in html
