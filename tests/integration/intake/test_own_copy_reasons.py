"""The person's own copy includes the words of the reasons their record was changed for.

Since reasons became codes the words are kept sealed in intake's store, out of the
events; the copy (JSON and HTML, from the page and from the command line) lists each
reason with its day, its code's label in the person's language and the words.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from duuni.privacy_cli import opened_intake
from shared.business_dates import helsinki_today
from tests.integration.intake.clients import enrol, sign_in

WORDS = "Todistus nähty 3.11."


def _correct(app: TestClient, client_id: str, csrf: str) -> None:
    form = {
        "csrf_token": csrf,
        "gender": "female",
        "education": "isced_5_8",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
        "municipality": "Lohja",
        "reason_code": "document_checked",
        "reason": WORDS,
    }
    saved = app.post(f"/p/A/clients/{client_id}/correct", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text


def test_the_own_copy_lists_the_reasons_with_their_words_label_and_day(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers, entry_date="2026-11-02").json()["id"]
    _correct(app, client_id, headers["X-CSRF-Token"])
    sign_in(app, "auditor-a")

    copy = app.get(f"/p/A/clients/{client_id}/own-copy.json")
    html = app.get(f"/p/A/clients/{client_id}/own-copy.html")

    assert copy.status_code == 200 and html.status_code == 200
    [reason] = json.loads(copy.content)["reasons"]
    assert reason["event_type"] == "intake.start_data_corrected"
    assert (reason["code"], reason["label"], reason["words"]) == (
        "document_checked",
        "Tarkistettu asiakirjasta",  # the person's language is Finnish
        WORDS,
    )
    assert reason["on"] == helsinki_today().isoformat()  # the day the correction was made
    assert '<html lang="fi">' in html.text
    assert "Miksi tietojasi muutettiin" in html.text
    assert "Tarkistettu asiakirjasta" in html.text and WORDS in html.text

    with opened_intake(data_dir) as intake:
        from_cli = intake.privacy.own_copy("A", client_id, log=None)
    assert [(r["label"], r["words"]) for r in from_cli["reasons"]] == [
        ("Tarkistettu asiakirjasta", WORDS)
    ]


def test_the_own_copy_of_a_person_without_reasons_has_none(app: TestClient) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    sign_in(app, "auditor-a")

    copy = json.loads(app.get(f"/p/A/clients/{client_id}/own-copy.json").content)
    html = app.get(f"/p/A/clients/{client_id}/own-copy.html").text

    assert copy["reasons"] == []
    assert "Miksi tietojasi muutettiin" not in html
