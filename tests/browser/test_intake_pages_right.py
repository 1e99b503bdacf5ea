"""Intake's pages as a coach and an auditor meet them, measured in a real browser.

The pages fit the window at desktop and phone width in every language, secondary buttons
are full-size touch targets, the client list sorts, filters and remembers, and an identity
code stays masked until a reason is given. Screenshots of each page in Finnish, Swedish
and English, desktop and phone, go under test-output/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, SiteUser, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_intake_ui import a_coach, fill_enrolment

pytestmark = pytest.mark.browser

LANGUAGES = ("fi", "sv", "en")
WIDTHS = {"desktop": 1280, "phone": 390}
LONG_EMAIL = "aino.marjatta.virtanen-korhonen.tyonhaku@esimerkkikunnan-tyollisyyspalvelut.fi"


def overflow(page: Page) -> int:
    """How far the page reaches past the window's right edge (0 when it fits)."""
    found: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return found


def enrol_long_named_client(page: Page, site: LiveSite, project: str, code: str) -> str:
    """A client whose e-mail and labels are long; the client page's address."""
    page.goto(site.url(f"/p/{project}/clients/new"))
    fill_enrolment(page, identity_code=code, first="Aino-Marjatta", last="Virtanen-Korhonen")
    page.get_by_label("Sähköposti").fill(LONG_EMAIL)
    page.get_by_role("button", name="Kirjaa asiakkaaksi").click()
    expect(page.get_by_role("status")).to_contain_text("Asiakas kirjattiin")
    return page.url.split("?")[0]


def correct_the_education(page: Page) -> None:
    """On the client's page: a correction, which the timeline explains."""
    page.get_by_role("link", name="Korjaa aloitustietoja").click()
    page.get_by_label("Korkein koulutus").select_option("isced_5_8")
    page.get_by_label("Miksi tietoja korjataan").select_option("document_checked")
    page.get_by_label("Korjauksen syy").fill("Tutkintotodistus nähty")
    page.get_by_role("button", name="Tallenna korjaus").click()
    expect(page.locator("ol.timeline")).to_contain_text("ennen Toinen aste")


def in_language(page: Page, site: LiveSite, language: str, path: str) -> None:
    page.goto(site.url(f"/lang/{language}?next={path}"))


def test_the_intake_pages_fit_the_window_at_desktop_and_phone_width(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    client = enrol_long_named_client(page, site, project, "131052-308T").removeprefix(site.url(""))
    correct_the_education(page)
    paths = [f"/p/{project}/clients", client, f"{client}/correct", f"{client}/exit",
             f"/p/{project}/clients/new"]  # fmt: skip
    too_wide = []
    for language in LANGUAGES:
        in_language(page, site, language, "/")
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                page.goto(site.url(path))
                if overflow(page) > 0:
                    too_wide.append(f"{path} at {width} px in {language}: {overflow(page)} px")
            page.goto(site.url(client))
            screenshot(page, f"intake-client-{language}-{name}")

    assert too_wide == []


def test_secondary_buttons_are_as_large_as_primary_ones(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    enrol_long_named_client(page, site, project, "131052-308T")
    page.get_by_text("Näytä koko henkilötunnus").click()

    secondary = page.get_by_role("button", name="Näytä tunnus").bounding_box()
    primary = page.get_by_role("button", name="Vaihda valmentaja").bounding_box()
    link_button = page.get_by_role("link", name="Korjaa aloitustietoja").bounding_box()

    assert secondary is not None and primary is not None and link_button is not None
    assert secondary["height"] >= 44
    assert secondary["height"] == pytest.approx(primary["height"], abs=1)
    assert link_button["height"] >= 44


def test_the_client_list_sorts_filters_and_remembers(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = a_coach(site, project)
    sign_in(page, site, coach)
    enrol_long_named_client(page, site, project, "131052-308T")
    page.goto(site.url(f"/p/{project}/clients"))

    expect(page.locator("#coach option").first).to_have_text("Kaikki")
    expect(page.locator("#municipality option").first).to_have_text("Kaikki")
    expect(page.get_by_role("status")).to_contain_text("1 asiakas löytyi.")
    page.get_by_role("link", name="Aloittanut").click()
    page.get_by_role("link", name="Aloittanut").click()
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    page.get_by_label("Näytä myös päättyneet asiakkaat").check()
    page.get_by_role("button", name="Hae").click()
    page.goto(site.url("/account/password"))
    page.goto(site.url(f"/p/{project}/clients"))

    expect(page.get_by_label("Näytä myös päättyneet asiakkaat")).to_be_checked()
    expect(page.locator("th[aria-sort]")).to_contain_text("Aloittanut")
    assert violations(page) == []
    for language in LANGUAGES:
        in_language(page, site, language, f"/p/{project}/clients")
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.reload()
            screenshot(page, f"intake-clients-{language}-{name}")


def an_auditor(site: LiveSite, project: str) -> SiteUser:
    return site.add_user(roles=["auditor"], projects=[project], display_name="Tarja Tarkastaja")


def test_an_auditor_sees_the_identity_code_only_after_giving_a_reason(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    client = enrol_long_named_client(page, site, project, "131052-308T")
    page.context.clear_cookies()
    sign_in(page, site, an_auditor(site, project))
    page.goto(client)

    expect(page.locator("dl.facts").first).to_contain_text("131052-****")
    assert "131052-308T" not in page.content()
    page.get_by_text("Näytä koko henkilötunnus").click()
    page.get_by_role("button", name="Näytä tunnus").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Kerro, miksi tarvitset koko henkilötunnuksen"
    )
    screenshot(page, "intake-identity-code-reason-missing-fi")
    page.get_by_label("Miksi tarvitset koko henkilötunnuksen").fill("Tarkastus: otos 12")
    page.get_by_role("button", name="Näytä tunnus").click()

    expect(page.locator("dl.facts").first).to_contain_text("131052-308T")
    assert violations(page) == []
    screenshot(page, "intake-identity-code-shown-fi")
    page.goto(client)
    assert "131052-308T" not in page.content()


def test_a_coach_enrolling_below_the_target_age_is_told_who_may(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    page.goto(site.url(f"/p/{project}/clients/new"))
    fill_enrolment(page, identity_code="010190-123M")  # 36 years old: the project takes 50+
    page.get_by_role("button", name="Kirjaa asiakkaaksi").click()

    link = page.get_by_role("alert").get_by_role("link", name="Kohderyhmä")
    expect(link).to_have_attribute("href", "#target_group")
    link.click()
    expect(page.locator("#target_group")).to_be_focused()
    expect(page.locator("#target_group")).to_contain_text("Pyydä projektipäällikköä")
    screenshot(page, "intake-enrolment-outside-target-group-fi")


@pytest.mark.parametrize(
    ("language", "enrol", "question"),
    [
        ("fi", "Kirjaa asiakkaaksi", "”Sukupuoli”"),
        ("sv", "Skriv in", "”Kön”"),
        ("en", "Enrol", "“Gender”"),
    ],
)
def test_an_unanswered_question_of_the_enrolment_form_names_itself(
    site: LiveSite, page: Page, language: str, enrol: str, question: str
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    in_language(page, site, language, f"/p/{project}/clients/new")
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.get_by_role("button", name=enrol, exact=True).click()

        expect(page.locator("#gender .field-error")).to_contain_text(question)
        assert overflow(page) <= 0
        screenshot(page, f"intake-enrolment-errors-{language}-{name}")
