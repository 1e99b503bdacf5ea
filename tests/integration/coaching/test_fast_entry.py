"""Fast entry for a coach, without script: the booking form's client picker (search, then
choose) and "All present" on a group meeting's attendance sheet, which marks everyone not
marked otherwise as present in one press."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from services.coaching.entrypoints import session_pages
from services.coaching.entrypoints.naming import client_code
from tests.integration.coaching.builders import TODAY, enrolled, settle, sign_in
from tests.integration.coaching.conftest import coaching_app

BASE = "/p/A/coaching"


def post(app: TestClient, path: str, **form: str) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **form}, follow_redirects=False
    )
    return answer


def _sheet(app: TestClient, members: list[str]) -> str:
    planned = post(
        app, f"{BASE}/programmes", title="DuuniKaverit", kind="job_seekers_group",
        municipality="Lohja", starts_on=(TODAY - timedelta(7)).isoformat(),
        ends_on=(TODAY + timedelta(14)).isoformat(),
    )  # fmt: skip
    programme = planned.headers["location"].split("?")[0]
    post(app, f"{programme}/meetings", held_on=(TODAY - timedelta(1)).isoformat(),
         duration_minutes="180")  # fmt: skip
    for client in members:
        post(app, f"{programme}/members", client_id=client,
             joined_on=(TODAY - timedelta(7)).isoformat())  # fmt: skip
    [sheet] = re.findall(r'href="([^"]+/meetings/[^"]+)"', app.get(programme).text)
    return str(sheet)


def _checked(page: str) -> dict[str, str]:
    return dict(re.findall(r'id="mark-([0-9a-f-]{36})-(\w+)"[^>]*checked', page))


def test_all_present_marks_the_rest_present_and_keeps_the_marks_given(
    app: TestClient, data_dir: Path
) -> None:
    members = [enrolled(data_dir) for _ in range(3)]
    settle(app)
    sign_in(app, "coach-a")
    sheet = _sheet(app, members)
    assert "Kaikki paikalla" in app.get(sheet).text

    saved = post(app, sheet, all="present", **{f"mark-{members[0]}": "absent"})

    assert saved.status_code == 303
    assert _checked(app.get(sheet).text) == {
        members[0]: "absent",
        members[1]: "present",
        members[2]: "present",
    }


def test_save_without_all_present_leaves_the_unmarked_unmarked(
    app: TestClient, data_dir: Path
) -> None:
    members = [enrolled(data_dir) for _ in range(2)]
    settle(app)
    sign_in(app, "coach-a")
    sheet = _sheet(app, members)

    post(app, sheet, **{f"mark-{members[1]}": "excused"})

    assert _checked(app.get(sheet).text) == {members[1]: "excused"}


def test_the_booking_form_finds_a_client_by_name_or_code_without_script(
    data_dir: Path,
) -> None:
    members = [enrolled(data_dir) for _ in range(3)]
    names = dict(zip(members, ["Aino Virtanen", "Bo Berg", "Aino Mäkelä"], strict=True))

    def client_names(_project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        return {c: names[c] for c in client_ids if c in names}

    with TestClient(coaching_app(data_dir, client_names)) as app:
        settle(app)
        sign_in(app, "coach-a")

        def offered(q: str) -> tuple[list[str], str | None]:
            page = app.get(f"{BASE}/sessions/new", params={"q": q}).text
            form = page.split('<select id="client_id"', 1)[1].split("</select>", 1)[0]
            chosen = re.search(r'<option value="([^"]+)" selected', form)
            return re.findall(r'<option value="([^"]+)"', form), chosen and chosen.group(1)

        everyone, _none = offered("")
        two, no_choice = offered("aino")
        one, chosen = offered("berg")
        by_code, _ = offered(client_code(members[2]).lower())
        none, _ = offered("Nieminen")

    assert sorted(everyone) == sorted(members)
    assert set(two) == {members[0], members[2]} and no_choice is None
    assert one == [members[1]] and chosen == members[1]  # the one match is chosen already
    assert by_code == [members[2]]
    assert none == []


def test_recording_a_booked_session_starts_from_what_was_booked(
    app: TestClient, data_dir: Path
) -> None:
    client = enrolled(data_dir)
    settle(app)
    sign_in(app, "coach-a")
    booked = post(
        app, f"{BASE}/sessions/new", client_id=client, action="book",
        held_on=TODAY.isoformat(), starts_at="13:15", duration_minutes="45", mode="phone",
        kind="personal_coaching", topics="hidden_jobs",
    )  # fmt: skip
    assert booked.status_code == 303, booked.text
    [session] = re.findall(r'href="(/p/A/coaching/sessions/[0-9a-f-]{36})"', app.get(BASE).text)

    page = app.get(session).text
    form = page.split("/held", 1)[1].split("</form>", 1)[0]  # the "record as held" form

    assert 'value="13:15"' in form and 'value="45"' in form
    assert re.search(r'value="phone"[^>]*(checked|selected)', form)
    assert re.search(r'value="hidden_jobs"[^>]*checked', form)
    assert not re.search(r'value="cv"[^>]*checked', form)


def test_a_large_project_lists_the_coach_own_clients_and_finds_the_others_by_name(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_pages, "PICKER_LIMIT", 2)  # a project larger than the limit
    names: dict[str, str] = {}

    def client_names(_project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        return {c: names[c] for c in client_ids if c in names}

    with TestClient(coaching_app(data_dir, client_names)) as app:
        sign_in(app, "coach-a")
        me = str(app.get("/api/intake/session").json()["user_id"])
        mine = enrolled(data_dir, coach_id=me)
        others = [enrolled(data_dir) for _ in range(2)]
        names.update({mine: "Bo Berg", others[0]: "Aino Virtanen", others[1]: "Aino Mäkelä"})
        settle(app)

        plain = app.get(f"{BASE}/sessions/new").text
        searched = app.get(f"{BASE}/sessions/new", params={"q": "aino"}).text

    def offered(page: str) -> list[str]:
        form = page.split('<select id="client_id"', 1)[1].split("</select>", 1)[0]
        return re.findall(r'<option value="([^"]+)"', form)

    assert offered(plain) == [mine]
    assert "Vielä 2 aktiivista asiakasta puuttuu luettelosta" in plain
    assert sorted(offered(searched)) == sorted(others)


def test_a_day_chosen_in_the_calendar_is_the_booking_form_s_day_and_odd_ones_are_ignored(
    app: TestClient,
) -> None:
    sign_in(app, "coach-a")
    monday = TODAY + timedelta(7 - TODAY.weekday())

    def day_of(held_on: str) -> str:
        page = app.get(f"{BASE}/sessions/new", params={"held_on": held_on})
        assert page.status_code == 200
        [value] = re.findall(r'id="held_on"[^>]*value="([^"]*)"', page.text) or re.findall(
            r'value="([^"]*)"[^>]*id="held_on"', page.text
        )
        return value

    calendar = app.get(f"{BASE}/calendar", params={"week": monday.isoformat()}).text
    assert f"{BASE}/sessions/new?held_on={monday.isoformat()}" in calendar
    assert day_of(monday.isoformat()) == monday.isoformat()
    for odd in ("2026-13-01", "monday", "", "2026-12-01T09:00"):
        assert day_of(odd) == TODAY.isoformat(), odd
    searched = app.get(f"{BASE}/sessions/new", params={"held_on": monday.isoformat(), "q": "x"})
    assert f'name="held_on" value="{monday.isoformat()}"' in searched.text  # kept by a search
