"""One term for one thing in coaching's catalogues: in-work coaching is "työssävalmennus"
in Finnish and "arbetsplatscoachning" in Swedish wherever it is named, and a goal's state
is its "status" in Swedish."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

import services.coaching.entrypoints as entrypoints

LOCALE = Path(entrypoints.__file__).parent / "locale"


def catalogue(language: str) -> Catalog:
    with (LOCALE / f"{language}.po").open("rb") as po:
        return read_po(po)


def naming_in_work_coaching(catalog: Catalog) -> dict[str, str]:
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and "in-work coaching" in str(m.id).casefold()
    }


def test_finnish_names_in_work_coaching_tyossavalmennus_everywhere() -> None:
    named = naming_in_work_coaching(catalogue("fi"))

    assert len(named) >= 8
    assert {m: t for m, t in named.items() if "työssävalmennu" not in t.casefold()} == {}
    assert [
        str(m.string) for m in catalogue("fi") if "työhönvalmennu" in str(m.string).casefold()
    ] == []


def test_swedish_names_in_work_coaching_arbetsplatscoachning_everywhere() -> None:
    catalog = catalogue("sv")
    named = naming_in_work_coaching(catalog)

    assert len(named) >= 8
    assert {m: t for m, t in named.items() if "arbetsplatscoachning" not in t.casefold()} == {}
    assert [str(m.string) for m in catalog if " i arbetet" in str(m.string)] == [
        "Fortsätter i arbetet"  # a follow-on: staying in the job, not the coaching's name
    ]


def test_swedish_calls_a_goals_situation_its_status() -> None:
    assert catalogue("sv").get("Situation").string == "Status"
