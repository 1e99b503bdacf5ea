"""The report's charts: the selected period only, every month named in the reader's
language, every bar with its value as text, labels that fit a phone."""

from __future__ import annotations

from datetime import date

import pytest

from services.reporting.domain.figures import Period
from services.reporting.entrypoints import charts
from services.reporting.entrypoints.formats import Formats

SERIES = (("2024-10", 3), ("2024-11", 3), ("2024-12", 7), ("2025-01", 12), ("2025-02", 15))
"""Participants entered by the end of each month, from the first entry on."""


def period(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))


def test_the_participants_chart_shows_who_began_in_each_month_of_the_period_only() -> None:
    steps = charts.entries_by_step(SERIES, period("2024-12-01", "2025-02-28"), Formats("en"))

    assert steps.unit == "month"
    assert [(s.label, s.began, s.total) for s in steps.steps] == [
        ("Dec 2024", 4, 7), ("Jan 2025", 5, 12), ("Feb 2025", 3, 15),
    ]  # fmt: skip
    assert steps.began == 12


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fi", ["joulu 2024", "tammi 2025", "helmi 2025"]),
        ("sv", ["dec. 2024", "jan. 2025", "feb. 2025"]),
        ("en", ["Dec 2024", "Jan 2025", "Feb 2025"]),
    ],
)
def test_months_are_named_as_each_language_writes_them(language: str, labels: list[str]) -> None:
    steps = charts.entries_by_step(SERIES, period("2024-12-01", "2025-02-28"), Formats(language))

    assert [s.label for s in steps.steps] == labels


def test_months_before_anyone_entered_are_left_out_and_no_entries_draw_nothing() -> None:
    steps = charts.entries_by_step(SERIES, period("2024-01-01", "2024-11-30"), Formats("fi"))

    assert [s.label for s in steps.steps] == ["loka 2024", "marras 2024"]
    assert charts.entries_by_step((), period("2024-01-01", "2024-12-31"), Formats("fi")).steps == ()


def test_a_long_period_is_drawn_in_quarters_then_in_years() -> None:
    long = tuple((f"{2017 + m // 12}-{m % 12 + 1:02d}", m + 1) for m in range(30))
    years = tuple((f"{2010 + m // 12}-{m % 12 + 1:02d}", m + 1) for m in range(100))

    quarters = charts.entries_by_step(long, period("2017-01-01", "2019-06-30"), Formats("en"))
    yearly = charts.entries_by_step(years, period("2010-01-01", "2018-04-30"), Formats("en"))

    assert quarters.unit == "quarter" and len(quarters.steps) == 10
    assert (quarters.steps[0].label, quarters.steps[0].began) == ("Q1 2017", 3)
    assert yearly.unit == "year" and [s.label for s in yearly.steps][:2] == ["2010", "2011"]
    assert sum(s.began for s in yearly.steps) == 100


def test_every_bar_carries_its_label_and_its_value_as_text_and_long_labels_wrap() -> None:
    long_label = "Työllistynyt avoimille markkinoille, kokoaikainen, toistaiseksi voimassa"
    chart = charts.bar_chart([charts.Row("tammi 2025", 5, "5"), charts.Row(long_label, 10, "10")])

    first, second = chart.bars
    assert (first.lines, first.text) == (("tammi 2025",), "5")
    assert len(second.lines) == 2 and " ".join(second.lines) == long_label
    assert max(len(line) for line in second.lines) * charts.CHAR <= charts.WIDTH
    assert (first.width, second.width) == (charts.WIDTH // 2, charts.WIDTH)
    assert second.y > first.bar_y + charts.BAR and chart.height > second.bar_y


def test_a_target_is_a_mark_on_the_same_scale_as_the_bar() -> None:
    chart = charts.bar_chart([charts.Row("Osallistujat yhteensä", 300, "300 / 420", 420)])

    (bar,) = chart.bars
    assert bar.mark_x is not None and bar.mark_x > bar.width
    assert bar.width == round(charts.WIDTH * 300 / 420)
