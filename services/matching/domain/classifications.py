"""Names of the classified codes matching records, in Finnish, Swedish and English.

Leads, profiles and needs carry ISCO-08 unit groups and companies a TOL 2008 industry:
codes, so that events stay language-free. The names come from Statistics Finland's
classifications, shipped as data (``data/README.md`` names the source). A table is read
on its first use, once per process, not at import.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclasses.dataclass(frozen=True, slots=True)
class Names:
    """One code's name in each of the site's languages."""

    fi: str
    sv: str
    en: str

    def in_language(self, language: str) -> str:
        """The name in ``language`` (``fi``, ``sv``), English otherwise."""
        return {"fi": self.fi, "sv": self.sv}.get(language, self.en)


@functools.cache
def _read(filename: str) -> dict[str, Names]:
    with (DATA / filename).open(encoding="utf-8", newline="") as rows:
        return {row["code"]: Names(row["fi"], row["sv"], row["en"]) for row in csv.DictReader(rows)}


class CodeTable(Mapping[str, Names]):
    """The codes of one data file (those ``keep`` accepts), read when first asked."""

    def __init__(self, filename: str, keep: Callable[[str], bool] = lambda _code: True) -> None:
        self._filename = filename
        self._keep = keep

    @functools.cached_property
    def _names(self) -> dict[str, Names]:
        return {code: names for code, names in _read(self._filename).items() if self._keep(code)}

    def __getitem__(self, code: str) -> Names:
        return self._names[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def folded(text: str) -> str:
    """Text as a search compares it: case and spacing ignored."""
    return " ".join(text.split()).casefold()


def search(
    table: Mapping[str, Names], query: str, language: str, limit: int | None = None
) -> list[str]:
    """Codes whose code starts with ``query`` or whose name in ``language`` has every word of
    it, in code order; at most ``limit``."""
    words = folded(query).split()
    if not words:
        return []
    found = [
        code
        for code, names in table.items()
        if (len(words) == 1 and code.startswith(words[0]))
        or all(word in folded(names.in_language(language)) for word in words)
    ]
    return found if limit is None else found[:limit]


__all__ = ["CodeTable", "Names", "folded", "search"]
