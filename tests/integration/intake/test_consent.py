"""Consent per purpose: recorded with the version shown and the channel, withdrawn at
once; the events carry the purpose and the version, never the text; auditors only read."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import RecordedEvent
from tests.integration.intake.clients import database_url, enrol, sign_in


def _stream(data_dir: Path, stream_id: str) -> list[RecordedEvent]:
    db = open_database(database_url(data_dir))
    try:
        return list(SqlEventLog(db, "intake").read_stream(stream_id))
    finally:
        db.dispose()


def _post(app: TestClient, client_id: str, token: str, **fields: str) -> httpx.Response:
    form = {"csrf_token": token, "purpose": "employer_presentation", "given": "yes",
            "channel": "in_person", "on": "2026-11-20", "version": "2026-01"} | fields  # fmt: skip
    return app.post(f"/p/A/clients/{client_id}/consents", data=form, follow_redirects=False)


def test_a_consent_is_given_then_withdrawn_and_the_events_hold_no_text(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]

    given = _post(app, client_id, coach["X-CSRF-Token"])
    again = _post(app, client_id, coach["X-CSRF-Token"])  # the same decision: nothing new
    withdrawn = _post(app, client_id, coach["X-CSRF-Token"], given="no", channel="phone")
    page = app.get(f"/p/A/clients/{client_id}/consents").text
    client_page = app.get(f"/p/A/clients/{client_id}").text

    assert (given.status_code, again.status_code, withdrawn.status_code) == (303, 303, 303)
    events = _stream(data_dir, f"consent-{client_id}")
    assert [e.event_type for e in events] == ["intake.consent_given", "intake.consent_withdrawn"]
    assert events[1].payload == {
        "client_id": client_id, "project_id": "A", "purpose": "employer_presentation",
        "version": "2026-01", "channel": "phone", "withdrawn_on": "2026-11-20",
        "entered_by": None,
    }  # fmt: skip
    assert 'id="h-consents"' in client_page
    assert "Peruttu" in page or "Withdrawn" in page


def test_refusals_are_at_their_field_and_auditors_only_read(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    tomorrow = (date.today() + timedelta(days=2)).isoformat()

    unknown = _post(app, client_id, coach["X-CSRF-Token"], purpose="selling")
    future = _post(app, client_id, coach["X-CSRF-Token"], on=tomorrow)
    auditor = sign_in(app, "auditor-a")
    reads = app.get(f"/p/A/clients/{client_id}/consents")
    writes = _post(app, client_id, auditor["X-CSRF-Token"])

    assert unknown.status_code == 422 and 'id="purpose-error"' in unknown.text
    assert future.status_code == 422 and 'id="on-error"' in future.text
    assert reads.status_code == 200 and 'method="post"' not in reads.text.split("<main")[-1]
    assert writes.status_code == 403


def test_the_own_copy_lists_the_consents_in_the_persons_language(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    _post(app, client_id, coach["X-CSRF-Token"])
    sign_in(app, "auditor-a")

    html = app.get(f"/p/A/clients/{client_id}/own-copy.html").text
    copy = app.get(f"/p/A/clients/{client_id}/own-copy.json").json()

    assert "Esittely työnantajille: Annettu" in html
    assert copy["consents"][0]["purpose"] == "employer_presentation"
