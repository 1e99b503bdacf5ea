"""What a file is by its bytes, and a phone number in its one kept form (pure domain)."""

from __future__ import annotations

import io
import zipfile

import pytest

from services.intake.domain.contact import (
    ChangeContactDetails,
    checked_details,
    normalised_phone,
    phone_digits,
)
from services.intake.domain.contracts import intake_contracts
from services.intake.domain.document_kind import DocumentKind
from services.intake.domain.documents import (
    DOCX,
    JPEG,
    MAX_BYTES,
    ODT,
    PDF,
    PNG,
    XLSX,
    checked_file,
    media_type_of,
)
from services.intake.domain.errors import DomainError
from services.intake.domain.events import ContactDetailsChanged, DocumentAdded, DocumentRemoved
from shared.events.codec import decode_event, payload_of
from shared.events.contract import schema_version_of, type_name_of
from shared.events.envelope import Context, NewEvent


def _zip(parts: dict[str, str], *, stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        if stored_first:
            package.writestr("mimetype", stored_first)
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n...", PDF),
        (b"\x89PNG\r\n\x1a\n....", PNG),
        (b"\xff\xd8\xff\xe0....", JPEG),
        (_zip({"[Content_Types].xml": "", "word/document.xml": ""}), DOCX),
        (_zip({"[Content_Types].xml": "", "xl/workbook.xml": ""}), XLSX),
        (_zip({"content.xml": ""}, stored_first=ODT), ODT),
        (
            _zip(
                {"content.xml": ""}, stored_first="application/vnd.oasis.opendocument.spreadsheet"
            ),
            None,
        ),
        (_zip({"payload.exe": "MZ"}), None),
        (b"MZ\x90\x00", None),
        (b"GIF89a", None),
        (b"PK\x03\x04broken", None),
    ],
    ids=["pdf", "png", "jpeg", "docx", "xlsx", "odt", "ods", "zip", "exe", "gif", "broken-zip"],
)
def test_the_content_tells_what_a_file_is(content: bytes, expected: str | None) -> None:
    assert media_type_of(content) == expected


def test_the_name_must_agree_with_the_content_and_the_size_is_limited() -> None:
    assert checked_file("C:\\Users\\aino\\CV.PDF", b"%PDF-1.4") == ("CV.PDF", PDF)
    assert checked_file("kuva.jpeg", b"\xff\xd8\xff\xe0") == ("kuva.jpeg", JPEG)
    for name, content, code in [
        ("cv.png", b"%PDF-1.4", "document_type_refused"),
        ("cv", b"%PDF-1.4", "document_type_refused"),
        ("cv.pdf", b"", "document_file_required"),
        ("cv.pdf", b"%PDF-" + b"x" * MAX_BYTES, "document_too_large"),
    ]:
        with pytest.raises(DomainError) as refused:
            checked_file(name, content)
        assert (refused.value.code, refused.value.field) == (code, "file")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("040 123 4567", "+358401234567"),
        ("040-1234567", "+358401234567"),
        ("+358 (0)40 123 4567", "+358401234567"),
        ("+358 40 123 4567", "+358401234567"),
        ("00358401234567", "+358401234567"),
        ("09 123 456", "+3589123456"),
        ("+46 70 123 45 67", "+46701234567"),
        ("12345", None),
        ("040 abc", None),
        ("+1 234", None),
        ("０４０１２３４５６７", None),  # full-width digits are not taken
    ],
)
def test_phone_numbers_are_kept_in_one_form(typed: str, kept: str | None) -> None:
    assert normalised_phone(typed) == kept


def test_a_search_by_a_part_of_a_number_compares_its_digits() -> None:
    assert phone_digits("040 123 4567") == "358401234567"
    assert phone_digits("123 4567") == "1234567"


def test_contact_details_are_checked_at_their_fields() -> None:
    address = " Katu 1 \n 00100 Helsinki "
    good = ChangeContactDetails(
        client_id="c", phone=" 040 123 4567 ", email=" a@b.fi ", address=address, language="sv"
    )
    details = checked_details(good)
    assert (details.phone, details.email, details.address) == (
        "+358401234567",
        "a@b.fi",
        "Katu 1\n00100 Helsinki",
    )
    for change, field in [
        ({"phone": "123"}, "phone"),
        ({"email": "a@b"}, "email"),
        ({"address": "x" * 301}, "address"),
        ({"language": "de"}, "language"),
    ]:
        bad = ChangeContactDetails(**({"client_id": "c", "phone": "", "email": "", "address": "",
                                       "language": "fi"} | change))  # fmt: skip
        with pytest.raises(DomainError) as refused:
            checked_details(bad)
        assert refused.value.field == field


@pytest.mark.parametrize(
    "event",
    [
        DocumentAdded(
            client_id="c-1", project_id="S21048", document_id="d-1", kind=DocumentKind.CV
        ),
        DocumentRemoved(client_id="c-1", document_id="d-1", kind=DocumentKind.SIGNED_CONSENT),
        ContactDetailsChanged(client_id="c-1", project_id="S21048", changed_fields=("phone",)),
    ],
    ids=lambda e: type(e).__name__,
)
def test_the_new_events_round_trip_and_pass_the_privacy_guard(event: object) -> None:
    name, version = type_name_of(event), schema_version_of(event)

    assert decode_event(intake_contracts(), name, version, payload_of(event)) == event
    NewEvent.of(event, Context(project_id="S21048", actor="coach-1"))
