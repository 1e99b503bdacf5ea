"""Clients on coaching's pages go by their names, as intake keeps them: no codes after
them, two of the same name told apart by where they live, and lists of clients to choose
from in alphabetical order, the coach's own first."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from services.coaching.entrypoints.naming import client_code
from tests.integration.coaching.builders import TODAY, enrolled, settle, sign_in, user_id
from tests.integration.coaching.conftest import coaching_app

BASE = "/p/A/coaching"
NAMES: dict[str, str] = {}


def names(project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
    """Intake's names of the test's clients (of project A only)."""
    return {c: NAMES[c] for c in client_ids if c in NAMES and project_id == "A"}


@pytest.fixture
def named(data_dir: Path) -> Iterator[TestClient]:
    NAMES.clear()
    with TestClient(coaching_app(data_dir, names)) as app:
        yield app


def post(app: TestClient, path: str, **form: str) -> httpx.Response:
    csrf = str(app.get("/api/intake/session").json()["csrf_token"])
    answer: httpx.Response = app.post(
        path, data={"csrf_token": csrf, **form}, follow_redirects=False
    )
    return answer


def shown(page: str) -> str:
    """The page without its attribute values (links and option values carry ids)."""
    return re.sub(r'"[^"]*"', '""', page)


def options(page: str) -> list[str]:
    """The labels of the client drop-down's options, in order (the empty choice left out)."""
    select = page[page.index('<select id="client_id"') : page.index("</select>")]
    return [label.strip() for label in re.findall(r'<option value="[^"]+"[^>]*>([^<]+)<', select)]


def test_namesakes_are_told_apart_by_municipality_and_lists_go_by_name(
    named: TestClient, data_dir: Path
) -> None:
    sign_in(named, "coach-a")
    me = user_id(named)
    lohja = enrolled(data_dir, municipality="Lohja")
    vihti = enrolled(data_dir, municipality="Vihti", coach_id=me)
    aino = enrolled(data_dir, municipality="Lohja")
    oma = enrolled(data_dir, municipality="Hanko", coach_id=me)
    NAMES.update({lohja: "Matti Virtanen", vihti: "Matti Virtanen", aino: "Aino Aalto",
                  oma: "Örjan Öhman"})  # fmt: skip
    settle(named)

    form = named.get(f"{BASE}/sessions/new").text

    assert options(form) == [
        "Matti Virtanen (Vihti)", "Örjan Öhman",  # my own clients, by name
        "Aino Aalto", "Matti Virtanen (Lohja)",  # the others, by name
    ]  # fmt: skip
    assert '<optgroup label="Omat asiakkaat">' in form
    for client in (lohja, vihti, aino, oma):
        assert client_code(client) not in shown(form)


def test_a_programmes_members_carry_no_codes_and_a_lone_name_nothing_else(
    named: TestClient, data_dir: Path
) -> None:
    aino, bertil = enrolled(data_dir), enrolled(data_dir)
    NAMES.update({aino: "Aino Virtanen", bertil: "Bertil Nyström"})
    settle(named)
    sign_in(named, "coach-a")
    planned = post(
        named, f"{BASE}/programmes", title="DuuniKaverit", kind="job_seekers_group",
        municipality="Lohja", starts_on=(TODAY - timedelta(7)).isoformat(),
        ends_on=(TODAY + timedelta(14)).isoformat(),
    )  # fmt: skip
    programme = planned.headers["location"].split("?")[0]
    post(named, f"{programme}/members", client_id=aino, joined_on=TODAY.isoformat())

    page = named.get(programme).text

    assert ">Aino Virtanen</a>" in page
    assert options(page) == ["Bertil Nyström"]
    assert client_code(aino) not in shown(page) and client_code(bertil) not in shown(page)
    plan = named.get(f"{BASE}/clients/{aino}").text
    assert "<h1>Aino Virtanen</h1>" in plan  # the client heading, as on intake's tabs
