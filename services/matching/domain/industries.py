"""TOL 2008 industries: the codes companies are registered with, and their names.

A company's industry is a TOL 2008 section letter or a code of two to five digits
(Statistics Finland's Toimialaluokitus 2008, the national version of NACE Rev. 2). A code
the table lacks (a five-digit code of a class without national subclasses, say) is named
after the nearest group above it, so that a page never shows a bare number.
"""

from __future__ import annotations

from services.matching.domain.classifications import CodeTable, Names

TOL_2008 = CodeTable("tol2008.csv")
"""Sections (A–U), divisions, groups, classes and subclasses, code → names."""

SECTIONS: tuple[tuple[str, int, int], ...] = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88),
    ("R", 90, 93), ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip
"""Each section with its first and last division (NACE Rev. 2's structure)."""


def section_of(code: str) -> str | None:
    """The section (``I``) of a code (``56101``); ``None`` for a code of no section."""
    code = code.strip().upper()
    if len(code) == 1:
        return code if code in TOL_2008 else None
    if len(code) < 2 or not code[:2].isdigit():
        return None
    division = int(code[:2])
    return next((letter for letter, first, last in SECTIONS if first <= division <= last), None)


def names_of(code: str) -> Names | None:
    """The code's names, or those of the nearest group above it; ``None`` if none is known."""
    code = code.strip().upper()
    for length in range(len(code), 1, -1):
        found = TOL_2008.get(code[:length])
        if found is not None:
            return found
    return TOL_2008.get(code) if len(code) == 1 else None


def industry_label(code: str, language: str = "en") -> str:
    """``56101 Ravintolat``: the code with its name in ``language``, or the code alone."""
    names = names_of(code)
    return f"{code} {names.in_language(language)}" if names else code


def industry_codes(language: str) -> list[tuple[str, str]]:
    """Every five-digit code (the most precise) with its name in ``language``."""
    return [
        (code, names.in_language(language)) for code, names in TOL_2008.items() if len(code) == 5
    ]
