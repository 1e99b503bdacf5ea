"""Occupations and languages picked by name on the pages, without JavaScript (entrypoint layer).

A coach finds an occupation by a word of its name (or its code) and ticks it; languages
are ticked by their names. The form posts every ticked code under one name; a value kept
for the form again joins them with commas, as the stored profile shows them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from services.matching.domain.classifications import search
from services.matching.domain.occupations import ISCO_08, label_of
from services.matching.domain.vocabulary import LANGUAGE_CODES
from services.matching.entrypoints.pages.explaining import language_name
from shared.web.forms import FormReader

SHOWN_AT_MOST = 40
"""Search results shown at once: more than this asks for another word."""
MULTIPLE = ("target_occupations", "languages", "required_languages")
"""The form fields that post several codes."""


def codes_of(value: str | None) -> list[str]:
    """The codes of a value kept as ``5120,9412`` (or typed as ``5120, 9412``)."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def chosen(form: FormReader, name: str) -> list[str]:
    """Every code the form posted under ``name``: ticked boxes, or a comma-separated value."""
    return [code for value in form.every(name) for code in codes_of(value)]


def kept_values(form: FormReader) -> dict[str, str]:
    """The form's values to show it again: the codes of a multiple field joined."""
    return {**form.values, **{name: ",".join(chosen(form, name)) for name in MULTIPLE}}


@dataclasses.dataclass(frozen=True, slots=True)
class Found:
    """A search's first codes, and how many there were."""

    codes: list[str]
    total: int


@dataclasses.dataclass(frozen=True, slots=True)
class Picking:
    """The pick-lists of one reader's language."""

    language: str

    def occupation_name(self, code: str) -> str:
        """``Kokit (5120)``: the name first, so that a list reads (and sorts) by it."""
        return f"{label_of(code, self.language)} ({code})"

    def find_occupations(self, query: str) -> Found:
        found = search(ISCO_08, query, self.language)
        return Found(found[:SHOWN_AT_MOST], len(found))

    def occupation_choices(self, codes: Iterable[str]) -> list[tuple[str, str]]:
        return [(code, self.occupation_name(code)) for code in codes]

    def language_choices(self, codes: Iterable[str]) -> list[tuple[str, str]]:
        """The common languages and any other chosen, by name in the reader's language."""
        offered = set(LANGUAGE_CODES) | set(codes)
        named = [(code, _capitalised(language_name(code, self.language))) for code in offered]
        return sorted(named, key=lambda option: option[1].casefold())

    def helpers(self) -> dict[str, object]:
        """What the templates call."""
        return {
            "codes_of": codes_of,
            "occupation_name": self.occupation_name,
            "find_occupations": self.find_occupations,
            "occupation_choices": self.occupation_choices,
            "language_choices": self.language_choices,
        }


def _capitalised(name: str) -> str:
    """``suomi`` as a label of its own: ``Suomi``."""
    return name[:1].upper() + name[1:]
