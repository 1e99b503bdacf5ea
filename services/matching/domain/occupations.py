"""A small ISCO-08 table of the occupations coaching projects meet most (unit groups).

Leads and profiles carry a four-digit ISCO-08 unit-group code; an ESCO occupation code
(its URI or its ISCO-based notation, e.g. ``5120.1``) may refine it. Codes outside this
table are accepted when they have the ISCO shape: the table only gives labels and the
pick-list of the pages, never a limit on what a coach can record.
"""

from __future__ import annotations

import re

from services.matching.domain.errors import DomainError

ISCO_08: dict[str, tuple[str, str]] = {
    # code: (English label, Finnish label)
    "1120": ("Managing directors and chief executives", "Toimitusjohtajat ja pääjohtajat"),
    "2166": ("Graphic and multimedia designers", "Graafiset ja multimediasuunnittelijat"),
    "2221": ("Nursing professionals", "Sairaanhoitajat"),
    "2512": ("Software developers", "Sovellussuunnittelijat"),
    "3118": ("Draughtspersons", "Piirtäjät"),
    "3313": ("Accounting associate professionals", "Kirjanpitäjät"),
    "3322": ("Commercial sales representatives", "Myyntiedustajat"),
    "3341": ("Office supervisors", "Toimistotyön esimiehet"),
    "3412": ("Social work associate professionals", "Sosiaalialan ohjaajat"),
    "3512": ("ICT user support technicians", "Käytön tukihenkilöt"),
    "4110": ("General office clerks", "Toimistotyöntekijät"),
    "4222": ("Contact centre information clerks", "Asiakaspalvelukeskuksen neuvojat"),
    "4321": ("Stock clerks", "Varastonhoitajat"),
    "4323": ("Transport clerks", "Kuljetuksen toimistotyöntekijät"),
    "5120": ("Cooks", "Kokit"),
    "5131": ("Waiters", "Tarjoilijat"),
    "5141": ("Hairdressers", "Kampaajat ja parturit"),
    "5223": ("Shop sales assistants", "Myyjät"),
    "5230": ("Cashiers and ticket clerks", "Kassanhoitajat ja lipunmyyjät"),
    "5311": ("Child care workers", "Lastenhoitajat"),
    "5321": ("Health care assistants", "Lähihoitajat"),
    "5322": ("Home-based personal care workers", "Kotityöntekijät"),
    "5414": ("Security guards", "Vartijat"),
    "6113": ("Gardeners, horticultural and nursery growers", "Puutarhurit"),
    "7112": ("Bricklayers and related workers", "Muurarit"),
    "7115": ("Carpenters and joiners", "Kirvesmiehet ja rakennuspuusepät"),
    "7126": ("Plumbers and pipe fitters", "Putkiasentajat"),
    "7212": ("Welders and flame cutters", "Hitsaajat ja kaasuleikkaajat"),
    "7231": ("Motor vehicle mechanics and repairers", "Moottoriajoneuvojen asentajat"),
    "7411": ("Building and related electricians", "Rakennussähköasentajat"),
    "7512": ("Bakers, pastry-cooks and confectionery makers", "Leipurit ja kondiittorit"),
    "8160": ("Food products machine operators", "Elintarvikeprosessityöntekijät"),
    "8322": ("Car, taxi and van drivers", "Henkilö- ja pakettiautonkuljettajat"),
    "8332": ("Heavy truck and lorry drivers", "Raskaiden moottoriajoneuvojen kuljettajat"),
    "8344": ("Lifting truck operators", "Trukinkuljettajat"),
    "9112": ("Office, hotel and other cleaners", "Toimistosiivoojat"),
    "9121": ("Hand launderers and pressers", "Pesulatyöntekijät"),
    "9214": ("Garden and horticultural labourers", "Puutarhatyöntekijät"),
    "9313": ("Building construction labourers", "Rakennustyöntekijät"),
    "9321": ("Hand packers", "Pakkaajat"),
    "9329": ("Manufacturing labourers n.e.c.", "Teollisuuden avustavat työntekijät"),
    "9333": ("Freight handlers", "Ahtaajat ja muut rahdinkäsittelijät"),
    "9412": ("Kitchen helpers", "Keittiöapulaiset"),
    "9621": ("Messengers, package deliverers and luggage porters", "Lähetit ja jakelijat"),
    "9622": ("Odd job persons", "Muut avustavat työntekijät"),
}  # fmt: skip
"""ISCO-08 unit groups (ILO 2012) with the labels of Statistics Finland's Ammattiluokitus 2010."""

_ISCO = re.compile(r"^[0-9][1-9][1-9][0-9]$")
"""An ISCO-08 unit group: four ASCII digits whose sub-major and minor group digits are
never 0 (armed forces are 0110, 0210, 0310; ``0000`` names no occupation)."""


def check_isco(code: str) -> str:
    """The code stripped; raises ``invalid_occupation_code`` unless it can be a unit group."""
    code = code.strip()
    if not _ISCO.match(code):
        raise DomainError("invalid_occupation_code", code)
    return code


def label_of(code: str, language: str = "en") -> str:
    """The label of a code in the table (Finnish for ``fi``), else the code itself."""
    labels = ISCO_08.get(code)
    if labels is None:
        return code
    return labels[1] if language == "fi" else labels[0]
