"""A project manager reads the report in Finnish, Swedish and English, on a desktop and on
a phone: charts of the period with every month and value named, the leavers without an
end status as a to-do list by name, exports linked, the saved target shown at once.

Clients are enrolled and exited through intake's JSON API by their coach, as the site
would; reporting learns of them from intake's events and asks intake for their names.
Screenshots go to test-output/screenshots/reporting-*-{fi,sv,en}-{desktop,phone}.png.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from babel.dates import format_date
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, SiteUser, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

TODAY = site_today()
START = TODAY - timedelta(days=200)
WIDTHS = {"desktop": 1280, "phone": 390}
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
TO_DO = {"fi": "Tehtävälista", "sv": "Att göra", "en": "To do"}
RECORD = {"fi": "Kirjaa lopetustiedot", "sv": "Registrera slutuppgifterna",
          "en": "Record the end status"}  # fmt: skip


def enrolled_and_left(site: LiveSite, coach: SiteUser, project: str) -> dict[str, str]:
    """Three clients of Kaisa's: two left long ago with no known end status, one active."""
    api = f"/api/intake/projects/{project}/clients"
    people = {"Aino Leinonen": (150, 70), "Eino Salo": (130, 40), "Veera Koski": (60, None)}
    ids = {}
    with httpx.Client(base_url=site.base_url) as http:
        login = {"username": coach.username, "password": coach.password}
        session = http.post("/api/intake/session", json=login)
        headers = {"X-CSRF-Token": session.json()["csrf_token"]}
        for name, (entered, left) in people.items():
            first, last = name.split()
            answer = http.post(api, json=a_form(first, last, TODAY - timedelta(days=entered)),
                               headers=headers)  # fmt: skip
            assert answer.status_code == 201, answer.text
            ids[name] = str(answer.json()["id"])
            if left is not None:
                exit_date = (TODAY - timedelta(days=left)).isoformat()
                status = {"exit_date": exit_date, "exit_status": "unknown"}
                done = http.post(f"{api}/{ids[name]}/exit", json=status, headers=headers)
                assert done.status_code == 200, done.text
    return ids


def a_form(first: str, last: str, entered: date) -> dict[str, Any]:
    return {
        "birth_date": "1962-04-15", "first_name": first, "last_name": last, "language": "fi",
        "consent_version": "2026-01", "consented_at": f"{entered.isoformat()}T09:00:00+00:00",
        "entry_date": entered.isoformat(), "entry_route": "self_referral", "gender": "female",
        "education": "isced_3_4", "labour_market_status": "unemployed",
        "unemployed_since": "2024-06-01", "municipality": "Lohja",
    }  # fmt: skip


def counted(page: Page, site: LiveSite, project: str) -> None:
    """Once reporting has folded intake's events: two leavers waiting for an end status."""
    url = site.url(f"/api/reporting/projects/{project}/report")
    for _ in range(100):
        figures = page.request.get(url).json()["figures"]
        if next(f for f in figures if f["key"] == "quality.missing_end_status")["cumulative"] == 2:
            return
        time.sleep(0.1)
    raise AssertionError("reporting did not catch up with intake")


def fits(page: Page, width: int) -> None:
    """Nothing wider than the window: no sideways scrolling of the page."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_report_and_the_to_do_list_read_right_in_three_languages_and_on_a_phone(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    manager = site.add_user(roles=["project_manager"], projects=[project],
                            display_name="Päivi Projektipäällikkö")  # fmt: skip
    enrolled_and_left(site, coach, project)
    sign_in(page, site, manager)
    counted(page, site, project)
    report = f"/p/{project}/reports?start={START.isoformat()}&end={TODAY.isoformat()}"

    for language in ("fi", "sv", "en"):
        page.goto(site.url(f"/lang/{language}?next=/p/{project}/reports"))
        for device, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site.url(report))
            charts_read_right(page, language, width)
            screenshot(page, f"reporting-report-{language}-{device}")
            to_do_list_reads_right(page, site, project, language, width)
            screenshot(page, f"reporting-to-do-{language}-{device}")


def charts_read_right(page: Page, language: str, width: int) -> None:
    fits(page, width)
    entries = page.locator("svg[aria-labelledby='entries-title'] text")
    texts = entries.all_text_contents()
    month = format_date(TODAY, "LLL y", locale=LOCALES[language])
    assert month in texts, texts
    assert all(not re.fullmatch(r"\d{4}-\d{2}", text) for text in texts)
    # every month of the period has a label and a value: the three who began are counted
    assert len(texts) % 2 == 0 and sum(int(v) for v in texts[1::2]) == 3
    label_height = entries.first.bounding_box()
    assert label_height is not None and label_height["height"] >= 11  # legible on a phone
    destinations = page.locator("svg[aria-labelledby='destinations-title'] text.value")
    assert "2" in destinations.all_text_contents()  # the two leavers, as text, not colour only
    assert page.locator("#entries details table tbody tr").count() == len(texts) // 2
    drill_down = page.locator("a[href*='/figures/participants.total?']").bounding_box()
    assert drill_down is not None and drill_down["x"] + drill_down["width"] <= width
    assert page.locator("a[href*='participants.xlsx']").count() == 1
    assert page.locator("a[href*='format=codes']").count() == 2


def to_do_list_reads_right(
    page: Page, site: LiveSite, project: str, language: str, width: int
) -> None:
    page.goto(site.url(f"/p/{project}/reports/figures/quality.missing_end_status"))
    fits(page, width)
    expect(page.get_by_role("heading", level=2)).to_contain_text([TO_DO[language]])
    names = page.locator("tbody th[scope=row] a").all_inner_texts()
    assert names == ["Aino Leinonen", "Eino Salo"]  # the longest waiting first
    expect(page.locator("tbody")).to_contain_text("Kaisa Valmentaja")
    links = page.get_by_role("link", name=re.compile(f"^{RECORD[language]}"))
    expect(links).to_have_count(2)
    assert links.first.get_attribute("href", timeout=1000) is not None
    href = str(links.first.get_attribute("href"))
    assert href.endswith("/leaving")  # recording the status of one who has already left
    answer = page.goto(site.url(href))
    assert answer is not None and answer.status == 200
    expect(page.locator("input[type=radio][name=exit_status]").first).to_be_visible()


def test_a_saved_target_shows_at_once_and_the_pages_pass_axe(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    manager = site.add_user(roles=["project_manager"], projects=[project])
    enrolled_and_left(site, coach, project)
    sign_in(page, site, manager)
    counted(page, site, project)
    page.goto(site.url(f"/p/{project}/reports"))
    assert violations(page) == []

    page.get_by_label("Kirjattu viimeistään").fill("2019-07-31")
    page.get_by_role("button", name="Näytä luvut").click()
    page.get_by_label("Luku").select_option("participants.total")
    page.get_by_label("Suunniteltu").fill("480")
    page.get_by_role("button", name="Tallenna tavoite").click()

    expect(page.get_by_role("status")).to_contain_text("Osallistujat yhteensä, suunniteltu 480")
    targets = page.get_by_role("table", name="Tavoitteet ja toteumat")
    expect(targets.get_by_role("row", name=re.compile("^Osallistujat yhteensä"))).to_contain_text(
        "480"
    )
    expect(page.locator("svg[aria-labelledby='target-chart-title']")).to_contain_text("3 / 480")
    screenshot(page, "reporting-target-saved-fi-desktop")
    page.goto(site.url(f"/p/{project}/reports/figures/quality.missing_end_status"))
    assert violations(page) == []
