"""A coach's group work in a real browser, without script: she schedules a DuuniKaverit
group's nine meetings in one form (three a week for three weeks), takes attendance at the
first, pre-fills the second from it with "Copy last meeting" and saves, and marks several
online-course days of a participant at once; then the same pages in Finnish, Swedish and
English, on a desktop and on a 390 px phone, without sideways scrolling or axe violations.

Screenshots go to test-output/screenshots/coach-groups-*.png.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations
from tests.browser.test_coach_day import WIDTHS, no_sideways_scrolling
from tests.browser.test_coaching_attendance import coaching_caught_up, enrol_through_intake

pytestmark = pytest.mark.browser


def test_a_coach_schedules_a_group_copies_attendance_and_marks_course_days(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    sign_in(page, site, coach)
    aino = enrol_through_intake(page, site, project, "Aino", "1968-04-02")
    bertil = enrol_through_intake(page, site, project, "Bertil", "1965-09-15")
    coaching_caught_up(page, site)
    today = site_today()
    monday = today - timedelta(days=today.weekday() + 28)  # all nine meetings are past

    page.goto(site.url(f"/p/{project}/coaching/programmes"))
    page.get_by_label(re.compile(r"^Nimi")).fill("DuuniKaverit Lohja")
    page.get_by_label("Kunta").fill("Lohja")
    page.get_by_label("Alkaa").fill(monday.isoformat())
    page.get_by_label("Päättyy").fill((monday + timedelta(days=25)).isoformat())
    page.get_by_role("button", name="Tallenna ryhmä").click()
    expect(page.get_by_role("status")).to_contain_text("Ryhmä tallennettiin")
    programme = page.url.split("?")[0]

    page.get_by_label("Tapaamispäivä").fill(monday.isoformat())
    page.get_by_label(re.compile("Kolmesti viikossa")).check()
    screenshot(page, "coach-groups-01-pattern-fi")
    page.get_by_role("button", name="Lisää tapaamiskerrat").click()
    expect(page.get_by_role("status")).to_contain_text("Tapaamiskerrat lisättiin")
    meetings = page.get_by_role("table", name="Tapaamiskerrat")
    expect(meetings.locator("tbody tr")).to_have_count(9)
    for client in (aino, bertil):
        page.get_by_label("Asiakas", exact=False).select_option(client)
        page.get_by_label("Liittymispäivä").fill(monday.isoformat())
        page.get_by_role("button", name="Lisää ryhmään").click()
        expect(page.get_by_role("status")).to_contain_text("Asiakas lisättiin ryhmään")

    page.get_by_role("link", name="Merkitse läsnäolot").first.click()
    page.get_by_role("group", name="Aino Testinen").get_by_label("Paikalla").check()
    page.get_by_role("group", name="Bertil Testinen").get_by_label("Poissa", exact=True).check()
    page.get_by_role("button", name="Tallenna läsnäolot").click()
    expect(page.get_by_role("status")).to_contain_text("Läsnäolot tallennettiin")

    page.get_by_role("link", name="Merkitse läsnäolot").first.click()
    sheet = page.url
    page.get_by_role("link", name="Kopioi edellinen tapaamiskerta").click()
    expect(page.get_by_role("status")).to_contain_text("Esitäytetty")
    aino_row = page.get_by_role("group", name="Aino Testinen")
    expect(aino_row.get_by_label("Paikalla")).to_be_checked()
    bertil_row = page.get_by_role("group", name="Bertil Testinen")
    expect(bertil_row.get_by_label("Poissa", exact=True)).to_be_checked()
    screenshot(page, "coach-groups-02-copied-sheet-fi")
    page.get_by_role("button", name="Tallenna läsnäolot").click()
    expect(page.get_by_role("status")).to_contain_text("Läsnäolot tallennettiin")
    expect(page.get_by_role("table", name="Tapaamiskerrat")).to_contain_text(
        "Läsnäolo merkitty kaikille 2 osallistujalle"
    )

    page.goto(site.url(f"/p/{project}/coaching/courses"))
    page.get_by_label(re.compile(r"^Nimi")).fill("VerkkoAgentti")
    page.get_by_role("button", name=re.compile("Tallenna")).click()
    course = page.url.split("?")[0]
    page.get_by_label("Asiakas", exact=False).select_option(aino)
    page.get_by_role("button", name="Ilmoita kurssille").click()
    page.locator("details.mark-days summary").first.click()
    for day in (1, 2, 3):
        page.get_by_label(f"Päivä {day}", exact=True).check()
    screenshot(page, "coach-groups-03-course-days-fi")
    page.get_by_role("button", name="Merkitse päivät suoritetuiksi").click()
    expect(page.get_by_role("table")).to_contain_text("3/15 päivää")

    paths = {"programme": programme, "sheet": f"{sheet}?copy=previous", "course": course}
    found: dict[str, list[str]] = {}
    for language in ("fi", "sv", "en"):
        for device, size in WIDTHS.items():
            page.set_viewport_size(size)
            for name, url in paths.items():
                path = url.removeprefix(site.url(""))
                page.goto(site.url(f"/lang/{language}?next={path}"))
                expect(page.locator("html")).to_have_attribute("lang", language)
                if name == "course":
                    page.locator("details.mark-days summary").first.click()
                no_sideways_scrolling(page)
                found[f"{name} {language} {device}"] = violations(page)
                screenshot(page, f"coach-groups-{name}-{language}-{device}")
    assert all(not found_here for found_here in found.values()), found
