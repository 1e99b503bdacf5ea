"""The JSON API's request and answer shapes where they are the domain's own values.

The start data's sensitive answers are read straight into the domain's ``SensitiveAnswers``,
and a search answers the directory's rows as they are: these pin what a caller sends and
gets, whatever the models are called.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.intake.clients import enrol, recorded, sign_in


def test_sensitive_answers_are_recorded_as_sent_and_unasked_ones_as_not_asked(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    enrolled = enrol(app, headers, sensitive={"disability": "declined", "minority": "no"})
    [event] = recorded(data_dir)

    assert enrolled.status_code == 201, enrolled.text
    sensitive = event.payload["start_data"]["sensitive"]
    assert sensitive["disability"] == "declined" and sensitive["minority"] == "no"
    assert sensitive["foreign_background"] == "not_asked"


def test_an_unknown_sensitive_answer_is_an_invalid_request_at_its_field(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    refused = enrol(app, headers, sensitive={"disability": "maybe"})

    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid_request"
    assert refused.json()["field"] == "sensitive.disability"
    assert recorded(data_dir) == []


def test_a_search_answers_each_client_with_its_directory_row(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    page = app.get("/api/intake/projects/A/clients?status=active").json()

    assert page["total"] == 1
    assert page["clients"] == [
        {
            "client_id": client_id,
            "coach_id": page["clients"][0]["coach_id"],
            "municipality": "Lohja",
            "status": "active",
            "entered_on": "2026-11-02",
            "exited_on": None,
            "exit_status": None,
            "participations": 1,
            "first_name": "Aino",
            "last_name": "Virtanen",
        }
    ]
