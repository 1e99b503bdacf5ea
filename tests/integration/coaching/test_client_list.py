"""The list of clients in coaching comes a page at a time, found by name and filtered by
coach and status, whatever the address says."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.integration.coaching.builders import enrolled, exited, settle, sign_in, user_id
from tests.integration.coaching.conftest import coaching_app

LIST = "/p/A/coaching/clients"
NAMES: dict[str, str] = {}


def names(project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
    return {c: NAMES[c] for c in client_ids if c in NAMES and project_id == "A"}


@pytest.fixture(scope="module")
def listed(
    tmp_path_factory: pytest.TempPathFactory, accounts_template: Path
) -> Iterator[TestClient]:
    """Sixty-two clients: Testi 001…062; coach-a's are the first ten, 061 and 062 have left."""
    data_dir = tmp_path_factory.mktemp("client-list") / "data"
    shutil.copytree(accounts_template, data_dir)
    NAMES.clear()
    with TestClient(coaching_app(data_dir, names)) as app:
        sign_in(app, "coach-a")
        me = user_id(app)
        for n in range(1, 63):
            client = enrolled(data_dir, coach_id=me if n <= 10 else "coach-x")
            NAMES[client] = f"Testi {n:03d}"
            if n > 60:
                exited(data_dir, client)
        settle(app)
        deadline = time.monotonic() + 10
        while "60 asiakasta" not in app.get(LIST).text:  # every enrolment projected
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield app


def rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', page)


def test_a_page_shows_twenty_five_clients_by_name_with_links_to_the_others(
    listed: TestClient,
) -> None:
    first = listed.get(LIST).text

    assert rows(first) == [f"Testi {n:03d}" for n in range(1, 26)]
    assert "60 asiakasta, joista näytetään 1–25." in first
    assert 'aria-current="page"' in first and 'rel="next"' in first
    third = listed.get(LIST + "?page=3").text
    assert rows(third) == [f"Testi {n:03d}" for n in range(51, 61)]
    assert 'rel="next"' not in third
    assert len(rows(listed.get(LIST + "?per_page=50").text)) == 50


def test_clients_are_found_by_a_part_of_the_name_and_filtered_by_coach_and_status(
    listed: TestClient,
) -> None:
    found = listed.get(LIST, params={"q": "testi 04"}).text
    assert rows(found) == [f"Testi {n:03d}" for n in range(40, 50)]
    assert "10 asiakasta." in found
    assert rows(listed.get(LIST, params={"coach": "mine"}).text) == [
        f"Testi {n:03d}" for n in range(1, 11)
    ]
    left = listed.get(LIST, params={"status": "left"}).text
    assert rows(left) == ["Testi 061", "Testi 062"]
    assert "Yksi asiakas." in listed.get(LIST, params={"q": "testi 062", "status": "all"}).text
    none = listed.get(LIST, params={"q": "Virtanen"}).text
    assert "Hakua vastaavia asiakkaita ei löytynyt." in none


@pytest.mark.parametrize(
    "query",
    ["page=999", "page=-1", "page=abc", "per_page=0", "status=%00", "q=" + "x" * 5000, "page=1e9"],
)
def test_whatever_the_address_says_the_list_answers_a_page(listed: TestClient, query: str) -> None:
    answer = listed.get(f"{LIST}?{query}")

    assert answer.status_code == 200, answer.text
    if "page=999" in query:
        assert rows(answer.text) == [f"Testi {n:03d}" for n in range(51, 61)]
