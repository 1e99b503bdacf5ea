"""Enrolment under attack or odd input: nothing is stored half, and no project reaches
another's records through a client-chosen submission id."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from services.intake.adapters.personal_data import persons, submissions
from shared.eventlog.sql import open_database
from tests.integration.intake.clients import database_url, enrol, recorded, sign_in
from tests.integration.intake.test_coach_rules import page_form


def stored_people(data_dir: Path) -> tuple[int, int]:
    db = open_database(database_url(data_dir))
    try:
        with db.read() as conn:
            people = conn.execute(select(func.count()).select_from(persons)).scalar_one()
            forms = conn.execute(select(func.count()).select_from(submissions)).scalar_one()
        return people, forms
    finally:
        db.dispose()


def test_an_e_mail_address_in_a_start_data_field_is_refused_at_the_field_and_nothing_is_stored(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    api = enrol(app, headers, municipality="aino@example.fi", submission_id="s-1")
    page = app.post("/p/A/clients/new", data=page_form(headers, municipality="aino@example.fi"))

    assert api.status_code == 422, api.text
    assert (api.json()["code"], api.json()["field"]) == ("personal_data_in_text", "municipality")
    assert page.status_code == 422
    assert "tallentuu pysyvään kirjanpitoon" in page.text
    assert stored_people(data_dir) == (0, 0)
    assert recorded(data_dir) == []


def test_another_projects_submission_id_never_finds_or_replaces_its_client(
    app: TestClient, data_dir: Path
) -> None:
    a = enrol(app, sign_in(app, "coach-a"), submission_id="shared-id").json()
    b = enrol(
        app, sign_in(app, "coach-b"), project="B", submission_id="shared-id",
        identity_code="010160-123W", first_name="Bertta",
    )  # fmt: skip

    assert b.status_code == 201, b.text
    assert b.json()["id"] != a["id"]
    assert b.json()["duplicate"] is False
    assert stored_people(data_dir) == (2, 2)
    a_client = app.get(f"/api/intake/projects/B/clients/{a['id']}")
    assert a_client.status_code == 404


def test_the_same_submission_by_the_same_coach_is_still_one_enrolment(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    first = enrol(app, headers, submission_id="again").json()
    second = enrol(app, headers, submission_id="again").json()

    assert second == first | {"duplicate": True, "recorded": 0}
    assert len(recorded(data_dir)) == 1


def test_an_exit_in_year_9999_or_an_entry_long_before_the_project_is_refused_at_its_field(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    api = app.post(
        f"/api/intake/projects/A/clients/{client_id}/exit",
        json={"exit_date": "9999-12-31", "exit_status": "job_searching"},
        headers=headers,
    )
    page = app.post(
        f"/p/A/clients/{client_id}/exit",
        data={"csrf_token": headers["X-CSRF-Token"], "exit_date": "31.12.9999",
              "exit_status": "job_searching"},
    )  # fmt: skip
    early = enrol(app, headers, identity_code="010160-123W", entry_date="1990-01-01")

    assert (api.status_code, api.json()["code"], api.json()["field"]) == (
        422, "date_too_far_ahead", "exit_date",
    )  # fmt: skip
    assert page.status_code == 422
    assert "liian kaukana tulevaisuudessa" in page.text
    assert (early.status_code, early.json()["code"]) == (422, "date_before_project")
    assert [e.event_type for e in recorded(data_dir)] == ["intake.client_enrolled"]


def test_an_offset_or_page_beyond_any_integer_column_is_answered_not_a_server_error(
    app: TestClient,
) -> None:
    sign_in(app, "coach-a")
    huge = 2**70

    api = app.get(f"/api/intake/projects/A/clients?offset={huge}")
    page = app.get(f"/p/A/clients?page={huge}")

    assert api.status_code == 422 and api.json()["field"] == "offset"
    assert page.status_code == 200


def test_a_refused_enrolment_form_never_sends_the_identity_code_back(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    form = page_form(headers, first_name=" ", identity_code="010160-123W")
    refused = app.post("/p/A/clients/new", data=form)

    assert refused.status_code == 422
    assert "010160-123W" not in refused.text
    assert 'name="identity_code"' in refused.text
