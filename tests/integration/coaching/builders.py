"""Test set-up for coaching over HTTP: users, intake's events, signing in, settling.

Clients are put into intake's log as the very events intake publishes (built with intake's
own test builders), so these tests do not lean on intake's forms, and intake's own
consumers read them without complaint.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from services.coaching.config import CoachingSettings
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.accounts import create_user
from shared.business_dates import helsinki_today
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import Context, NewEvent
from shared.ids import uuid7_str
from tests.integration.intake.builders import CHEAP_HASHER
from tests.operator import OPERATOR
from tests.unit.intake import builders as intake_events

PASSWORD = "correct horse battery staple"
TODAY = helsinki_today()  # the services' calendar day, not the machine's
USERS = {
    "coach-a": (("coach",), ("A",)),
    "coach-b": (("coach",), ("B",)),
    "auditor-a": (("auditor",), ("A",)),
    "manager-a": (("project_manager",), ("A",)),
}


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


def user_id(client: TestClient) -> str:
    return str(client.get("/api/intake/session").json()["user_id"])


def _intake_event(data_dir: Path, client_id: str, project: str, event: object) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    try:
        log = SqlEventLog(db, "intake").create()
        appended = NewEvent.of(event, Context(project_id=project, actor="intake-test"))
        log.append(f"client-{client_id}", [appended], ANY)
    finally:
        db.dispose()


def enrolled(
    data_dir: Path,
    project: str = "A",
    coach_id: str = "coach-x",
    municipality: str = "Lohja",
    entered_on: date = TODAY - timedelta(30),
) -> str:
    """A client intake has enrolled: intake's own event, with all its fields."""
    client_id = uuid7_str()
    event = intake_events.enrolled(
        client_id=client_id,
        project_id=project,
        coach_id=coach_id,
        entered_on=entered_on,
        start_data=intake_events.start_data(municipality=municipality),
    )
    _intake_event(data_dir, client_id, project, event)
    return client_id


def exited(data_dir: Path, client_id: str, project: str = "A") -> None:
    event = intake_events.exited(client_id=client_id, exited_on=TODAY - timedelta(1))
    _intake_event(data_dir, client_id, project, event)


def settle(client: TestClient, timeout: float = 10.0) -> None:
    """Wait until coaching's subscriptions have applied every event there is."""
    deadline = time.monotonic() + timeout
    while True:
        subscriptions = client.get("/api/coaching/health", headers=OPERATOR).json()["subscriptions"]
        if subscriptions and all(s.get("lag", 0) == 0 for s in subscriptions.values()):
            return
        assert time.monotonic() < deadline, subscriptions
        time.sleep(0.05)


def session_form(client_id: str | None = None, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "held_on": TODAY.isoformat(),
        "starts_at": "09:30",
        "duration_minutes": 60,
        "mode": "in_person",
        "kind": "personal_coaching",
        "topics": ["cv", "hidden_jobs"],
    }
    if client_id is not None:
        form["client_id"] = client_id
    return form | changes


def coaching_events(data_dir: Path) -> list[Any]:
    db = open_database(CoachingSettings(data_dir=data_dir).resolved_database_url())
    try:
        return list(SqlEventLog(db, "coaching").read_all())
    finally:
        db.dispose()


def company(data_dir: Path, project: str = "A", trade_name: str = "Lohjan Konepaja Oy") -> str:
    """An employer matching has registered, as matching's event says it."""
    company_id = uuid7_str()
    db = open_database(f"sqlite:///{data_dir / 'matching.sqlite3'}")
    try:
        event = NewEvent(
            event_type="matching.company_registered",
            schema_version=1,
            payload={
                "company_id": company_id, "project_id": project, "business_id": "1234567-8",
                "trade_name": trade_name, "industry": "25", "municipality": "Lohja",
                "size_class": "small", "registered_on": TODAY.isoformat(), "coach_id": "u-1",
            },
            project_id=project,
            actor="matching-test",
            correlation_id=uuid7_str(),
        )  # fmt: skip
        SqlEventLog(db, "matching").create().append(f"company-{company_id}", [event], ANY)
    finally:
        db.dispose()
    return company_id
