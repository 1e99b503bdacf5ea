"""The project manager's page to import sessions: only managers, CSRF, the dry run shown
row by row in the reader's language, a bad row stores nothing, the confirmation imports
and a second import creates nothing new."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from shared.import_ids import imported_client_id
from tests.integration.coaching.builders import (
    TODAY,
    _intake_event,
    coaching_events,
    settle,
    sign_in,
)
from tests.unit.intake import builders as intake_events

PAGE = "/p/A/coaching/import"
DAY = TODAY - timedelta(days=10)
GOOD = (
    "participant_id;date;kind;duration_minutes;attendance;topics\n"
    f"R1;{DAY};personal_coaching;60;held;cv\n"
    f"R1;{DAY + timedelta(days=3)};follow_up;30;no_show;\n"
)


def _participant(data_dir: Path, reference: str) -> str:
    """A participant imported into intake: the client id derived from the reference."""
    client_id = imported_client_id("A", reference)
    event = intake_events.enrolled(
        client_id=client_id, project_id="A", coach_id="coach-x",
        entered_on=TODAY - timedelta(days=60), start_data=intake_events.start_data(),
    )  # fmt: skip
    _intake_event(data_dir, client_id, "A", event)
    return client_id


def _upload(app: TestClient, text: str, csrf: str | None = None) -> httpx.Response:
    token = csrf if csrf is not None else str(app.get("/api/intake/session").json()["csrf_token"])
    return app.post(
        PAGE, data={"csrf_token": token},
        files={"file": ("sessions.csv", text.encode(), "text/csv")}, follow_redirects=False,
    )  # fmt: skip


def _confirm(app: TestClient, page: str) -> httpx.Response:
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    return app.post(f"{PAGE}/confirm", data=fields, follow_redirects=False)


def test_a_manager_checks_then_imports_and_a_second_import_adds_nothing(
    app: TestClient, data_dir: Path
) -> None:
    _participant(data_dir, "R1")
    settle(app)
    sign_in(app, "manager-a")
    app.cookies.set("duuni_lang", "fi")
    assert 'action="/p/A/coaching/import"' in app.get(PAGE).text
    assert f'href="{PAGE}"' in app.get("/p/A/coaching/clients").text

    checked = _upload(app, GOOD)

    assert checked.status_code == 200, checked.text
    assert 'name="content"' in checked.text  # the confirming form: every row passed
    assert not any(e.event_type.startswith("coaching.session") for e in coaching_events(data_dir))
    done = _confirm(app, checked.text)
    assert done.status_code == 200, done.text
    kinds = [e.event_type for e in coaching_events(data_dir)]
    assert kinds.count("coaching.session_held") == 1
    assert kinds.count("coaching.session_cancelled") == 1

    again = _confirm(app, _upload(app, GOOD).text)
    assert again.status_code == 200
    assert [e.event_type for e in coaching_events(data_dir)] == kinds


def test_a_bad_row_is_named_in_the_readers_language_and_nothing_is_stored(
    app: TestClient, data_dir: Path
) -> None:
    _participant(data_dir, "R1")
    settle(app)
    sign_in(app, "manager-a")
    app.cookies.set("duuni_lang", "sv")
    bad = GOOD + f"R2;{DAY};personal_coaching;60;held;\nR1;{DAY};chat;60;held;\n"

    answer = _upload(app, bad)

    assert answer.status_code == 422
    assert "Rad 4" in answer.text and "participant_id" in answer.text
    assert "Rad 5" in answer.text and "kind" in answer.text
    assert "/coaching/import/confirm" not in answer.text
    assert not any(e.event_type.startswith("coaching.session") for e in coaching_events(data_dir))


def test_only_a_manager_with_the_csrf_token_may_import(app: TestClient, data_dir: Path) -> None:
    sign_in(app, "coach-a")
    assert app.get(PAGE).status_code == 403
    assert _upload(app, GOOD).status_code == 403
    assert f'href="{PAGE}"' not in app.get("/p/A/coaching/clients").text
    sign_in(app, "manager-a")
    assert _upload(app, GOOD, csrf="forged").status_code == 403
