"""Whose week the calendar shows: a coach sees her own by default and can choose a
colleague's or the whole project's; a group meeting shows on its coach's week; a coach id
that holds nothing in the project shows her own week rather than anyone else's."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

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
