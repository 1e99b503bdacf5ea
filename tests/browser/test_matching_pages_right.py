"""The matching pages in a real browser, in Finnish, Swedish and English, at desktop and
phone width: the company list a page at a time, the company page with its facts first and
its forms behind buttons, the contact log with what was discussed and by whom, occupations
picked by name, explanations as sentences, and the reasons grouped under each answer.

Each page is measured (no sideways scrolling, a short list) and checked with axe; the
screenshots go under test-output/screenshots/ as ``matching-<page>-<language>-<width>``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations
from tests.browser.test_matching_ui import enrolled_by_intake, open_when_followed

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = ("fi", "sv", "en")


def _api(page: Page, site: LiveSite, path: str, body: dict[str, object]) -> str:
    csrf = page.request.get(site.url("/api/intake/session")).json()["csrf_token"]
    answer = page.request.post(site.url(path), headers={"X-CSRF-Token": csrf}, data=body)
    assert answer.status in (200, 201), answer.text()
    return str(answer.json().get("id", ""))


def _business_id(number: int) -> str:
    from services.matching.domain.business_id import check_digit

    digits = f"{2_600_000 + number * 13:07d}"
    while check_digit(digits) is None:
        digits = f"{int(digits) + 1:07d}"
    return f"{digits}-{check_digit(digits)}"


def _project(site: LiveSite, page: Page) -> tuple[str, str, str, str]:
    """A project with 23 companies, a bakery's lead and two clients with job profiles: the
    project, the bakery, the lead and the better-matching client."""
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    sign_in(page, site, coach)
    api = f"/api/matching/projects/{project}"
    bakery = ""
    for n in range(23):
        industry, name = ("10710", "Lohjan Leipomo Oy") if n == 0 else ("56101", f"Ravintola {n}")
        company = {"business_id": _business_id(n), "trade_name": name, "industry": industry,
                   "municipality": "Lohja", "size_class": "small"}  # fmt: skip
        company_id = _api(page, site, f"{api}/companies", company)
        bakery = bakery or company_id
    lead = {"company_id": bakery, "kind": "hidden_job", "occupation_code": "7512",
            "municipality": "Lohja", "working_time": "full_time",
            "found_on": site_today().isoformat(), "required_skills": ["hygieniapassi"],
            "required_languages": ["fi", "sv"], "driving_licence_required": True}  # fmt: skip
    lead_id = _api(page, site, f"{api}/leads", lead)
    clients = [enrolled_by_intake(page, site, project, n) for n in (1, 2)]
    open_when_followed(page, site.url(f"/p/{project}/matching/clients/{clients[1]}"))
    for client_id, occupations in zip(clients, (["7512"], ["2512"]), strict=True):
        profile = {"target_occupations": occupations, "skills": ["hygieniapassi"],
                   "languages": ["fi"], "municipalities": ["Lohja"], "working_time": "any",
                   "matching_consent": True}  # fmt: skip
        csrf = page.request.get(site.url("/api/intake/session")).json()["csrf_token"]
        answer = page.request.put(
            site.url(f"{api}/clients/{client_id}/profile"),
            headers={"X-CSRF-Token": csrf},
            data=profile,
        )
        assert answer.status == 200, answer.text()
    return project, bakery, lead_id, clients[0]


def _in_every_language(
    page: Page, site: LiveSite, path: str, name: str, check: Callable[[str], None] | None = None
) -> None:
    """The page at ``path`` in each language and width: it fits the window, ``check`` holds,
    axe finds nothing; a screenshot of each."""
    for language in LANGUAGES:
        page.goto(site.url(f"/lang/{language}?next={path}"))
        for width_name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site.url(path))
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{name} {language}: {scroll} px wide in a {width} px window"
            if check is not None:
                check(language)
            screenshot(page, f"matching-{name}-{language}-{width_name}")
        assert violations(page) == [], (name, language)
    page.goto(site.url(f"/lang/fi?next={path}"))
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_companies_come_a_page_at_a_time_and_are_found(site: LiveSite, page: Page) -> None:
    project, _bakery, _lead, _client = _project(site, page)
    base = f"/p/{project}/matching"

    def short(_language: str) -> None:
        expect(page.locator("#h-companies + form + p + .table-wrap tbody tr")).to_have_count(20)
        assert page.evaluate("document.documentElement.scrollHeight") < 5000

    _in_every_language(page, site, base, "companies", short)
    page.goto(site.url(base))
    expect(page.get_by_role("status").first).to_contain_text("23 yritystä")
    page.get_by_role("link", name="Seuraava sivu").click()
    expect(page.locator(".table-wrap tbody tr").first).to_be_visible()
    page.get_by_label("Toimiala").select_option("C")
    page.get_by_role("button", name="Hae yrityksiä").click()
    expect(page.locator("#h-companies ~ .table-wrap tbody tr")).to_have_count(1)
    expect(page.locator("#h-companies ~ .table-wrap")).to_contain_text(
        "10710 Leivän valmistus; tuoreiden leivonnaisten ja kakkujen valmistus"
    )
    page.get_by_label("Nimi tai Y-tunnus").fill("ravintola 1")
    page.get_by_label("Toimiala").select_option("")
    page.get_by_role("button", name="Hae yrityksiä").click()
    expect(page.get_by_role("status").first).to_contain_text("11 yritystä")
    screenshot(page, "matching-companies-search-fi-desktop")


def test_the_company_page_shows_facts_first_and_the_contact_log_says_what_and_who(
    site: LiveSite, page: Page
) -> None:
    project, bakery, _lead, _client = _project(site, page)
    path = f"/p/{project}/matching/companies/{bakery}"
    page.goto(site.url(path))

    expect(page.locator("details.disclosure[open]")).to_have_count(0)
    facts = page.locator("dl.facts").bounding_box()
    first_summary = page.locator("details.disclosure summary").first.bounding_box()
    assert facts is not None and first_summary is not None and facts["y"] < first_summary["y"]
    page.get_by_text("Kirjaa uusi yhteydenotto", exact=True).click()
    page.get_by_label("Yhteydenoton laji").select_option("visit")
    page.get_by_label("Mistä puhuttiin").fill("Sovittiin kahden leipurin työkokeilusta.")
    expect(page.get_by_label("Yhteyden ottaja")).to_have_value(
        page.evaluate("document.querySelector('#made_by').value")
    )
    page.get_by_role("button", name="Kirjaa yhteydenotto").click()
    log = page.locator("ol.timeline")
    expect(log).to_contain_text("Sovittiin kahden leipurin työkokeilusta.")
    expect(log).to_contain_text("Yhteyden otti Kaisa Valmentaja")
    _in_every_language(page, site, path, "company")


def test_occupations_and_languages_are_picked_by_name(site: LiveSite, page: Page) -> None:
    project, _bakery, _lead, client = _project(site, page)
    path = f"/p/{project}/matching/clients/{client}"
    page.goto(site.url(path))

    page.get_by_label("Hae ammattia").fill("kokki")
    page.get_by_role("button", name="Hae", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("ammat")
    page.get_by_label("Hae ammattia").fill("leipomo")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.get_by_label("Hae ammattia").fill("avustavat keittiö")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.get_by_label("Avustavat keittiötyöntekijät (9412)").check()
    page.get_by_label("Ruotsi", exact=True).check()
    page.get_by_role("button", name="Tallenna työnhakuprofiili").click()
    expect(page.get_by_role("status").first).to_contain_text("Työnhakuprofiili tallennettiin")
    expect(page.get_by_label("Leipurit ja kondiittorit (7512)")).to_be_checked()
    expect(page.get_by_label("Avustavat keittiötyöntekijät (9412)")).to_be_checked()

    def named(language: str) -> None:
        expected = {"fi": "Leipurit ja kondiittorit (7512)", "sv": "Bagare och konditorer (7512)",
                    "en": "Bakers, pastry-cooks and confectionery makers (7512)"}  # fmt: skip
        expect(page.get_by_label(expected[language])).to_be_checked()

    _in_every_language(page, site, path, "job-profile", named)


def test_the_lead_page_explains_in_sentences_and_hides_weak_candidates(
    site: LiveSite, page: Page
) -> None:
    project, _bakery, lead, client = _project(site, page)
    path = f"/p/{project}/matching/leads/{lead}"

    def sentences(language: str) -> None:
        rows = page.locator("#h-candidates ~ .table-wrap tbody tr")
        expect(rows).to_have_count(1)
        expected = {"fi": "on yksi asiakkaan tavoiteammateista.",
                    "sv": "är ett av klientens målyrken.",
                    "en": "is one of the client's target occupations."}  # fmt: skip
        expect(rows.first).to_contain_text(expected[language])
        for raw in ("driving_licence", "vastaa:", "puuttuu:", " fi,"):
            expect(rows.first).not_to_contain_text(raw)

    _in_every_language(page, site, path, "lead", sentences)
    page.goto(site.url(path))
    page.get_by_role("link", name="Näytä kaikki verratut asiakkaat (2)").click()
    expect(page.locator("#h-candidates ~ .table-wrap tbody tr")).to_have_count(2)
    assert client


def test_the_reasons_follow_the_answer(site: LiveSite, page: Page) -> None:
    project, _bakery, lead, client = _project(site, page)
    referral = _api(
        page,
        site,
        f"/api/matching/projects/{project}/referrals",
        {"client_id": client, "lead_id": lead, "referred_on": site_today().isoformat()},
    )
    path = f"/p/{project}/matching/referrals/{referral}"
    _in_every_language(page, site, path, "referral")
    page.goto(site.url(path))

    declined = page.locator("#outcome").get_by_role("group", name="Hylätty")
    expect(declined.get_by_label("Palkattu")).to_have_count(0)
    declined.get_by_label("Ajoitus").check()
    page.get_by_role("button", name="Kirjaa vastaus").click()
    expect(page.get_by_role("status").first).to_contain_text("Yrityksen vastaus kirjattiin")
    expect(page.locator("dl.facts")).to_contain_text("Hylätty (Ajoitus")
