"""The client's tab bar on intake's side, and booking a session from a search hit.

Details and Documents are intake's tabs of the one client page (Plan and sessions, Notes
and tasks are coaching's); the auditor's bar leaves out the tab her role may not open. A
client found by identity code or phone carries a link into coaching's booking form with
the client chosen: the link names the client by id, never by what was searched for."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.integration.intake.clients import CODE, enrol, sign_in

EN = {"Accept-Language": "en"}


def _tabs(html: str) -> list[tuple[str, str, bool]]:
    """(label, link, current) of the client tab bar's links, in order."""
    [bar] = re.findall(r'<nav class="client-tabs" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', bar[1])
    return [(label, href, bool(current)) for href, current, label in links]


def test_details_and_documents_are_tabs_of_one_client_page(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    client = f"/p/A/clients/{client_id}"
    plan = f"/p/A/coaching/clients/{client_id}"

    details = app.get(client, headers=EN).text
    assert _tabs(details) == [
        ("Basic details", client, True),
        ("Plan and sessions", plan, False),
        ("Notes and tasks", f"{plan}/notes", False),
        ("Documents", f"{client}/documents", False),
    ]
    assert details.index("<h1>") < details.index('class="client-tabs"')
    assert 'id="h-documents"' not in details  # the documents have their own tab
    documents = app.get(f"{client}/documents", headers=EN)
    assert documents.status_code == 200
    assert 'id="h-documents"' in documents.text and 'id="h-timeline"' not in documents.text
    assert [current for *_rest, current in _tabs(documents.text)] == [False, False, False, True]
    finnish = app.get(client, headers={"Accept-Language": "fi"}).text
    assert [label for label, *_rest in _tabs(finnish)][1] == "Suunnitelma ja tapaamiset"

    sign_in(app, "auditor-a")
    audited = app.get(client, headers=EN).text
    assert [label for label, *_rest in _tabs(audited)] == [
        "Basic details",
        "Plan and sessions",
        "Notes and tasks",
    ]
    assert app.get(f"{client}/documents").status_code == 403
    sign_in(app, "coach-b")  # another project's coach
    assert app.get(f"{client}/documents").status_code == 404


def test_a_search_hit_books_a_session_in_coaching_without_the_searched_code(
    app: TestClient,
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    booking = f'href="/p/A/coaching/sessions/new?client_id={client_id}"'

    by_code = app.get("/p/A/clients", params={"q": CODE}, headers=EN).text
    assert booking in by_code and "Book a session" in by_code
    links = re.findall(r'href="(/p/A/coaching/[^"]*)"', by_code)
    assert links and all(CODE not in link and CODE.lower() not in link for link in links)
    unsearched = app.get("/p/A/clients", params={"q": ""}, headers=EN).text
    assert booking not in unsearched  # the list itself is not a picker

    sign_in(app, "auditor-a")  # reads, never books
    assert booking not in app.get("/p/A/clients", params={"q": CODE}).text
