"""Coaching's pages as a coach, a manager and an auditor meet them, in Finnish, Swedish and
English, on a desktop and on a phone: the clients in coaching a page at a time, the day's
sessions with the note typed when booking, the project's sessions for an auditor, and the
end of in-work coaching with its follow-on plan and confirmation.

Screenshots go to test-output/screenshots/coaching-*-{fi,sv,en}-{desktop,phone}.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations
from tests.browser.test_coaching_attendance import coaching_caught_up
from tests.integration.coaching.builders import company

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = ("fi", "sv", "en")


def enrol(page: Page, site: LiveSite, project: str, first: str, last: str, town: str) -> str:
    """A client enrolled through intake's JSON API with the coach's own session."""
    csrf = page.request.get(site.url("/api/intake/session")).json()["csrf_token"]
    form: dict[str, Any] = {
        "birth_date": "1966-05-04", "first_name": first, "last_name": last, "language": "fi",
        "consent_version": "2026-01", "consented_at": f"{site_today().isoformat()}T09:00:00+00:00",
        "entry_date": (site_today() - timedelta(days=20)).isoformat(),
        "entry_route": "self_referral", "gender": "male", "education": "isced_3_4",
        "labour_market_status": "unemployed", "unemployed_since": "2025-06-01",
        "municipality": town,
    }  # fmt: skip
    answer = page.request.post(site.url(f"/api/intake/projects/{project}/clients"), data=form,
                               headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert answer.status == 201, answer.text()
    return str(answer.json()["id"])


def in_language(page: Page, site: LiveSite, language: str, path: str) -> None:
    page.goto(site.url(f"/lang/{language}?next={path}"))


def fits(page: Page, width: int) -> int:
    """Sets the window's width, checks that nothing is wider, and answers the page height."""
    page.set_viewport_size({"width": width, "height": 900})
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size[0] <= width, f"{page.url} is {size[0]} px wide in a {width} px window"
    return int(size[1])


def shoot(page: Page, name: str, language: str) -> dict[str, int]:
    """Screenshots at both widths; the page's height at each."""
    heights = {}
    for label, width in WIDTHS.items():
        heights[label] = fits(page, width)
        screenshot(page, f"coaching-{name}-{language}-{label}")
    page.set_viewport_size({"width": 1280, "height": 900})
    return heights


@pytest.fixture
def auditor_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    yield context.new_page()
    context.close()


def test_clients_in_coaching_come_a_page_at_a_time(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    sign_in(page, site, site.add_user(roles=["coach"], projects=[project]))
    for n in range(1, 31):
        enrol(page, site, project, f"Asiakas{n:02d}", "Testinen", "Lohja")
    coaching_caught_up(page, site)
    path = f"/p/{project}/coaching/clients"

    for language in LANGUAGES:
        in_language(page, site, language, path)
        expect(page.locator("tbody tr")).to_have_count(25)
        pages = {"fi": "Listan sivut", "sv": "Listans sidor", "en": "Pages of the list"}
        expect(page.get_by_role("navigation", name=pages[language])).to_be_visible()
        heights = shoot(page, "clients", language)
        assert heights["desktop"] < 3000 and heights["phone"] < 6000, heights
    page.get_by_label("Name").fill("asiakas07")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("One client.")
    assert violations(page) == []


def test_the_agenda_keeps_the_booking_note_and_an_auditor_sees_the_projects_sessions(
    site: LiveSite, page: Page, auditor_page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, site.add_user(roles=["coach"], projects=[project]))
    enrol(page, site, project, "Matti", "Virtanen", "Lohja")
    enrol(page, site, project, "Matti", "Virtanen", "Vihti")
    coaching_caught_up(page, site)
    page.goto(site.url(f"/p/{project}/coaching/sessions/new"))
    page.locator("#client_id").select_option(label="Matti Virtanen (Vihti)")
    page.locator("#held_on").fill((site_today() + timedelta(days=1)).isoformat())
    page.locator("#starts_at").fill("13:30")
    page.get_by_label("Asiakaskirjaus").fill("Käydään läpi CV ja kaksi hakemusta.")
    page.get_by_role("button", name="Varaa", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Tapaaminen varattiin")
    coming_up = page.get_by_role("table", name="Tulossa")
    expect(coming_up).to_contain_text("Matti Virtanen")  # the only one shown here
    expect(coming_up).not_to_contain_text("Vihti")
    coming_up.get_by_role("link").first.click()
    expect(page.locator("dd.note")).to_have_text("Käydään läpi CV ja kaksi hakemusta.")
    screenshot(page, "coaching-session-with-booking-note-fi-desktop")
    for language in LANGUAGES:
        in_language(page, site, language, f"/p/{project}/coaching")
        shoot(page, "agenda", language)

    sign_in(auditor_page, site, site.add_user(roles=["auditor"], projects=[project]))
    for language in LANGUAGES:
        in_language(auditor_page, site, language, f"/p/{project}/coaching")
        title = {"fi": "Hankkeen tapaamiset", "sv": "Projektets möten",
                 "en": "The project's sessions"}[language]  # fmt: skip
        expect(auditor_page.get_by_role("heading", level=1)).to_have_text(title)
        expect(auditor_page.get_by_role("link", name=title)).to_be_visible()
        shoot(auditor_page, "agenda-auditor", language)
    assert violations(auditor_page) == []
    expect(auditor_page.get_by_text("Käydään läpi")).to_have_count(0)


def test_in_work_coaching_ends_with_its_follow_on_plan_once_confirmed(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, site.add_user(roles=["coach"], projects=[project]))
    client = enrol(page, site, project, "Aino", "Aalto", "Lohja")
    company(site.data_dir, project, trade_name="Lohjan Konepaja Oy")
    coaching_caught_up(page, site)
    page.goto(site.url(f"/p/{project}/coaching/clients/{client}"))
    page.locator("summary", has_text="Aloita työssävalmennus").click()
    page.get_by_label("Työnantaja").select_option(label="Lohjan Konepaja Oy (1234567-8, Lohja)")
    page.get_by_role("button", name="Aloita työssävalmennus").click()
    page.get_by_label("Tavoite sanallisesti").fill("Oppii kassajärjestelmän itsenäisesti")
    page.get_by_label("Alue").select_option("skills")
    page.get_by_label("Tavoitepäivä").fill((site_today() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Lisää tavoite").click()
    goals = page.get_by_role(
        "list", name="Asiakkaan, työnantajan ja valmentajan yhteiset tavoitteet"
    )
    expect(goals).to_contain_text("Oppii kassajärjestelmän itsenäisesti")
    plan = page.url.split("?")[0]
    for language in LANGUAGES:
        in_language(page, site, language, plan.removeprefix(site.base_url))
        shoot(page, "in-work-plan", language)

    in_language(page, site, "fi", plan.removeprefix(site.base_url))
    page.get_by_role("link", name="Päätä työssävalmennus…").click()
    page.get_by_role("button", name="Päätä työssävalmennus").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vahvista rastittamalla, että työssävalmennus päättyy.")
    expect(page.locator("#follow_on")).to_contain_text("Mitä seuraavaksi tapahtuu")
    assert violations(page) == []
    for language in LANGUAGES:
        in_language(page, site, language, f"{plan.removeprefix(site.base_url)}/end")
        shoot(page, "in-work-end", language)
    in_language(page, site, "fi", f"{plan.removeprefix(site.base_url)}/end")
    page.get_by_label("Jatkaa työssä").check()
    page.get_by_label("Jatkopolku sanallisesti").fill("Vakituinen työsopimus maaliskuusta.")
    page.get_by_label("Vahvistan, että tämä työssävalmennus päättyy.").check()
    page.get_by_role("button", name="Päätä työssävalmennus").click()
    expect(page.get_by_role("status")).to_contain_text("jatkopolku kirjattiin")
    expect(page.locator("dl.facts")).to_contain_text(
        "Jatkaa työssä: Vakituinen työsopimus maaliskuusta."
    )
    screenshot(page, "coaching-in-work-ended-fi-desktop")
