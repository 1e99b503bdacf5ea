"""The "Copy last meeting" button on a group's attendance sheet: the sheet is pre-filled
from the latest earlier meeting with attendance taken, for the rows not marked yet, and
nothing is recorded until the coach saves it."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.coaching.builders import TODAY, coaching_events, enrolled, settle, sign_in
from tests.integration.coaching.test_fast_entry import BASE, _checked, post


def _attendance(data_dir: Path) -> int:
    return sum(e.event_type == "coaching.attendance_recorded" for e in coaching_events(data_dir))


def test_copy_last_meeting_prefills_the_unmarked_rows_and_the_coach_saves(
    app: TestClient, data_dir: Path
) -> None:
    members = [enrolled(data_dir) for _ in range(4)]
    settle(app)
    sign_in(app, "coach-a")
    planned = post(
        app, f"{BASE}/programmes", title="DuuniKaverit", kind="job_seekers_group",
        municipality="Lohja", starts_on=(TODAY - timedelta(14)).isoformat(),
        ends_on=(TODAY + timedelta(7)).isoformat(),
    )  # fmt: skip
    programme = planned.headers["location"].split("?")[0]
    for days_ago in (5, 3, 1):
        post(app, f"{programme}/meetings", held_on=(TODAY - timedelta(days_ago)).isoformat(),
             duration_minutes="180")  # fmt: skip
    for client in members[:3]:
        post(app, f"{programme}/members", client_id=client,
             joined_on=(TODAY - timedelta(14)).isoformat())  # fmt: skip
    first, second, third = re.findall(r'href="([^"]+/meetings/[^"?]+)"', app.get(programme).text)
    assert "Kopioi edellinen tapaamiskerta" not in app.get(first).text  # nothing before it

    post(app, first, **{f"mark-{members[0]}": "absent", f"mark-{members[1]}": "absent",
                        f"mark-{members[2]}": "absent"})  # fmt: skip
    post(app, second, **{f"mark-{members[0]}": "present", f"mark-{members[1]}": "excused"})
    post(app, f"{programme}/members", client_id=members[3],
         joined_on=(TODAY - timedelta(2)).isoformat())  # fmt: skip
    post(app, third, **{f"mark-{members[1]}": "absent"})
    recorded = _attendance(data_dir)

    sheet = app.get(third).text
    assert "Kopioi edellinen tapaamiskerta" in sheet and f"{third}?copy=previous" in sheet
    copied = app.get(third, params={"copy": "previous"}).text

    assert "Esitäytetty" in copied
    assert _checked(copied) == {
        members[0]: "present",  # from the second meeting, the latest with attendance taken
        members[1]: "absent",  # marked here already: kept, not overwritten
    }  # the third was not marked at the second meeting; the fourth joined after it
    assert _attendance(data_dir) == recorded  # pre-filled, not saved

    marks = {f"mark-{client}": mark for client, mark in _checked(copied).items()}
    saved = post(app, third, **marks)  # the coach saves what was pre-filled
    assert saved.status_code == 303
    assert _checked(app.get(third).text) == {members[0]: "present", members[1]: "absent"}
    assert _attendance(data_dir) == recorded + 1
