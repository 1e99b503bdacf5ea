"""The exports for people and for programs: words, dates and numbers in the reader's
language, ``;`` and a decimal comma where Excel expects them; codes kept as they were."""

from __future__ import annotations

import csv
import io
from datetime import date

from services.reporting.domain.figures import Period
from services.reporting.entrypoints import exports
from services.reporting.entrypoints.formats import Formats
from services.reporting.entrypoints.state import gettext_for
from tests.unit.reporting.builders import History, enrolled, exited, session

YEAR = Period(date(2019, 1, 1), date(2019, 12, 31))


def a_history() -> History:
    return History().given(
        enrolled("c1", "2019-02-01", education="isced_0_2"),
        exited("c1", "2019-05-01", "employed"),
        session("c1", "2019-02-02", 90),
    )


def readable(language: str) -> exports.Readable:
    return exports.Readable(gettext_for(language), Formats(language))


def rows_of(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_the_codes_export_keeps_the_stable_names_codes_and_iso_dates() -> None:
    rows = exports.participant_rows(a_history().facts.of_project("S21048").participants, YEAR)

    text = exports.to_csv(exports.PARTICIPANT_COLUMNS, rows, exports.code_text)

    header, first = rows_of(text, ",")
    assert header[:4] == ["participant_id", "start_date", "gender", "age_at_start"]
    assert first[:9] == ["c1", "2019-02-01", "female", "35", "25_to_54", "unemployed", "true",
                         "2018-01-01", "isced_0_2"]  # fmt: skip
    assert first[-5:] == ["2019-05-01", "employed", "open_market_full_time",
                          "employed.open_market_full_time", "true"]  # fmt: skip


def test_the_finnish_participant_export_reads_in_finnish_with_semicolons() -> None:
    rows = exports.participant_rows(a_history().facts.of_project("S21048").participants, YEAR)
    fi = readable("fi")

    text = exports.to_csv(fi.headings(exports.PARTICIPANT_COLUMNS), fi.participants(rows),
                          fi.text, fi.delimiter)  # fmt: skip

    header, first = rows_of(text, ";")
    assert fi.delimiter == ";"
    assert header[:3] == ["Osallistuja (pseudonyymi tunniste)", "Aloituspäivä", "Sukupuoli"]
    assert first[:9] == ["c1", "1.2.2019", "Nainen", "35", "25–54-vuotiaat", "Työtön", "Kyllä",
                         "1.1.2018", "Perusaste (ISCED 0–2)"]  # fmt: skip
    assert "Avoimet työmarkkinat, kokoaikainen" in first
    assert "isced_0_2" not in text and "female" not in text


def test_figures_read_with_a_decimal_comma_in_swedish_and_a_point_in_english() -> None:
    result = a_history().report()
    rows = exports.figure_rows(result)

    by_language = {}
    for language in ("sv", "en"):
        words = readable(language)
        text = exports.to_csv(words.headings(exports.FIGURE_COLUMNS),
                              words.figures(result, rows), words.text, words.delimiter)  # fmt: skip
        by_language[language] = rows_of(text, words.delimiter)

    sv_hours = next(r for r in by_language["sv"] if r[1] == "Coachningstimmar")
    en_hours = next(r for r in by_language["en"] if r[1] == "Coaching hours")
    assert by_language["sv"][0][:3] == ["Tabell", "Uppgift", "Enhet"]
    assert sv_hours[2:5] == ["timmar", "1,5", "1,5"]
    assert en_hours[2:5] == ["hours", "1.5", "1.5"]
    women = next(r for r in by_language["sv"] if r[1] == "Kvinnor")
    assert women[0] == "Deltagare vid start (ESF-utfallsindikatorer)"


def test_big_numbers_carry_no_thousands_separator_a_spreadsheet_would_misread() -> None:
    assert readable("fi").text(1234.5) == "1234,5"
    assert readable("en").text(1234.5) == "1234.5"
    assert readable("sv").text(False) == "Nej"
    assert readable("en").text(date(2019, 2, 1)) == "1 Feb 2019"
