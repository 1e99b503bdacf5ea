"""The code tables matching names its codes with, the sentences of a match, and lists cut
into pages: every ISCO-08 unit group and TOL 2008 code has a name in three languages."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.domain.industries import TOL_2008, industry_label, section_of
from services.matching.domain.occupations import ISCO_08, group_label, label_of
from services.matching.domain.profile import JobProfile
from services.matching.domain.scoring import compile_profile, explain, lead_needs
from services.matching.domain.vocabulary import SizeClass, WorkingTime
from services.matching.entrypoints.pages.explaining import SENTENCES, Explainer, language_name
from services.matching.service_layer.listing import CompanyFilter, find_companies, page_of
from services.matching.service_layer.views import CompanyView


def test_every_isco_08_unit_group_is_named_in_finnish_swedish_and_english() -> None:
    assert len(ISCO_08) == 436
    for names in ISCO_08.values():
        assert names.fi and names.sv and names.en
    assert [label_of("5120", lang) for lang in ("fi", "sv", "en")] == [
        "Ravintola- ja suurtaloustyöntekijät",
        "Restaurang- och storhushållspersonal",
        "Cooks",
    ]
    assert sum(1 for n in ISCO_08.values() if n.sv == n.en) < 10
    assert group_label("512", "sv") == "Restaurang- och storhushållspersonal"


def test_every_code_the_demo_and_the_forms_use_has_an_industry_name() -> None:
    demo = "10711 81100 81210 49410 47521 01300 56101 87300 25620 45200 41200 43210 69200"
    demo += " 52100 80100 96021 10890 82200 62090 88911 10710 47110 25"
    for code in demo.split():
        for language in ("fi", "sv", "en"):
            assert industry_label(code, language) != code, (code, language)
    assert industry_label("82200", "fi") == "82200 Puhelinpalvelukeskusten toiminta"
    assert industry_label("45200", "sv").startswith("45200 Underhåll och reparation av motorfordon")
    assert (section_of("56101"), section_of("C"), section_of("x")) == ("I", "C", None)
    assert all(len(code) <= 5 for code in TOL_2008)


def test_languages_are_named_in_the_readers_language() -> None:
    assert [language_name("sv", lang) for lang in ("fi", "sv", "en")] == [
        "ruotsi",
        "svenska",
        "Swedish",
    ]


@pytest.mark.parametrize(("part", "reason"), sorted(SENTENCES))
def test_each_reason_of_a_part_has_a_sentence(part: str, reason: str) -> None:
    assert SENTENCES[part, reason].endswith(".")


def test_a_match_is_explained_in_sentences_with_names() -> None:
    lead = lead_needs("l", "7512", "Lohja", WorkingTime.FULL_TIME, ["driving_licence"], ["sv"])
    client = compile_profile(
        JobProfile(client_id="c", target_occupations=frozenset({"7513"}), languages=frozenset())
    )
    parts = explain(lead, client).parts
    sentences = [Explainer(lambda text: text, "en").sentence(part) for part in parts]

    assert sentences == [
        "The client's target occupation 7513 Dairy-products makers is closely related to the "
        "job's occupation, 7512 Bakers, pastry-cooks and confectionery makers: both belong to "
        "the group Food processing and related trades workers.",
        "The client has none of the skills the job requires (driving licence).",
        "Lohja is outside the client's commuting reach.",
        "The job's working time (full-time) is what the client is looking for.",
        "The client speaks none of the languages the job requires (Swedish).",
    ]


def _company(name: str, industry: str) -> CompanyView:
    return CompanyView(
        company_id=name, project_id="A", business_id="0112038-9", trade_name=name,
        industry=industry, municipality="Lohja", size_class=SizeClass.MICRO,
        registered_on=date(2026, 1, 1),
    )  # fmt: skip


def test_lists_come_a_page_at_a_time_and_companies_are_found_by_name() -> None:
    page = page_of(list(range(45)), 3)
    assert (page.items, page.number, page.pages, page.first, page.last) == (
        list(range(40, 45)), 3, 3, 41, 45,
    )  # fmt: skip
    assert page_of([], 5).pages == 1 and page_of(list(range(5)), 0).number == 1
    found = [_company("Lohjan Leipomo Oy", "10710"), _company("Ravintola Åke", "56101")]
    assert find_companies(found, {}, CompanyFilter(text="åKE")) == found[1:]
    assert find_companies(found, {}, CompanyFilter(section="C")) == found[:1]
    assert (
        find_companies(found, {"Ravintola Åke": 2}, CompanyFilter(open_leads_only=True))
        == (found[1:])
    )
