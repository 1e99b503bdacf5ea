"""Test set-up for matching over HTTP: users, intake's events, signing in, settling, forms.

Clients are put into intake's log as the events intake publishes (the wire contract is
what matching depends on), so these tests do not lean on intake's forms.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.accounts import create_user
from services.matching.config import MatchingSettings
from shared.business_dates import helsinki_today
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.integration.intake.builders import CHEAP_HASHER
from tests.operator import OPERATOR

PASSWORD = "correct horse battery staple"
TODAY = helsinki_today()  # the services' calendar day, not the machine's
USERS = {
    "coach-a": (("coach",), ("A",)),
    "coach-b": (("coach",), ("B",)),
    "auditor-a": (("auditor",), ("A",)),
    "manager-a": (("project_manager",), ("A",)),
}
BUSINESS_IDS = ["0112038-9", "2617416-4", "0737546-2", "1572860-0"]
"""Real, valid Business IDs."""


def create_users(data_dir: Path) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    store = SqlAccountStore(db).create()
    for username, (roles, projects) in USERS.items():
        create_user(
            store, username=username, password=PASSWORD, roles=roles, projects=projects,
            hasher=CHEAP_HASHER,
        )  # fmt: skip
    db.dispose()


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    """Sign in (replacing any earlier session); the headers every write must carry."""
    client.cookies.clear()
    response = client.post("/api/intake/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def _intake_event(data_dir: Path, client_id: str, project: str, name: str, **fields: Any) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    try:
        log = SqlEventLog(db, "intake").create()
        event = NewEvent(
            event_type=name,
            schema_version=1,
            payload={"client_id": client_id, **fields},
            project_id=project,
            actor="intake-test",
            correlation_id=uuid7_str(),
        )
        log.append(f"client-{client_id}", [event], ANY)
    finally:
        db.dispose()


def enrolled(data_dir: Path, project: str = "A") -> str:
    """A client intake has enrolled; the start data are there to be ignored."""
    client_id = uuid7_str()
    _intake_event(
        data_dir,
        client_id,
        project,
        "intake.client_enrolled",
        project_id=project,
        coach_id="coach-x",
        entered_on=(TODAY - timedelta(30)).isoformat(),
        entry_route="self_referral",
        consent_version="2026-01",
        consented_at="2026-10-01T09:00:00+00:00",
        start_data={"age_at_entry": 57, "gender": "female", "municipality": "Lohja"},
    )
    return client_id


def exited(data_dir: Path, client_id: str, project: str = "A") -> None:
    _intake_event(
        data_dir,
        client_id,
        project,
        "intake.client_exited",
        exited_on=(TODAY - timedelta(1)).isoformat(),
        exit_status="employed",
        employment_type="permanent",
    )


def settle(client: TestClient, timeout: float = 10.0) -> None:
    """Wait until matching's subscriptions have applied every event there is."""
    deadline = time.monotonic() + timeout
    while True:
        subscriptions = client.get("/api/matching/health", headers=OPERATOR).json()["subscriptions"]
        if subscriptions and all(s.get("lag", 0) == 0 for s in subscriptions.values()):
            return
        assert time.monotonic() < deadline, subscriptions
        time.sleep(0.05)


def matching_events(data_dir: Path) -> list[Any]:
    db = open_database(MatchingSettings(data_dir=data_dir).resolved_database_url())
    try:
        return list(SqlEventLog(db, "matching").read_all())
    finally:
        db.dispose()


def company_form(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "business_id": BUSINESS_IDS[0],
        "trade_name": "Lohjan Leipomo Oy",
        "industry": "10710",
        "municipality": "Lohja",
        "size_class": "small",
    }
    return form | changes


def lead_form(company_id: str, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "company_id": company_id,
        "kind": "hidden_job",
        "occupation_code": "7512",
        "municipality": "Lohja",
        "working_time": "full_time",
        "found_on": TODAY.isoformat(),
        "wage_subsidy_eligible": True,
        "required_skills": ["dough making", "hygiene passport"],
        "required_languages": ["fi"],
    }
    return form | changes


def profile_form(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "target_occupations": ["7512"],
        "skills": ["Dough making", "hygiene passport"],
        "languages": ["fi"],
        "municipalities": ["Lohja", "Vihti"],
        "working_time": "full_time",
        "driving_licence": False,
        "matching_consent": True,
    }
    return form | changes


def created(response: Any) -> str:
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def refusal(response: Any) -> tuple[str, str | None]:
    """The rule that refused a JSON write: the problem's stable ``code`` and its ``field``."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    return problem["code"], problem["field"]
