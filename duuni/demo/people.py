"""Synthetic participants: names, Finnish identity codes and the enrolment form of each.

Everyone is made up, but realistic enough for intake's validation: over 50 in
DuuniAgentti, identity codes with a correct check character, Swedish speakers in the
bilingual towns, and the mix of statuses and backgrounds an ESF project reports on.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import Any

from duuni.demo.accounts import COACH_OF, COACHES, PROJECT
from duuni.demo.draws import pick
from duuni.demo.records import Participant
from duuni.demo.scenario import Scenario

SWEDISH_SPEAKING = ("Raasepori", "Hanko")
CONSENT_VERSION = "2024-01"
FIRST_NAMES_FI = (
    ("female", "Aila Anne Arja Eija Helena Hilkka Irma Jaana Kirsi Leila Liisa Maarit Marja "
     "Merja Mirja Paula Pirjo Raija Riitta Sari Seija Sirpa Tarja Tuula Ulla"),
    ("male", "Antero Ari Erkki Esa Hannu Heikki Jari Jorma Juha Jukka Kari Kalevi Markku "
     "Matti Pasi Pekka Petri Raimo Reijo Risto Seppo Tapio Timo Vesa"),
)  # fmt: skip
FIRST_NAMES_SV = (
    ("female", "Anita Birgitta Carina Eva Gunilla Ingrid Kristina Margareta Monica Ulrika"),
    ("male", "Bengt Björn Göran Håkan Lars Mats Nils Rolf Stefan Sven"),
)
LAST_NAMES_FI = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
    "Aaltonen",
    "Manninen",
]
LAST_NAMES_SV = [
    "Lindqvist",
    "Nyström",
    "Holmberg",
    "Eriksson",
    "Lindroos",
    "Westerlund",
    "Sjöberg",
    "Grönroos",
    "Lindholm",
    "Forsman",
]
ENTRY_ROUTES = (
    ("employment_office_referral", 40),
    ("guidance_point", 30),
    ("self_referral", 20),
    ("municipality", 10),
)
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def identity_code(born: date, individual: int) -> str:
    """A synthetic Finnish personal identity code with its check character (intake validates it)."""
    ddmmyy = born.strftime("%d%m%y")
    sign = "-" if born.year < 2000 else "A"
    check = CHECK_CHARACTERS[int(f"{ddmmyy}{individual:03d}") % 31]
    return f"{ddmmyy}{sign}{individual:03d}{check}"


def ascii_name(text: str) -> str:
    """A name as it appears in an e-mail address: no accents, lower case."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def person(
    demo: Scenario, index: int, project: str, entered: date, municipality: str
) -> Participant:
    """Someone who enrols on ``entered``, with the form intake takes and a coach of the area."""
    rng = demo.rng
    swedish = municipality in SWEDISH_SPEAKING and rng.random() < 0.45
    gender = pick(rng, (("female", 53), ("male", 45), ("non_binary", 1), ("other", 1)))
    names = FIRST_NAMES_SV if swedish else FIRST_NAMES_FI
    first = rng.choice(dict(names)["male" if gender == "male" else "female"].split())
    last = rng.choice(LAST_NAMES_SV if swedish else LAST_NAMES_FI)
    if gender == "other":
        gender = "prefer_not_to_say"
    min_age = 50 if project == PROJECT else 20
    born = entered - timedelta(days=rng.randint(min_age * 365 + 40, 63 * 365))
    code = _unused_code(demo, born)
    form: dict[str, Any] = {
        "identity_code": code,
        "first_name": first,
        "last_name": last,
        "email": f"{ascii_name(first)}.{ascii_name(last)}{index}@example.fi",
        "language": "sv" if swedish else "fi",
        **_labour_market(demo, entered),
        "consent_version": CONSENT_VERSION,
        "consented_at": datetime.combine(entered, datetime.min.time(), UTC)
        .replace(hour=rng.randint(7, 12))
        .isoformat(),
        "entry_date": entered.isoformat(),
        "entry_route": pick(rng, ENTRY_ROUTES),
        "gender": gender,
        "education": pick(rng, (("isced_0_2", 22), ("isced_3_4", 50), ("isced_5_8", 28))),
        "municipality": municipality,
        "sensitive": {
            "disability": pick(rng, (("no", 70), ("yes", 8), ("declined", 7), ("not_asked", 15))),
            "foreign_background": pick(rng, (("no", 80), ("yes", 6), ("not_asked", 14))),
        },
        "submission_id": demo.sid(project, "enrol", index),
    }
    coach = COACH_OF.get(municipality, "olli")
    if project == PROJECT and rng.random() < 0.2:
        coach = rng.choice(COACHES)
    return Participant(index, project, form, coach, entered, demo.today)


def _unused_code(demo: Scenario, born: date) -> str:
    """An identity code nobody in the demo has yet."""
    code = identity_code(born, demo.rng.randint(2, 899))
    while code in demo.used_codes:
        code = identity_code(born, demo.rng.randint(2, 899))
    demo.used_codes.add(code)
    return code


def _labour_market(demo: Scenario, entered: date) -> dict[str, str | None]:
    """Status on entry; most are unemployed, six in ten of them for over a year."""
    rng = demo.rng
    status = pick(
        rng,
        (("unemployed", 84), ("employed", 5), ("self_employed", 2), ("inactive", 6),
         ("in_education", 3)),
    )  # fmt: skip
    since = None
    if status == "unemployed":
        long_term = rng.random() < 0.6
        since = entered - timedelta(
            days=rng.randint(366, 2200) if long_term else rng.randint(30, 360)
        )
    return {
        "labour_market_status": status,
        "unemployed_since": since.isoformat() if since else None,
    }
