"""Occupations and languages picked by name, candidates above a threshold, explanations as
sentences, and the reasons of a referral's answer grouped under it, on the pages."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.matching.builders import (
    TODAY,
    company_form,
    created,
    enrolled,
    lead_form,
    profile_form,
    settle,
    sign_in,
)

PAGES = "/p/A/matching"
API = "/api/matching/projects/A"


def test_a_coach_finds_occupations_by_name_and_ticks_them_with_languages(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrolled(data_dir)
    settle(app)
    page = f"{PAGES}/clients/{client_id}"
    form = {"csrf_token": headers["X-CSRF-Token"], "working_time": "any", "skills": "excel"}

    found = app.post(f"{page}/profile", data={**form, "occupation_q": "leipur", "refine": "x"})

    assert found.status_code == 200
    assert "Leipurit ja kondiittorit (7512)" in found.text and 'value="excel"' in found.text
    assert app.get(f"{API}/clients/{client_id}/profile").status_code == 404
    saved = app.post(
        f"{page}/profile",
        follow_redirects=False,
        data={**form, "target_occupations": ["7512", "9412"], "languages": ["fi", "sv"]},
    )
    assert saved.status_code == 303
    profile = app.get(f"{API}/clients/{client_id}/profile").json()
    assert (profile["target_occupations"], profile["languages"]) == (["7512", "9412"], ["fi", "sv"])
    html = app.get(page).text
    for code in ("7512", "9412"):
        assert re.search(rf'id="target_occupations-{code}"[^>]*checked', html)
    assert re.search(r'id="languages-sv"[^>]*checked', html) and ">Ruotsi</label>" in html
    app.cookies.set("duuni_lang", "sv")
    swedish = app.get(page).text
    assert "Bagare och konditorer (7512)" in swedish and ">Svenska</label>" in swedish


def test_the_search_for_an_occupation_says_when_nothing_matches(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrolled(data_dir)
    settle(app)
    found = app.post(
        f"{PAGES}/clients/{client_id}/profile",
        data={"csrf_token": headers["X-CSRF-Token"], "occupation_q": "zzz", "refine": "x"},
    )
    assert "Hakusanalla ”zzz” ei löytynyt ammatteja." in found.text


def _lead_with_two_candidates(app: TestClient, data_dir: Path) -> tuple[str, str, str]:
    headers = sign_in(app, "coach-a")
    good, poor = enrolled(data_dir), enrolled(data_dir)
    settle(app)
    for client_id, changes in (
        (good, {"languages": ["fi"]}),
        (poor, {"target_occupations": ["2512"], "municipalities": ["Oulu"], "skills": []}),
    ):
        url = f"{API}/clients/{client_id}/profile"
        assert app.put(url, json=profile_form(**changes), headers=headers).status_code == 200
    company_id = created(app.post(f"{API}/companies", json=company_form(), headers=headers))
    lead = lead_form(company_id, required_languages=["fi", "sv"], driving_licence_required=True)
    lead_id = created(app.post(f"{API}/leads", json=lead, headers=headers))
    return lead_id, good, poor


def test_candidates_below_the_threshold_wait_behind_show_all(
    app: TestClient, data_dir: Path
) -> None:
    lead_id, good, poor = _lead_with_two_candidates(app, data_dir)

    html = app.get(f"{PAGES}/leads/{lead_id}").text
    everyone = app.get(f"{PAGES}/leads/{lead_id}", params={"all": "yes"}).text

    assert f"/clients/{good}" in html and f"/clients/{poor}" not in html
    assert "Heistä yksi saa vähintään 50 pistettä sadasta." in html
    assert "Näytä kaikki verratut asiakkaat (2)" in html
    assert f"/clients/{good}" in everyone and f"/clients/{poor}" in everyone


def test_the_explanations_are_sentences_with_names_not_codes(
    app: TestClient, data_dir: Path
) -> None:
    lead_id, _good, _poor = _lead_with_two_candidates(app, data_dir)

    html = app.get(f"{PAGES}/leads/{lead_id}").text

    assert "Työn ammatti 7512 Leipurit ja kondiittorit on yksi asiakkaan tavoiteammateista." in html
    assert "mutta häneltä puuttuu ajokortti." in html
    assert "Asiakas osaa osan työssä vaadittavista kielistä (suomi), mutta ei kaikkia" in html
    assert "Lohja on asiakkaan työssäkäyntialueella." in html
    for raw in ("driving_licence", "vastaa:", "puuttuu:"):
        assert raw not in html
    app.cookies.set("duuni_lang", "sv")
    swedish = app.get(f"{PAGES}/leads/{lead_id}").text
    assert "Jobbets yrke, 7512 Bagare och konditorer, är ett av klientens målyrken." in swedish
    assert "men saknar körkort." in swedish and "(finska), men inte svenska." in swedish


def _referral(app: TestClient, data_dir: Path) -> tuple[dict[str, str], str]:
    lead_id, good, _poor = _lead_with_two_candidates(app, data_dir)
    headers = sign_in(app, "coach-a")
    referral = {"client_id": good, "lead_id": lead_id, "referred_on": TODAY.isoformat()}
    return headers, created(app.post(f"{API}/referrals", json=referral, headers=headers))


def test_the_reasons_of_an_answer_are_listed_under_it(app: TestClient, data_dir: Path) -> None:
    _headers, referral_id = _referral(app, data_dir)

    html = app.get(f"{PAGES}/referrals/{referral_id}").text
    groups = dict(re.findall(r"<legend>([^<]+)</legend>((?:(?!</fieldset>).)*)", html, re.S))

    assert 'value="accepted:hired"' in groups["Hyväksytty"]
    assert "hired" not in groups["Hylätty"] and 'value="declined:timing"' in groups["Hylätty"]
    assert 'value="no_answer:no_response"' in groups["Ei vastausta"]


def test_a_reason_of_another_answer_is_refused_at_the_choice(
    app: TestClient, data_dir: Path
) -> None:
    headers, referral_id = _referral(app, data_dir)
    page = f"{PAGES}/referrals/{referral_id}"
    data = {"csrf_token": headers["X-CSRF-Token"], "answered_on": TODAY.isoformat()}

    refused = app.post(f"{page}/answer", data={**data, "outcome": "declined:hired"})
    answered = app.post(f"{page}/answer", data={**data, "outcome": "declined:timing"})

    assert refused.status_code == 422 and 'href="#outcome"' in refused.text
    assert "Tämä syy ei sovi tähän vastaukseen" in refused.text
    assert answered.status_code == 200 and "Yrityksen vastaus kirjattiin." in answered.text
    [referral] = app.get(f"{API}/referrals").json()
    assert (referral["answer"], referral["reason"]) == ("declined", "timing")
