"""Whose week the calendar shows: a coach sees her own by default and can choose a
colleague's or the whole project's; a group meeting shows on its coach's week; a coach id
that holds nothing in the project shows her own week rather than anyone else's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.coaching.entrypoints import calendar_pages
from tests.integration.coaching.builders import TODAY, enrolled, settle, user_id
from tests.integration.coaching.day_builders import post
from tests.integration.coaching.test_calendar_and_feed import BASE, sessions_in, sign_in
from tests.integration.coaching.test_recurring_meetings import MONDAY, _programme
from tests.integration.coaching.test_session_pages import book


def test_a_coach_chooses_her_own_a_colleagues_or_the_projects_week(
    app: TestClient, data_dir: Path
) -> None:
    sign_in(app, "manager-a")
    manager = user_id(app)
    group = _programme(app, "Työnhakupäivä")  # the manager runs a group herself
    post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), duration_minutes="240")
    sign_in(app, "coach-a")
    me = user_id(app)
    mine = enrolled(data_dir, coach_id=me)
    settle(app)
    book(app, mine, (MONDAY - TODAY).days + 1, starts_at="09:00")
    week = MONDAY.isoformat()
    settle(app)

    own = app.get(f"{BASE}/calendar", params={"week": week}).text
    assert sessions_in(own) == 1 and "Työnhakupäivä" not in own
    assert f'<option value="{manager}"' in own  # a colleague to choose
    colleague = app.get(f"{BASE}/calendar", params={"week": week, "who": manager}).text
    assert sessions_in(colleague) == 0 and "Työnhakupäivä" in colleague
    assert f'<option value="{manager}" selected' in colleague
    project = app.get(f"{BASE}/calendar", params={"week": week, "who": "project"}).text
    assert sessions_in(project) == 1 and "Työnhakupäivä" in project
    stranger = app.get(f"{BASE}/calendar", params={"week": week, "who": "nobody"}).text
    assert sessions_in(stranger) == 1 and "Työnhakupäivä" not in stranger


def test_a_project_week_too_full_to_list_is_counted_per_coach_and_day(
    app: TestClient, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calendar_pages, "LISTED_AT_MOST", 1)
    sign_in(app, "manager-a")
    manager = user_id(app)
    group = _programme(app, "Työnhakupäivä")
    post(app, f"{group}/meetings", held_on=MONDAY.isoformat(), duration_minutes="240")
    sign_in(app, "coach-a")
    me = user_id(app)
    mine = enrolled(data_dir, coach_id=me)
    settle(app)
    book(app, mine, (MONDAY - TODAY).days + 1, starts_at="09:00")
    book(app, mine, (MONDAY - TODAY).days + 1, starts_at="13:00")
    week = MONDAY.isoformat()
    settle(app)

    project = app.get(f"{BASE}/calendar", params={"week": week, "who": "project"}).text
    own = app.get(f"{BASE}/calendar", params={"week": week}).text

    assert "counted per coach and day" in project
    assert sessions_in(project) == 0  # counted, not listed: no client is named
    rows = dict(re.findall(r'who=([^"]+)">[^<]+</a></th>\s*((?:<td[^>]*>\d+</td>)+)', project))
    counts = {who: re.findall(r">(\d+)<", cells) for who, cells in rows.items()}
    tuesday = ["0", "2", "0", "0", "0", "0", "0"]  # both sessions on the week's second day
    assert counts == {me: tuesday, manager: ["1", "0", "0", "0", "0", "0", "0"]}
    assert sessions_in(own) == 2  # a coach's own week is always listed
