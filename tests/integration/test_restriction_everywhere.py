"""A restriction hides the person's data but leaves the figures of every service as they were.

The restriction's events (``intake.processing_restricted``) name the client and the
basis only; coaching skips them as one of intake's later events and reporting counts
nothing from them, so the report is the same before and after, and every log verifies.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from duuni.app import create_app
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.projects import register_project
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.builders import a_user
from tests.integration.intake.clients import a_form, a_plan, sign_in

SERVICES = ("intake", "coaching", "matching", "reporting")


def _site(data_dir: Path) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    store = SqlAccountStore(db).create()
    a_user(store, "coach-r1", projects=("R1",))
    a_user(store, "auditor-r1", roles=("auditor",), projects=("R1",))
    register_project(SqlEventLog(db, "intake").create(), "R1", a_plan(), actor="admin")
    db.dispose()


def _figures(client: TestClient) -> list[Any]:
    """The report once reporting has counted the participant (its feed runs behind)."""
    for _ in range(300):
        answer = client.get("/api/reporting/projects/R1/report", params={"end": "2026-12-31"})
        figures = answer.json().get("figures", []) if answer.status_code == 200 else []
        if any(f["key"] == "participants.total" and f["cumulative"] for f in figures):
            return list(figures)
        time.sleep(0.05)
    raise AssertionError("reporting never counted the participant")


def test_a_restriction_leaves_the_figures_and_every_log_as_they_were(tmp_path: Path) -> None:
    data_dir = tmp_path / "site"
    _site(data_dir)
    with TestClient(create_app(data_dir)) as client:
        coach = sign_in(client, "coach-r1")
        client_id = client.post(
            "/api/intake/projects/R1/clients", json=a_form(), headers=coach
        ).json()["id"]
        before = _figures(client)

        auditor = sign_in(client, "auditor-r1")
        restricted = client.post(
            f"/p/R1/clients/{client_id}/restrict",
            data={"csrf_token": auditor["X-CSRF-Token"], "basis": "esf_retention"},
            follow_redirects=False,
        )
        assert restricted.status_code == 303
        time.sleep(0.5)  # the consumers read the new events

        assert _figures(client) == before
        sign_in(client, "coach-r1")
        assert client.get(f"/p/R1/clients/{client_id}").status_code == 403

    for service in SERVICES:
        db = open_database(f"sqlite:///{data_dir / f'{service}.sqlite3'}")
        try:
            assert SqlEventLog(db, service).verify().ok, service
        finally:
            db.dispose()
