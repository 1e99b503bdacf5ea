"""Test set-up for a coach's working day: events put straight into coaching's log (a
booking whose day has passed cannot be made through the forms) and into intake's."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from services.coaching.config import CoachingSettings
from services.coaching.domain.events import SessionBooked
from services.coaching.domain.vocabulary import Mode, SessionKind
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import Context, NewEvent
from shared.ids import uuid7_str
from tests.integration.coaching.builders import TODAY


def booked_before(
    data_dir: Path, client_id: str, coach_id: str, days_ago: int, project: str = "A"
) -> str:
    """A session booked for ``days_ago`` days back and never recorded nor cancelled."""
    session_id = uuid7_str()
    event = SessionBooked(
        session_id=session_id, client_id=client_id, project_id=project, coach_id=coach_id,
        held_on=TODAY - timedelta(days_ago), starts_at=time(10, 0), duration_minutes=45,
        mode=Mode.IN_PERSON, kind=SessionKind.PERSONAL_COACHING,
    )  # fmt: skip
    db = open_database(CoachingSettings(data_dir=data_dir).resolved_database_url())
    try:
        log = SqlEventLog(db, "coaching").create()
        appended = NewEvent.of(event, Context(project_id=project, actor=coach_id))
        log.append(f"session-{session_id}", [appended], ANY)
    finally:
        db.dispose()
    return session_id


def post(app: TestClient, path: str, **form: str | list[str]) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **form}, follow_redirects=False
    )
    return answer


def day(offset: int) -> str:
    return (TODAY + timedelta(offset)).isoformat()


__all__ = ["booked_before", "date", "day", "post"]
