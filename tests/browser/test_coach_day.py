"""A coach's working day in a real browser: she signs in and lands on Today, opens the
session she has not recorded (a due task) and records it as held, which takes the task
off her list, records a note of a phone call, opens the calendar's week and books a
session on next Monday from it; then the same pages in Swedish and English, on a
desktop and on a 390 px phone, without sideways scrolling and without axe violations.

Screenshots go to test-output/screenshots/coach-day-*.png.
"""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations
from tests.browser.test_coaching_attendance import coaching_caught_up, enrol_through_intake

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def booked_two_days_ago(site: LiveSite, project: str, client_id: str, coach_id: str) -> str:
    """A session booked for two days ago and never recorded: what the forms cannot make."""
    from services.coaching.domain.events import SessionBooked
    from services.coaching.domain.vocabulary import Mode, SessionKind
    from shared.eventlog.port import ANY
    from shared.eventlog.sql import SqlEventLog, open_database
    from shared.events.envelope import Context, NewEvent
    from shared.ids import uuid7_str

    session_id = uuid7_str()
    event = SessionBooked(
        session_id=session_id, client_id=client_id, project_id=project, coach_id=coach_id,
        held_on=site_today() - timedelta(2), starts_at=time(10), duration_minutes=60,
        mode=Mode.IN_PERSON, kind=SessionKind.PERSONAL_COACHING,
    )  # fmt: skip
    database = open_database(f"sqlite:///{site.data_dir / 'coaching.sqlite3'}")
    try:
        appended = NewEvent.of(event, Context(project_id=project, actor=coach_id))
        SqlEventLog(database, "coaching").append(f"session-{session_id}", [appended], ANY)
    finally:
        database.dispose()
    return session_id


def no_sideways_scrolling(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_coachs_day_from_today_to_the_calendar(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    sign_in(page, site, coach)
    expect(page).to_have_url(re.compile(rf"/p/{project}/coaching/today$"))
    aino = enrol_through_intake(page, site, project, "Aino", "1968-04-02")
    session = booked_two_days_ago(site, project, aino, coach.id)
    coaching_caught_up(page, site)

    page.goto(site.url(f"/p/{project}/coaching/today"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tänään")
    due = page.locator("ul.tasks li")
    expect(due).to_have_count(1)
    expect(due).to_contain_text("Kirjaa tapaaminen")
    expect(due).to_contain_text("Myöhässä")
    screenshot(page, "coach-day-01-today-fi")

    due.get_by_role("link", name="Kirjaa tapaaminen").click()
    expect(page).to_have_url(re.compile(rf"/coaching/sessions/{session}$"))
    expect(page.get_by_role("heading", name="Kirjaa pidetyksi")).to_be_visible()
    screenshot(page, "coach-day-02-due-session-fi")

    page.get_by_role("button", name="Kirjaa pidetyksi").click()  # as it was booked
    expect(page.get_by_role("status").first).to_contain_text("Tapaaminen kirjattiin.")
    page.goto(site.url(f"/p/{project}/coaching/today"))
    expect(page.get_by_text("Ei erääntyviä tehtäviä.")).to_be_visible()  # the rule holds no more
    screenshot(page, "coach-day-03-task-done-fi")

    page.get_by_role("link", name="Kirjaa muistiinpano").first.click()
    page.get_by_role("button", name="Tallenna kirjaus").click()
    expect(page.locator("#client_id-error")).to_contain_text("Valitse asiakas.")
    screenshot(page, "coach-day-04-note-refused-fi")
    page.get_by_label("Asiakas").select_option(aino)
    page.get_by_label("Yhteydenoton tapa").select_option("call")
    page.get_by_label("Kirjaus").fill("Soitti: työhaastattelu ensi viikolla.")
    page.get_by_role("button", name="Tallenna kirjaus").click()
    expect(page.get_by_role("status").first).to_contain_text("Kirjaus tallennettiin.")
    expect(page.locator("#my-clients ~ .table-wrap")).to_contain_text(
        f"{site_today().day}.{site_today().month}.{site_today().year}"
    )
    screenshot(page, "coach-day-05-note-saved-fi")

    page.goto(site.url(f"/p/{project}/coaching/clients/{aino}/notes"))
    expect(page.locator("main")).to_contain_text("Soitti: työhaastattelu ensi viikolla.")
    screenshot(page, "coach-day-06-client-notes-fi")

    page.get_by_role("link", name="Kalenteri", exact=True).click()
    expect(page.get_by_role("heading", name="Kalenteri", level=1)).to_be_visible()
    week = page.locator(".week")
    expect(week.locator("section.day")).to_have_count(7)
    expect(week).to_contain_text("Pidetty")  # the session recorded above
    screenshot(page, "coach-day-07-calendar-fi")

    monday = site_today() + timedelta(7 - site_today().weekday())
    page.get_by_role("link", name="Seuraava viikko").click()
    page.locator(f'.week a[href$="/sessions/new?held_on={monday.isoformat()}"]').click()
    page.get_by_role("searchbox", name="Etsi asiakas").fill("aino")
    page.get_by_role("button", name="Etsi", exact=True).click()
    expect(page.locator("#client_id")).to_have_value(aino)  # the one match, chosen
    expect(page.locator("#held_on")).to_have_value(monday.isoformat())  # the day kept
    page.get_by_role("button", name="Varaa", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Tapaaminen varattiin.")
    page.goto(site.url(f"/p/{project}/coaching/calendar?week={monday.isoformat()}"))
    expect(page.locator(".week section.day").first).to_contain_text("Aino")
    screenshot(page, "coach-day-08-booked-next-week-fi")

    paths = {
        "today": f"/p/{project}/coaching/today",
        "calendar": f"/p/{project}/coaching/calendar",
        "client": f"/p/{project}/coaching/clients/{aino}",
        "note": f"/p/{project}/coaching/notes/new",
        "feed": f"/p/{project}/coaching/calendar/feed",
    }
    found: dict[str, list[str]] = {}
    for language in ("fi", "sv", "en"):
        for device, size in WIDTHS.items():
            page.set_viewport_size(size)
            for name, path in paths.items():
                page.goto(site.url(f"/lang/{language}?next={path}"))
                expect(page.locator("html")).to_have_attribute("lang", language)
                no_sideways_scrolling(page)
                found[f"{name} {language} {device}"] = violations(page)
                if name in ("today", "calendar", "client"):
                    screenshot(page, f"coach-day-{name}-{language}-{device}")
    assert all(not found_here for found_here in found.values()), found
