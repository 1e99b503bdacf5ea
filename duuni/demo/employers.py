"""Employers: the local companies, their contact people, contacts and needs, and job leads.

Companies are named as they would be in the area (Swedish names in the bilingual towns),
each with a valid Business ID; the coach of the company's area records the work. Leads
are the hidden, gig and open jobs the coaches find at these companies.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial

from duuni.demo.accounts import COACH_OF, MUNICIPALITIES
from duuni.demo.draws import day_between, pick
from duuni.demo.people import FIRST_NAMES_FI, LAST_NAMES_FI, SWEDISH_SPEAKING, ascii_name
from duuni.demo.records import Company, Lead, Trade
from duuni.demo.scenario import Scenario, Step

TRADES = (
    Trade("Leipomo", "Bageri", "10710", ("7512", "9412", "5223"), ("hygieniapassi",)),
    Trade("Kiinteistöhuolto", "Fastighetsservice", "81100", ("9622", "7126", "9112"), ()),
    Trade("Siivouspalvelu", "Städservice", "81210", ("9112",), ("puhdistuspalvelu",)),
    Trade("Kuljetus", "Transport", "49410", ("8332", "8322", "9333"), ("C-ajokortti",)),
    Trade("Rautakauppa", "Järnhandel", "47521", ("5223", "4321", "5230"), ("asiakaspalvelu",)),
    Trade("Puutarha", "Trädgård", "01300", ("6113", "9214"), ()),
    Trade("Ravintola", "Restaurang", "56101", ("5120", "5131", "9412"), ("hygieniapassi",)),
    Trade("Hoivakoti", "Vårdhem", "87301", ("5321", "5322", "9112"), ("lääkelupa",)),
    Trade("Konepaja", "Verkstad", "25620", ("7212", "9329", "8344"), ("trukkikortti",)),
    Trade("Autokorjaamo", "Bilverkstad", "45201", ("7231",), ()),
    Trade("Rakennus", "Bygg", "41200", ("7115", "9313", "7112"), ("työturvallisuuskortti",)),
    Trade("Sähkö", "El", "43210", ("7411",), ("sähköturvallisuus",)),
    Trade("Tilitoimisto", "Bokföringsbyrå", "69201", ("3313", "4110"), ("excel",)),
    Trade("Logistiikka", "Logistik", "52100", ("4321", "8344", "9321"), ("trukkikortti",)),
    Trade("Vartiointi", "Bevakning", "80100", ("5414",), ("vartijakortti",)),
    Trade("Kampaamo", "Frisersalong", "96021", ("5141",), ()),
    Trade("Elintarvike", "Livsmedel", "10890", ("8160", "9321"), ("hygieniapassi",)),
    Trade("Asiakaspalvelu", "Kundtjänst", "82200", ("4222",), ("asiakaspalvelu",)),
    Trade("IT-tuki", "IT-support", "62090", ("3512",), ("microsoft 365",)),
    Trade("Päiväkoti", "Daghem", "88911", ("5311",), ()),
)
GENITIVE = dict(
    zip(MUNICIPALITIES, ("Lohjan", "Vihdin", "Raaseporin", "Hangon", "Karkkilan"), strict=True)
)
SWEDISH_PLACE = {"Raasepori": "Raseborgs", "Hanko": "Hangö"}
COMPANY_SHARES = dict(zip(MUNICIPALITIES, (35, 20, 20, 12, 13), strict=True))
"""Where the companies are, in per cent."""
LEAD_KINDS = (
    ("hidden_job", 35),
    ("gig_job", 20),
    ("open_vacancy", 20),
    ("work_trial", 15),
    ("apprenticeship", 10),
)


def business_id(rng: random.Random, taken: set[str]) -> str:
    """A valid Finnish Business ID (Y-tunnus), its check digit computed from the weights."""
    while True:
        digits = f"{rng.randrange(2_000_000, 3_300_000):07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True))
        remainder %= 11
        if remainder == 1:
            continue
        found = f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        if found not in taken:
            taken.add(found)
            return found


def coach_of_area(municipality: str) -> str:
    """Who works with the companies of a municipality."""
    return COACH_OF.get(municipality, "kaisa")


def company_work(demo: Scenario) -> list[Step]:
    """Register the companies in the order they were first contacted, with what followed."""
    rng = demo.rng
    _plan_companies(demo)
    ids: set[str] = set()
    steps: list[Step] = []
    for company in demo.companies:
        steps.append(partial(_register, demo, company, business_id(rng, ids)))
        if rng.random() < 0.5:
            steps.append(partial(_contact_person, demo, company))
        later = (
            day_between(rng, company.first_contact, demo.today - timedelta(days=3))
            for _ in range(rng.randint(0, 3))
        )
        for n, day in enumerate([company.first_contact, *sorted(later)]):
            kind = pick(rng, (("visit", 35), ("call", 35), ("email", 20), ("event", 10)))
            steps.append(partial(_contact, demo, company, day, kind, n))
        relation = pick(rng, (("cooperating", 60), ("supported", 22), ("", 18)))
        if relation:
            steps.append(partial(_relation, demo, company, relation))
        if rng.random() < 0.4:
            need = pick(
                rng,
                (("recruitment", 35), ("seasonal_staff", 15), ("work_trial", 15),
                 ("apprenticeship", 10), ("wage_subsidy_advice", 15), ("training", 10)),
            )  # fmt: skip
            occupation = rng.choice(company.kind.occupations)
            headcount = rng.randint(1, 4)
            steps.append(partial(_need, demo, company, need, occupation, headcount))
    return steps


def _plan_companies(demo: Scenario) -> None:
    """A company for every five clients (12 to 60), each with a name unique in the demo."""
    rng = demo.rng
    count = max(12, min(60, demo.size // 5))
    taken_names: set[str] = set()
    while len(demo.companies) < count:
        municipality = pick(rng, tuple(COMPANY_SHARES.items()))
        trade = rng.choice(TRADES)
        style = rng.random()
        if municipality in SWEDISH_PLACE and style < 0.5:
            name = f"{SWEDISH_PLACE[municipality]} {trade.name_sv} Ab"
        elif style < 0.6:
            name = f"{GENITIVE[municipality]} {trade.name_fi} Oy"
        else:
            name = f"{trade.name_fi} {rng.choice(LAST_NAMES_FI)} Oy"
        if name in taken_names:
            continue
        taken_names.add(name)
        first = day_between(rng, demo.first_day, demo.today - timedelta(days=20))
        demo.companies.append(Company(len(demo.companies), name, municipality, trade, first))
    demo.companies.sort(key=lambda c: c.first_contact)


def _register(demo: Scenario, company: Company, code: str) -> None:
    body = {
        "business_id": code,
        "trade_name": company.name,
        "industry": company.kind.industry,
        "municipality": company.municipality,
        "size_class": pick(demo.rng, (("micro", 55), ("small", 30), ("medium", 12), ("large", 3))),
        "registered_on": company.first_contact.isoformat(),
        "submission_id": demo.sid("company", company.index),
    }
    coach = coach_of_area(company.municipality)
    company.company_id = demo.api.post(coach, demo.url("matching", "/companies"), body)["id"]


def _contact_person(demo: Scenario, company: Company) -> None:
    rng = demo.rng
    first = rng.choice(dict(FIRST_NAMES_FI)[rng.choice(("female", "male"))].split())
    last = rng.choice(LAST_NAMES_FI)
    body = {
        "full_name": f"{first} {last}",
        "job_title": rng.choice(
            ("toimitusjohtaja", "HR-päällikkö", "tuotantopäällikkö", "yrittäjä", "esihenkilö")
        ),
        "email": f"{ascii_name(first)}.{ascii_name(last)}@example.fi",
        "submission_id": demo.sid("contact-person", company.index),
    }
    url = demo.url("matching", f"/companies/{company.company_id}/contacts")
    company.contact_id = demo.api.post(coach_of_area(company.municipality), url, body)["id"]


def _contact(demo: Scenario, company: Company, day: date, kind: str, n: int) -> None:
    body = {
        "kind": kind,
        "contacted_on": day.isoformat(),
        "contact_id": company.contact_id,
        "submission_id": demo.sid("contact", company.index, n),
    }
    url = demo.url("matching", f"/companies/{company.company_id}/contact-log")
    demo.api.post(coach_of_area(company.municipality), url, body)


def _relation(demo: Scenario, company: Company, relation: str) -> None:
    body = {"relation": relation, "since": company.first_contact.isoformat()}
    url = demo.url("matching", f"/companies/{company.company_id}/relation")
    demo.api.post(coach_of_area(company.municipality), url, body)


def _need(demo: Scenario, company: Company, need: str, occupation: str, headcount: int) -> None:
    body = {
        "need": need,
        "occupation_code": occupation,
        "headcount": headcount,
        "recorded_on": company.first_contact.isoformat(),
        "submission_id": demo.sid("need", company.index),
    }
    url = demo.url("matching", f"/companies/{company.company_id}/needs")
    demo.api.post(coach_of_area(company.municipality), url, body)


def lead_work(demo: Scenario) -> list[Step]:
    """Enough leads for every placement and more; most are marked open when found."""
    rng = demo.rng
    placements = sum(1 for c in demo.clients if c.placement_on is not None)
    count = max(len(demo.companies) * 2, placements + demo.size // 6)
    for index in range(count):
        company = rng.choice(demo.companies)
        since = company.first_contact
        if rng.random() < 0.2:  # a fresh crop still looking for someone
            since = max(since, demo.today - timedelta(days=45))
        found = day_between(rng, since, demo.today - timedelta(days=2))
        kind = pick(rng, LEAD_KINDS)
        lasts = 14 if kind == "gig_job" else rng.randint(30, 90)
        occupation = rng.choice(company.kind.occupations)
        demo.leads.append(Lead(index, company, kind, occupation, found, lasts))
    demo.leads.sort(key=lambda lead: lead.found_on)
    steps: list[Step] = [partial(_record_lead, demo, lead) for lead in demo.leads]
    for lead in demo.leads:
        if rng.random() < 0.6:
            steps.append(partial(lead_status, demo, lead, "open", lead.found_on))
    return steps


def _record_lead(demo: Scenario, lead: Lead) -> None:
    rng = demo.rng
    company = lead.company
    working_time = {"gig_job": "gig"}.get(
        lead.kind, pick(rng, (("full_time", 60), ("part_time", 40)))
    )
    languages = ["fi", "sv"] if company.municipality in SWEDISH_SPEAKING else ["fi"]
    body = {
        "company_id": company.company_id,
        "kind": lead.kind,
        "occupation_code": lead.occupation,
        "municipality": company.municipality,
        "working_time": working_time,
        "found_on": lead.found_on.isoformat(),
        "starts_on": (lead.found_on + timedelta(days=rng.randint(7, 30))).isoformat(),
        "wage_subsidy_eligible": rng.random() < 0.3,
        "required_skills": list(company.kind.skills),
        "required_languages": languages,
        "driving_licence_required": company.kind.industry in ("49410", "81100")
        or rng.random() < 0.1,
        "submission_id": demo.sid("lead", lead.index),
    }
    url = demo.url("matching", "/leads")
    lead.lead_id = demo.api.post(coach_of_area(company.municipality), url, body)["id"]


def lead_status(demo: Scenario, lead: Lead, status: str, day: date) -> None:
    """A lead opened, filled, closed or expired on ``day``."""
    body = {"status": status, "changed_on": day.isoformat()}
    url = demo.url("matching", f"/leads/{lead.lead_id}/status")
    demo.api.post(coach_of_area(lead.company.municipality), url, body)
    lead.status = status
