"""The client list page: "All" in the filters, exited clients behind a switch, sortable
columns, the last filter remembered for the user, and a count that reads as language.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.clients import enrol, sign_in

FILTER_COOKIE = "duuni_client_filters"


def a_client(app: TestClient, headers: dict[str, str], last: str, **changes: Any) -> str:
    born = {"identity_code": None, "birth_date": "1960-05-05"}
    answer = enrol(app, headers, last_name=last, **(born | changes))
    assert answer.status_code == 201, answer.text
    client_id: str = answer.json()["id"]
    return client_id


def names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^,<]+),', html)


def status_line(html: str) -> str:
    found = re.search(r'<p role="status">(.*?)</p>', html, re.S)
    assert found is not None
    return " ".join(found.group(1).split())


def sorted_column(html: str) -> tuple[str, str]:
    found = re.search(r'<th scope="col" aria-sort="(\w+)">\s*<a class="sort"[^>]*>([^<]+)', html)
    assert found is not None
    return found.group(2).strip(), found.group(1)


@pytest.mark.parametrize(
    ("language", "none", "one", "two"),
    [
        ("fi", "Asiakkaita ei löytynyt.", "1 asiakas löytyi.", "2 asiakasta löytyi."),
        ("sv", "Inga klienter hittades.", "1 klient hittades.", "2 klienter hittades."),
        ("en", "No clients found.", "1 client found.", "2 clients found."),
    ],
)
def test_the_count_reads_right_for_none_one_and_many(
    app: TestClient, language: str, none: str, one: str, two: str
) -> None:
    headers = sign_in(app, "coach-a")
    app.cookies.set("duuni_lang", language)
    counts = [status_line(app.get("/p/A/clients?reset=1").text)]
    a_client(app, headers, "Aaltonen")
    counts.append(status_line(app.get("/p/A/clients?reset=1").text))
    a_client(app, headers, "Bergström")
    counts.append(status_line(app.get("/p/A/clients?reset=1").text))

    assert [count.split(".")[0] + "." for count in counts] == [none, one, two]


def test_the_filters_offer_all_and_exited_clients_wait_behind_the_switch(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    stays, leaves = a_client(app, headers, "Aaltonen"), a_client(app, headers, "Bergström")
    exit_ = {"exit_date": "2026-11-20", "exit_status": "unknown"}
    app.post(f"/api/intake/projects/A/clients/{leaves}/exit", json=exit_, headers=headers)

    page = app.get("/p/A/clients").text

    for select in ("coach", "municipality"):
        options = page.split(f'<select id="{select}"', 1)[1].split("</select>", 1)[0]
        assert '<option value="">Kaikki</option>' in options
    assert "Valitse" not in page.split("</form>", 1)[0]
    assert names(page) == ["Aaltonen"]
    assert "Päättyneitä asiakkaita ei näytetä." in status_line(page)
    assert names(app.get("/p/A/clients?exited=1").text) == ["Aaltonen", "Bergström"]
    assert names(app.get("/p/A/clients?status=exited").text) == ["Bergström"]
    assert stays != leaves


def test_a_column_heading_sorts_the_list_one_way_then_the_other(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    a_client(app, headers, "Aaltonen", entry_date="2026-11-20")
    a_client(app, headers, "Bergström", entry_date="2026-10-01")
    a_client(app, headers, "Cederberg", entry_date="2026-11-02")

    by_name = app.get("/p/A/clients?reset=1").text
    ascending = app.get("/p/A/clients?sort=entered").text
    descending = app.get("/p/A/clients?sort=entered&dir=desc").text

    assert names(by_name) == ["Aaltonen", "Bergström", "Cederberg"]
    assert sorted_column(by_name) == ("Nimi", "ascending")
    assert names(ascending) == ["Bergström", "Cederberg", "Aaltonen"]
    assert sorted_column(ascending) == ("Aloittanut", "ascending")
    assert 'href="?sort=entered&amp;dir=desc&amp;page=1"' in ascending  # the other way next
    assert names(descending) == ["Aaltonen", "Cederberg", "Bergström"]
    assert sorted_column(descending) == ("Aloittanut", "descending")


def test_sorting_by_coach_follows_the_coaches_names(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    members = app.get("/api/intake/projects/A/members").json()
    coaches = {m["display_name"]: m["user_id"] for m in members}
    a_client(app, headers, "Aaltonen", coach_id=coaches["coach-a2"])
    a_client(app, headers, "Bergström", coach_id=coaches["coach-a"])

    listed = app.get("/p/A/clients?sort=coach").text

    assert names(listed) == ["Bergström", "Aaltonen"]  # coach-a before coach-a2


def test_the_last_filter_comes_back_for_the_same_user_only(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    a_client(app, headers, "Aaltonen", entry_date="2026-11-20")
    a_client(app, headers, "Bergström", entry_date="2026-10-01")
    app.get("/p/A/clients?exited=1&sort=entered&dir=desc&q=aalto")
    remembered = app.cookies.get(FILTER_COOKIE)

    back = app.get("/p/A/clients").text
    sign_in(app, "coach-a2")  # another user in the same browser
    app.cookies.set(FILTER_COOKIE, remembered or "", "testserver.local", "/p/A/clients")
    theirs = app.get("/p/A/clients").text
    sign_in(app, "coach-a")
    app.cookies.set(FILTER_COOKIE, remembered or "", "testserver.local", "/p/A/clients")
    cleared = app.get("/p/A/clients?reset=1").text
    after_clearing = app.get("/p/A/clients").text

    assert sorted_column(back) == ("Aloittanut", "descending")
    assert 'id="exited" name="exited" value="1" checked' in back
    assert names(back) == ["Aaltonen", "Bergström"]  # the name searched for is not kept
    assert sorted_column(theirs) == ("Nimi", "ascending")
    assert sorted_column(cleared) == sorted_column(after_clearing) == ("Nimi", "ascending")
