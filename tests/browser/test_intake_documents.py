"""A coach keeps a document with a client and edits their contact details on a phone, in
Finnish, Swedish and English: the client's page, with both forms, has no WCAG 2.1 AA
violation and no sideways scrolling at 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_intake_ui import enrol

pytestmark = pytest.mark.browser

WORDS = {
    "fi": {
        "kind": "Asiakirjan laji",
        "add": "Lisää asiakirja",
        "saved": "Asiakirja tallennettiin",
        "edit": "Muokkaa yhteystietoja",
        "phone": "Puhelin",
        "address": "Postiosoite",
        "save": "Tallenna yhteystiedot",
        "contact_saved": "Yhteystiedot tallennettiin",
        "refused": "Tämänlaista tiedostoa ei voi lisätä",
    },
    "sv": {
        "kind": "Typ av dokument",
        "add": "Lägg till dokumentet",
        "saved": "Dokumentet sparades",
        "edit": "Redigera kontaktuppgifterna",
        "phone": "Telefon",
        "address": "Postadress",
        "save": "Spara kontaktuppgifterna",
        "contact_saved": "Kontaktuppgifterna sparades",
        "refused": "Den här typen av fil tas inte emot",
    },
    "en": {
        "kind": "Kind of document",
        "add": "Add the document",
        "saved": "The document was saved",
        "edit": "Edit contact details",
        "phone": "Phone",
        "address": "Postal address",
        "save": "Save contact details",
        "contact_saved": "The contact details were saved",
        "refused": "This kind of file is not taken",
    },
}


def _overflow(page: Page) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return width


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_coach_adds_a_document_and_edits_contact_details_on_a_phone(
    site: LiveSite, page: Page, tmp_path: Path, language: str
) -> None:
    words = WORDS[language]
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project])
    sign_in(page, site, coach)
    enrol(page, site, project, "131052-308T", first="Aino", last="Lehtonen")
    client_page = page.url.split("?")[0]
    page.context.add_cookies([{"name": "duuni_lang", "value": language, "url": site.base_url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{client_page}/documents")  # the client's Documents tab
    refused_file = tmp_path / "ohjelma.pdf"
    refused_file.write_bytes(b"MZ\x90\x00 not a document")
    cv = tmp_path / "Aino Lehtonen - ansioluettelo 2026.pdf"
    cv.write_bytes(b"%PDF-1.4\n% a CV\n%%EOF\n")

    page.get_by_label(words["kind"]).select_option("cv")
    page.locator("#file").set_input_files(str(refused_file))
    page.get_by_role("button", name=words["add"]).click()
    expect(page.locator("#file-error")).to_contain_text(words["refused"])
    refusal = violations(page)
    screenshot(page, f"intake-documents-refused-{language}-phone")

    page.get_by_label(words["kind"]).select_option("cv")
    page.locator("#file").set_input_files(str(cv))
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["saved"])
    expect(page.locator("#h-documents + *")).to_contain_text("ansioluettelo 2026.pdf")
    screenshot(page, f"intake-documents-{language}-phone")
    listed = violations(page)
    listed_overflow = _overflow(page)

    page.goto(client_page)  # the Details tab
    page.get_by_text(words["edit"]).click()
    page.get_by_label(words["phone"]).fill("040 765 4321")
    page.get_by_label(words["address"]).fill("Kauppakatu 1 A 2\n08100 Lohja")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["contact_saved"])
    expect(page.get_by_text("+358407654321")).to_be_visible()
    page.get_by_text(words["edit"]).click()
    screenshot(page, f"intake-documents-contact-{language}-phone")

    assert (refusal, listed, violations(page)) == ([], [], [])
    assert (listed_overflow, _overflow(page)) == (0, 0)
