"""Builders for the client tests over intake's app: a form, signing in, enrolling, reading."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from services.intake.config import IntakeSettings
from services.intake.domain.events import ProjectPlan
from services.intake.domain.target_group import TargetGroupRule
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.builders import PASSWORD

CODE = "131052-308T"
OTHER_CODE = "010190-123M"


def a_form(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "identity_code": CODE,
        "first_name": "Aino",
        "last_name": "Virtanen",
        "phone": "+358 40 123 4567",
        "email": "aino@example.fi",
        "language": "fi",
        "consent_version": "2026-01",
        "consented_at": "2026-11-02T09:00:00+00:00",
        "entry_date": "2026-11-02",
        "entry_route": "self_referral",
        "gender": "female",
        "education": "isced_3_4",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
        "municipality": "Lohja",
    }
    return form | changes


def a_plan(**changes: Any) -> ProjectPlan:
    plan = ProjectPlan(
        name="DuuniAgentti",
        municipalities=("Lohja", "Vihti"),
        starts_on=date(2017, 8, 1),
        ends_on=date(2029, 7, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=500,
        planned_companies=220,
    )
    return dataclasses.replace(plan, **changes)


def database_url(data_dir: Path) -> str:
    return IntakeSettings(data_dir=data_dir).resolved_database_url()


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    client.cookies.clear()
    response = client.post("/api/intake/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def enrol(client: TestClient, headers: dict[str, str], project: str = "A", **changes: Any) -> Any:
    return client.post(
        f"/api/intake/projects/{project}/clients", json=a_form(**changes), headers=headers
    )


def recorded(data_dir: Path) -> list[Any]:
    """The clients' events (the projects' own events left out)."""
    db = open_database(database_url(data_dir))
    try:
        events = SqlEventLog(db, "intake").read_all()
        return [e for e in events if e.stream_id.startswith("client-")]
    finally:
        db.dispose()


def listed(client: TestClient, project: str = "A", query: str = "") -> list[str]:
    page = client.get(f"/api/intake/projects/{project}/clients{query}")
    assert page.status_code == 200, page.text
    return [c["client_id"] for c in page.json()["clients"]]
