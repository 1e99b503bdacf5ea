"""A coach runs a group programme in a real browser: plans it, adds a meeting and two
members, takes attendance on one sheet, sees the no-show, and reads it all in Swedish.

Clients are enrolled through intake's JSON API with the coach's own session, as the
site would; coaching learns of them from intake's events. Screenshots go to
test-output/screenshots/coaching-*.png.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.operator import OPERATOR

pytestmark = pytest.mark.browser


def enrol_through_intake(page: Page, site: LiveSite, project: str, first: str, born: str) -> str:
    csrf = page.request.get(site.url("/api/intake/session")).json()["csrf_token"]
    form: dict[str, Any] = {
        "birth_date": born,
        "first_name": first,
        "last_name": "Testinen",
        "language": "fi",
        "consent_version": "2026-01",
        "consented_at": f"{site_today().isoformat()}T09:00:00+00:00",
        "entry_date": (site_today() - timedelta(days=10)).isoformat(),
        "entry_route": "self_referral",
        "gender": "female",
        "education": "isced_3_4",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
        "municipality": "Lohja",
    }
    answer = page.request.post(
        site.url(f"/api/intake/projects/{project}/clients"),
        data=form,
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status == 201, answer.text()
    return str(answer.json()["id"])  # intake answers AcceptedOut: the client's id


def coaching_caught_up(page: Page, site: LiveSite) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        subs = page.request.get(site.url("/api/coaching/health"), headers=OPERATOR).json()[
            "subscriptions"
        ]
        if all(s.get("lag", 0) == 0 for s in subs.values()):
            return
        time.sleep(0.1)
    raise AssertionError(f"coaching did not catch up with intake: {subs}")


def code(client_id: str) -> str:
    return client_id.replace("-", "")[-6:].upper()


def test_a_coach_takes_attendance_for_a_group_meeting_on_one_sheet(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    sign_in(page, site, coach)
    aino = enrol_through_intake(page, site, project, "Aino", "1968-04-02")
    bertil = enrol_through_intake(page, site, project, "Bertil", "1965-09-15")
    coaching_caught_up(page, site)

    page.goto(site.url(f"/p/{project}/coaching/programmes"))
    expect(page.get_by_role("heading", name="Ryhmävalmennukset", exact=True)).to_be_visible()
    page.get_by_label(re.compile(r"^Nimi")).fill("DuuniKaverit Lohja")
    page.get_by_label("Kunta").fill("Lohja")
    page.get_by_label("Alkaa").fill((site_today() - timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Tallenna ryhmä").click()
    expect(page.get_by_role("status")).to_contain_text("Ryhmä tallennettiin")

    yesterday = (site_today() - timedelta(days=1)).isoformat()
    page.get_by_label("Tapaamispäivä").fill(yesterday)
    page.get_by_role("button", name="Lisää tapaamiskerrat").click()
    expect(page.get_by_role("status")).to_contain_text("Tapaamiskerta lisättiin")
    for client in (aino, bertil):
        page.get_by_label("Asiakas", exact=False).select_option(client)
        page.get_by_role("button", name="Lisää ryhmään").click()
        expect(page.get_by_role("status")).to_contain_text("Asiakas lisättiin ryhmään")

    page.get_by_role("link", name="Merkitse läsnäolot").click()
    sheet = page.get_by_role("table")
    expect(sheet.get_by_role("radio")).to_have_count(6)
    page.get_by_role("group", name="Aino Testinen").get_by_label("Paikalla").check()
    page.get_by_role("group", name="Bertil Testinen").get_by_label("Poissa", exact=True).check()
    screenshot(page, "coaching-01-attendance-sheet")
    page.get_by_role("button", name="Tallenna läsnäolot").click()

    expect(page.get_by_role("status")).to_contain_text("Läsnäolot tallennettiin")
    members = page.get_by_role("table", name="Osallistujat")
    expect(members.get_by_role("row", name="Bertil Testinen")).to_contain_text("1")
    meetings = page.get_by_role("table", name="Tapaamiskerrat")
    expect(meetings).to_contain_text("Läsnäolo merkitty kaikille 2 osallistujalle")
    expect(page.get_by_role("link", name="Katso tai korjaa")).to_be_visible()
    screenshot(page, "coaching-02-programme-after-attendance")

    page.get_by_role("link", name="Aino Testinen", exact=True).click()
    expect(page.get_by_role("heading", name="Aino Testinen", level=1)).to_be_visible()
    expect(page.get_by_text(code(aino))).to_have_count(0)
    page.get_by_label("Tavoite asiakkaan sanoin").fill("Kolme työhakemusta viikossa")
    page.get_by_label("Alue").select_option("job_search")
    page.get_by_label("Tavoitepäivä").fill((site_today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Lisää tavoite").click()
    expect(page.get_by_role("status")).to_contain_text("Tavoite lisättiin suunnitelmaan")
    expect(page.get_by_role("row", name="Kolme työhakemusta viikossa")).to_contain_text("Kesken")
    screenshot(page, "coaching-03-client-plan")

    page.goto(site.url(f"/p/{project}/coaching/programmes"))
    rate = page.get_by_role("row", name="DuuniKaverit Lohja")
    expect(rate).to_contain_text("50")
    page.get_by_role("link", name="På svenska").click()
    expect(page.get_by_role("heading", name="Gruppcoachningar", exact=True)).to_be_visible()
    expect(page.get_by_role("columnheader", name="Närvarograd")).to_be_visible()
    screenshot(page, "coaching-04-programmes-in-swedish")
