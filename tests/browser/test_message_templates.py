"""A project manager edits a message template on a phone, in Finnish, Swedish and
English: a blank the message cannot fill in is refused at the field, a good one saved as a
new version; the template page and the outbox have no WCAG 2.1 AA violation and no
sideways scrolling at 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

WORDS = {
    "fi": {"body": "Teksti", "save": "Tallenna uutena versiona", "refused": "Tekstissä on kohta",
           "saved": "Viestipohja tallennettiin", "version": "Käytössä versio 1"},
    "sv": {"body": "Text", "save": "Spara som ny version", "refused": "Texten har ett fält",
           "saved": "Mallen sparades", "version": "Version 1 används"},
    "en": {"body": "Text", "save": "Save as a new version", "refused": "The text has a blank",
           "saved": "The template was saved", "version": "Version in use: 1"},
}  # fmt: skip


def _overflow(page: Page) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return width


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_manager_edits_a_text_message_template_on_a_phone(
    site: LiveSite, page: Page, language: str
) -> None:
    words = WORDS[language]
    project = site.new_project()
    manager = site.add_user(roles=["project_manager"], projects=[project])
    sign_in(page, site, manager)
    page.context.add_cookies([{"name": "duuni_lang", "value": language, "url": site.base_url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url(f"/p/{project}/messages/templates?kind=reminder&channel=sms"))

    page.get_by_label(words["body"]).and_(page.locator("#body")).fill(
        "Muista {date} klo {time}, {name}!"
    )
    page.get_by_role("button", name=words["save"]).click()
    expect(page.locator("#body-error")).to_contain_text(words["refused"])
    refusal = violations(page)
    screenshot(page, f"message-template-refused-{language}-phone")

    page.get_by_label(words["body"]).and_(page.locator("#body")).fill(
        "Muista {date} klo {time}. {project}"
    )
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["saved"])
    expect(page.get_by_text(words["version"])).to_be_visible()
    saved = violations(page)
    saved_overflow = _overflow(page)
    screenshot(page, f"message-template-{language}-phone")

    page.goto(site.url(f"/p/{project}/messages"))
    screenshot(page, f"message-outbox-{language}-phone")
    assert (refusal, saved, violations(page)) == ([], [], [])
    assert (saved_overflow, _overflow(page)) == (0, 0)
