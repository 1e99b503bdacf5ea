"""ISCO-08 occupations: the unit groups leads and profiles name, and their names.

Leads and profiles carry a four-digit ISCO-08 unit-group code; an ESCO occupation code
(its URI or its ISCO-based notation, e.g. ``5120.1``) may refine it. The table has every
unit group of ISCO-08 (436) and the groups above them, named as Statistics Finland's
Ammattiluokitus 2010 names them in Finnish, Swedish and English.
"""

from __future__ import annotations

import re

from services.matching.domain.classifications import CodeTable
from services.matching.domain.errors import DomainError

ISCO_08 = CodeTable("isco08.csv", lambda code: len(code) == 4)
"""The 436 unit groups (four digits), code → names; the pick-lists offer these."""
GROUPS = CodeTable("isco08.csv")
"""Every level: major (1 digit), sub-major (2), minor (3) and unit groups (4)."""

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
    """The unit group's name in ``language`` (English by default), else the code itself."""
    names = ISCO_08.get(code)
    return names.in_language(language) if names else code


def group_label(code: str, language: str = "en") -> str:
    """The name of a group at any level (``512`` Cooks' minor group), else the code."""
    names = GROUPS.get(code)
    return names.in_language(language) if names else code
