"""Numbers, percentages, days and months as reporting shows them in each language
(entrypoint layer: formatting only).

The report pages, their charts and the readable exports all format through one
``Formats`` of the reader's language, with Babel and the same locales as the rest of the
site (``fi_FI``, ``sv_FI``, ``en_GB``): "2,5" and "71,4 %" in Finnish and Swedish, "2.5"
and "71.4%" in English; a month is "joulu 2024", "dec. 2024" or "Dec 2024".
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Final, Literal

from babel import Locale
from babel.dates import format_date, get_date_format
from babel.numbers import format_decimal, format_percent

LOCALES: Final = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
"""The Babel locale of each language of the site, as shared.web's filters use them."""


@dataclasses.dataclass(frozen=True, slots=True)
class Formats:
    """How one language writes reporting's values."""

    language: str

    @property
    def locale(self) -> str:
        return LOCALES.get(self.language, LOCALES["fi"])

    def number(self, value: float, *, grouped: bool = True) -> str:
        """A count or an amount; at most two decimals, as the figures carry them.

        ``grouped=False`` leaves out the thousands separator, which a spreadsheet would
        otherwise read as text.
        """
        return format_decimal(round(value, 2), locale=self.locale, group_separator=grouped)

    def percent(self, value: float) -> str:
        """``value`` per cent (71.4 for 71.4 %), with one decimal at most."""
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        one_decimal = re.sub(r"0(?=[^0#]*$)", "0.#", pattern, count=1)
        return format_percent(value / 100, format=one_decimal, locale=self.locale)

    def day(self, value: date) -> str:
        """A date in the site's one style for the language: 1.12.2024 in Finnish and in
        Finland's Swedish, 1 Dec 2024 in English (a numeric English date reads differently
        in Britain and America)."""
        return format_date(value, format=self._date_style, locale=self.locale)

    def month(self, year: int, month: int) -> str:
        """A month and its year as a chart's axis names it: "joulu 2024", "Dec 2024"."""
        return format_date(date(year, month, 1), format="LLL y", locale=self.locale)

    def quarter(self, year: int, quarter: int) -> str:
        """A quarter and its year: "4. nelj. 2024", "K4 2024", "Q4 2024"."""
        return format_date(date(year, 3 * quarter - 2, 1), format="QQQ y", locale=self.locale)

    @property
    def sheet_date(self) -> str:
        """A date cell's number format in a workbook: "d.m.yyyy" in Finnish and Swedish,
        "d mmm yyyy" in English, as ``day`` writes them."""
        pattern = get_date_format(self._date_style, locale=self.locale).pattern
        return re.sub(r"y+", "yyyy", pattern).replace("M", "m").replace("'", "")

    @property
    def _date_style(self) -> Literal["medium", "short"]:
        return "medium" if self.language == "en" else "short"

    @property
    def decimal_comma(self) -> bool:
        """Whether the language writes decimals with a comma (then lists take ``;``)."""
        return self.number(0.5).startswith("0,")
