"""The exports in the real app: readable in the reader's language by default (Excel opens
the Finnish and Swedish CSV in columns), the codes form for programs, both as CSV and
XLSX, linked from the report page and described in the OpenAPI document."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import openpyxl
from fastapi.testclient import TestClient

from services.reporting.entrypoints import xlsx
from tests.integration.reporting.web import BASE, sign_in, wait_for_projection
from tests.unit.reporting.builders import PROJECT

YEAR = {"start": "2019-01-01", "end": "2019-12-31"}


def csv_rows(response: Any, delimiter: str) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=delimiter))


def sheet_rows(response: Any) -> list[list[Any]]:
    assert xlsx.available() and response.status_code == 200, response.text
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_participant_export_reads_in_finnish_and_opens_in_columns(client: TestClient) -> None:
    sign_in(client, "manager")
    wait_for_projection(client)

    rows = csv_rows(client.get(f"{BASE}/participants.csv", params=YEAR | {"lang": "fi"}), ";")

    header, c1 = rows[0], rows[1]
    assert header[:3] == ["Osallistuja (pseudonyymi tunniste)", "Aloituspäivä", "Sukupuoli"]
    assert c1[:8] == ["c1", "1.2.2019", "Nainen", "35", "25–54-vuotiaat", "Työtön", "Kyllä",
                      "1.1.2018"]  # fmt: skip
    assert "Toinen aste (ISCED 3–4)" in c1 and "Ei kysytty" in c1
    assert c1[-5:] == ["1.5.2019", "Työllistynyt", "Avoimet työmarkkinat, kokoaikainen",
                       "Työllistynyt avoimille markkinoille, kokoaikainen", "Kyllä"]  # fmt: skip


def test_the_language_follows_the_readers_choice_and_english_keeps_commas(
    client: TestClient,
) -> None:
    sign_in(client, "manager")
    wait_for_projection(client)
    client.cookies.set("duuni_lang", "sv")

    swedish = csv_rows(client.get(f"{BASE}/report.csv", params=YEAR), ";")
    english = csv_rows(client.get(f"{BASE}/report.csv", params=YEAR | {"lang": "en"}), ",")

    assert swedish[0][:3] == ["Tabell", "Uppgift", "Enhet"]
    assert ["Deltagare vid start (ESF-utfallsindikatorer)", "Kvinnor", "deltagare", "1", "1",
            "", ""] in swedish  # fmt: skip
    assert english[0] == ["Table", "Figure", "Unit", "In period", "Cumulative", "Planned",
                          "Share of target (%)"]  # fmt: skip
    assert english[1][:3] == ["Participants at entry (ESF output indicators)",
                              "Participants, total", "participants"]  # fmt: skip


def test_the_codes_export_keeps_the_stable_columns_and_codes(client: TestClient) -> None:
    sign_in(client, "manager")
    wait_for_projection(client)
    client.cookies.set("duuni_lang", "sv")

    participants = csv_rows(
        client.get(f"{BASE}/participants.csv", params=YEAR | {"format": "codes"}), ","
    )
    figures = csv_rows(client.get(f"{BASE}/report.csv", params=YEAR | {"format": "codes"}), ",")

    assert participants[0][:4] == ["participant_id", "start_date", "gender", "age_at_start"]
    assert ",".join(participants[1]).startswith("c1,2019-02-01,female,35,25_to_54,unemployed,true")
    assert ",".join(participants[1]).endswith(
        "2019-05-01,employed,open_market_full_time,employed.open_market_full_time,true"
    )
    assert ["6.1", "participants.gender.female", "participants", "1", "1", "", ""] in figures


def test_the_workbooks_hold_words_real_dates_and_numbers_or_the_codes(client: TestClient) -> None:
    sign_in(client, "manager")
    wait_for_projection(client)

    readable = sheet_rows(client.get(f"{BASE}/participants.xlsx", params=YEAR | {"lang": "fi"}))
    codes = sheet_rows(client.get(f"{BASE}/participants.xlsx", params=YEAR | {"format": "codes"}))
    codes_csv = csv_rows(client.get(f"{BASE}/participants.csv", params={"format": "codes"}), ",")
    figures = sheet_rows(client.get(f"{BASE}/report.xlsx", params=YEAR | {"lang": "en"}))

    assert readable[0][:3] == ["Osallistuja (pseudonyymi tunniste)", "Aloituspäivä", "Sukupuoli"]
    assert readable[1][:4] == ["c1", datetime(2019, 2, 1), "Nainen", 35]
    assert readable[1][6] == "Kyllä"
    assert codes[0] == codes_csv[0]
    assert codes[1][:3] == ["c1", datetime(2019, 2, 1), "female"]
    assert figures[0][:2] == ["Table", "Figure"]
    assert ["Participants at entry (ESF output indicators)", "Women", "participants", 1, 1,
            None, None] in figures  # fmt: skip


def test_the_report_page_links_every_export_in_the_pages_language(client: TestClient) -> None:
    sign_in(client, "auditor")
    client.cookies.set("duuni_lang", "en")

    page = client.get(f"/p/{PROJECT}/reports", params=YEAR).text

    query = "start=2019-01-01&amp;end=2019-12-31"
    for export in ("report.csv", "report.xlsx", "participants.csv", "participants.xlsx"):
        assert f'href="{BASE}/{export}?{query}&amp;lang=en"' in page
    for export in ("report.csv", "participants.csv"):
        assert f'href="{BASE}/{export}?{query}&amp;format=codes"' in page


def test_the_openapi_document_describes_both_forms_of_every_export(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    for export in ("report.csv", "report.xlsx", "participants.csv", "participants.xlsx"):
        route = paths[f"/api/reporting/projects/{{project_id}}/{export}"]["get"]
        parameters = {p["name"]: p for p in route["parameters"]}
        form = parameters["format"]
        assert form["schema"]["enum"] == ["readable", "codes"]
        assert form["schema"]["default"] == "readable"
        assert "participants.gender.female" in form["description"]
        assert "lang" in parameters
