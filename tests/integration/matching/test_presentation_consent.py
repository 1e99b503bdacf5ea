"""Consent to being presented to employers, as intake records it: a withdrawal takes the
client out of the lead's ranking, the candidate list and new referrals as soon as
matching has applied it, and a consent given again brings the client back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from services.intake.config import IntakeSettings
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.integration.matching.builders import (
    TODAY,
    company_form,
    created,
    enrolled,
    lead_form,
    profile_form,
    refusal,
    settle,
    sign_in,
)

API = "/api/matching/projects/A"


def _consent(data_dir: Path, client_id: str, *, given: bool, purpose: str) -> None:
    """What intake appends to the client's consent stream when the coach records it."""
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    try:
        day: dict[str, Any] = {"given_on" if given else "withdrawn_on": TODAY.isoformat()}
        event = NewEvent(
            event_type="intake.consent_given" if given else "intake.consent_withdrawn",
            schema_version=1,
            payload={
                "client_id": client_id,
                "project_id": "A",
                "purpose": purpose,
                "version": "2026-02",
                "channel": "in_person",
                **day,
            },
            project_id="A",
            actor="intake-test",
            correlation_id=uuid7_str(),
        )
        SqlEventLog(db, "intake").create().append(f"consent-{client_id}", [event], ANY)
    finally:
        db.dispose()


def _ranked(app: TestClient, lead_id: str) -> list[str]:
    ranking = app.get(f"{API}/leads/{lead_id}/matches", params={"limit": 50}).json()
    return [match["client_id"] for match in ranking["matches"]]


def _refer(app: TestClient, headers: dict[str, str], client_id: str, lead_id: str) -> Any:
    body = {"client_id": client_id, "lead_id": lead_id, "referred_on": TODAY.isoformat()}
    return app.post(f"{API}/referrals", headers=headers, json=body)


def test_a_withdrawn_presentation_consent_takes_the_client_out_until_given_again(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    company_id = created(app.post(f"{API}/companies", json=company_form(), headers=headers))
    lead_id = created(app.post(f"{API}/leads", json=lead_form(company_id), headers=headers))
    withdraws, stays = enrolled(data_dir), enrolled(data_dir)
    settle(app)
    for client_id in (withdraws, stays):
        put = app.put(f"{API}/clients/{client_id}/profile", json=profile_form(), headers=headers)
        assert put.status_code == 200, put.text
    _consent(data_dir, withdraws, given=True, purpose="employer_presentation")
    settle(app)
    assert sorted(_ranked(app, lead_id)) == sorted([withdraws, stays])

    _consent(data_dir, withdraws, given=False, purpose="employer_presentation")
    _consent(data_dir, stays, given=False, purpose="contact_by_email_sms")  # not this purpose
    settle(app)

    assert _ranked(app, lead_id) == [stays]
    assert app.get(f"{API}/leads/{lead_id}/matches").json()["considered"] == 1
    assert refusal(_refer(app, headers, withdraws, lead_id)) == (
        "client_not_consenting",
        "client_id",
    )

    _consent(data_dir, withdraws, given=True, purpose="employer_presentation")
    settle(app)

    assert sorted(_ranked(app, lead_id)) == sorted([withdraws, stays])
    created(_refer(app, headers, withdraws, lead_id))
