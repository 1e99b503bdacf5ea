"""An erasure request before the retention end restricts the record (Art. 17(3)(b)).

The data-protection role (the project's auditor) records the request; from then on the
client page, the lists, the API reads and the timeline answer a coach with a notice
saying until when the record is restricted, and each attempt is in the access log. The
auditor still sees the record; the events stay, so the figures do not change; the
retention sweep erases the restricted person like anyone else once the day has passed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from duuni.privacy_cli import opened_intake, privacy_app
from services.intake.service_layer.privacy import retention_sweep
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.clients import database_url, enrol, recorded, sign_in


def _restrict(app: TestClient, client_id: str, *, lift: bool = False) -> int:
    auditor = sign_in(app, "auditor-a")
    path = "lift-restriction" if lift else "restrict"
    answer = app.post(
        f"/p/A/clients/{client_id}/{path}",
        data={"csrf_token": auditor["X-CSRF-Token"], "basis": "esf_retention"},
        follow_redirects=False,
    )
    return answer.status_code


def _log_rows(data_dir: Path) -> list[tuple[str, str | None, str]]:
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT user_id, client_id, action FROM access_log ORDER BY seq")
            )
            return [(r[0], r[1], r[2]) for r in rows]
    finally:
        db.dispose()


def test_a_restricted_record_is_hidden_from_the_coach_and_each_attempt_is_logged(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    coach_tries = app.post(
        f"/p/A/clients/{client_id}/restrict",
        data={"csrf_token": coach["X-CSRF-Token"], "basis": "esf_retention"},
    )
    events_before = [(e.event_id, e.event_type) for e in recorded(data_dir)]

    assert (coach_tries.status_code, _restrict(app, client_id)) == (403, 303)

    sign_in(app, "coach-a")
    page = app.get(f"/p/A/clients/{client_id}", headers={"Accept-Language": "en"})
    api = app.get(f"/api/intake/projects/A/clients/{client_id}")
    timeline = app.get(f"/api/intake/projects/A/clients/{client_id}/timeline")
    listed = app.get("/api/intake/projects/A/clients").json()["clients"]
    list_page = app.get("/p/A/clients?q=", headers={"Accept-Language": "en"})
    assert page.status_code == 403
    assert "This record is restricted until 31 Dec 2034." in page.text
    assert "Virtanen" not in page.text and "Aino" not in page.text
    assert (api.status_code, api.json()["code"]) == (403, "record_restricted")
    assert timeline.status_code == 403
    assert [(c["client_id"], c["last_name"], c["first_name"]) for c in listed] == [
        (client_id, "restricted", "")
    ]
    assert list_page.status_code == 200 and "Virtanen" not in list_page.text
    assert "Restricted record" in list_page.text

    attempts = [(user, a) for user, c, a in _log_rows(data_dir) if c == client_id]
    coach_id = attempts[0][0]  # the enrolment
    assert [a for user, a in attempts if user == coach_id] == [
        "write", "restricted", "restricted", "restricted", "restricted", "restricted"
    ]  # fmt: skip

    sign_in(app, "auditor-a")
    seen = app.get(f"/p/A/clients/{client_id}")
    privacy = app.get(f"/p/A/clients/{client_id}/privacy", headers={"Accept-Language": "en"})
    assert seen.status_code == 200 and "Virtanen" in seen.text
    assert "This record is restricted until 31 Dec 2034." in privacy.text
    assert "lift-restriction" in privacy.text
    assert _log_rows(data_dir)[-1][1:] == (client_id, "view")  # the auditor's

    assert [(e.event_id, e.event_type) for e in recorded(data_dir)] == events_before
    db = open_database(database_url(data_dir))
    try:
        restriction = SqlEventLog(db, "intake").read_stream(f"restriction-{client_id}")
    finally:
        db.dispose()
    assert [(e.event_type, e.payload) for e in restriction] == [
        (
            "intake.processing_restricted",
            {"client_id": client_id, "project_id": "A", "basis": "esf_retention",
             "restricted_on": restriction[0].payload["restricted_on"]},
        )
    ]  # fmt: skip
    with opened_intake(data_dir) as intake:
        assert intake.privacy.access.verify().ok


def test_a_withdrawn_request_lifts_the_restriction(app: TestClient) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    assert _restrict(app, client_id) == 303
    again = app.post(
        f"/p/A/clients/{client_id}/restrict",
        data={"csrf_token": sign_in(app, "auditor-a")["X-CSRF-Token"]},
        headers={"Accept-Language": "en"},
    )
    assert again.status_code == 422 and "The record is already restricted." in again.text

    assert _restrict(app, client_id, lift=True) == 303

    sign_in(app, "coach-a")
    assert app.get(f"/p/A/clients/{client_id}").status_code == 200
    assert app.get(f"/api/intake/projects/A/clients/{client_id}").status_code == 200


def test_a_coach_cannot_change_a_restricted_record(app: TestClient, data_dir: Path) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    coach_id = _log_rows(data_dir)[-1][0]
    assert _restrict(app, client_id) == 303
    coach = sign_in(app, "coach-a")
    before = recorded(data_dir)

    answer = app.post(
        f"/api/intake/projects/A/clients/{client_id}/coach",
        json={"coach_id": coach_id},
        headers=coach,
    )

    assert (answer.status_code, answer.json()["code"]) == (422, "record_restricted")
    assert recorded(data_dir) == before


def test_an_unknown_basis_is_refused_and_changes_nothing(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    before = len(recorded(data_dir))
    answer = app.post(
        f"/p/A/clients/{client_id}/restrict",
        data={"csrf_token": sign_in(app, "auditor-a")["X-CSRF-Token"], "basis": "whim"},
        headers={"Accept-Language": "en"},
    )
    assert answer.status_code == 422
    assert "Choose the legal basis of the restriction." in answer.text
    assert len(recorded(data_dir)) == before


def test_the_command_line_restricts_and_the_sweep_erases_at_the_retention_end(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    runner = CliRunner()

    done = runner.invoke(
        privacy_app, ["restrict", client_id, "--basis", "esf_retention", "--actor", "dpo",
                      "--data-dir", str(data_dir)],
    )  # fmt: skip
    refused = runner.invoke(privacy_app, ["restrict", client_id, "--data-dir", str(data_dir)])
    assert done.exit_code == 0, done.output
    assert "until 2034-12-31" in done.output
    assert refused.exit_code != 0

    sign_in(app, "coach-a")
    assert app.get(f"/p/A/clients/{client_id}").status_code == 403
    with opened_intake(data_dir) as intake:
        people = intake.privacy.people
        assert retention_sweep(intake.bus, intake.privacy, date(2034, 12, 31), dry_run=False) == []
        assert people.project_of(client_id) == "A"  # restricted, not yet erased

        erased = retention_sweep(intake.bus, intake.privacy, date(2035, 1, 1), dry_run=False)

        assert [d.client_id for d in erased] == [client_id]
        assert people.project_of(client_id) is None
    db = open_database(database_url(data_dir))
    try:
        assert SqlEventLog(db, "intake").verify().ok
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("fi", "Näiden tietojen käsittelyä on rajoitettu 31.12.2034 asti."),
        ("sv", "Behandlingen av de här uppgifterna är begränsad till och med 31.12.2034."),
        ("en", "This record is restricted until 31 Dec 2034."),
    ],
)
def test_the_notice_and_the_privacy_section_in_each_language(
    app: TestClient, language: str, notice: str
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    auditor = sign_in(app, "auditor-a")
    section = app.get(
        f"/p/A/clients/{client_id}/privacy", headers={"Accept-Language": language}
    ).text
    _restrict(app, client_id)
    sign_in(app, "coach-a")

    page = app.get(f"/p/A/clients/{client_id}", headers={"Accept-Language": language})

    assert auditor and f'<html lang="{language}"' in page.text
    assert notice in page.text
    button = {"fi": "Kirjaa poistopyyntö", "sv": "Registrera begäran om radering",
              "en": "Record the erasure request"}[language]  # fmt: skip
    assert button in section
