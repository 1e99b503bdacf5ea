"""The shared page kit: one date style per language, and form macros that say what to do.

Dates on every page come from the same Babel formatters (``2.12.2026`` in Finnish and in
Finland's Swedish, ``2 Dec 2026`` in English), never from a template's own ``strftime``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient

from shared.web.pages import Pages, format_clock, format_day, format_moment

EVENING = datetime(2026, 12, 2, 17, 7, tzinfo=UTC)  # 19.07 in Helsinki


@pytest.mark.parametrize(
    ("language", "day", "moment", "clock"),
    [
        ("fi", "2.12.2026", "2.12.2026 19.07", "9.05"),
        ("sv", "2.12.2026", "2.12.2026 19.07", "9.05"),
        ("en", "2 Dec 2026", "2 Dec 2026, 19:07", "09:05"),
    ],
)
def test_a_language_has_one_date_style_for_days_and_moments(
    language: str, day: str, moment: str, clock: str
) -> None:
    assert format_day(date(2026, 12, 2), language=language) == day
    assert format_day("2026-12-02", language=language) == day
    assert format_moment(EVENING, language=language) == moment
    assert format_moment(EVENING.replace(tzinfo=None), language=language) == moment  # UTC
    assert format_clock(time(9, 5), language=language) == clock


TEMPLATE = """{% from "forms.html" import error_summary, select, radios %}
<p id="dates">{{ day | date }} | {{ moment | datetime }} | {{ clock | time }}</p>
{{ select("coach", "Coach", [("c1", "Kaisa")], blank_label=_("All")) }}
{{ select("education", "Education", [("e", "E")], error="Choose one of the options.") }}
{{ radios("gender", "Gender", [("female", "Woman")], error=gender_error) }}
{{ error_summary(errors, {"gender": "Gender"}) }}
"""


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[TestClient]:
    (tmp_path / "kit.html").write_text(TEMPLATE)
    pages = Pages(tmp_path, tmp_path)
    app = FastAPI()

    @app.get("/kit")
    def kit_page(request: Request, gender_error: str = "") -> Response:
        values = {
            "day": date(2026, 10, 6),
            "moment": EVENING,
            "clock": time(9, 5),
            "gender_error": gender_error or None,
            "errors": {"gender": "Choose one of the options.", "form": "Someone changed it."},
        }
        return pages.render(request, "kit.html", values)

    with TestClient(app) as client:
        client.cookies.set("duuni_lang", "en")
        yield client


def test_the_page_filters_are_the_shared_formatters(kit: TestClient) -> None:
    kit.cookies.set("duuni_lang", "sv")

    page = kit.get("/kit").text

    assert '<p id="dates">6.10.2026 | 2.12.2026 19.07 | 9.05</p>' in page  # not "6 okt. 2026"


def test_a_filter_offers_all_where_a_form_field_asks_to_choose(kit: TestClient) -> None:
    page = kit.get("/kit").text

    assert '<option value="">All</option>' in page.split('id="education"')[0]
    assert '<option value="">Choose</option>' in page.split('id="education"')[1]


def test_an_unanswered_radio_group_names_its_question(kit: TestClient) -> None:
    generic = kit.get("/kit", params={"gender_error": "Choose one of the options."}).text
    specific = kit.get("/kit", params={"gender_error": "Pick the gender on the form."}).text

    assert "Choose one of the options for “Gender”." in generic.split('id="gender"')[1]
    assert "Pick the gender on the form." in specific.split('id="gender"')[1]


def test_an_error_about_the_whole_form_is_listed_without_a_link(kit: TestClient) -> None:
    summary = kit.get("/kit").text.split('class="error-summary"')[1].split("</div>")[0]

    assert '<li><a href="#gender">Gender: Choose one of the options.</a></li>' in summary
    assert "<li>Someone changed it.</li>" in summary
    assert 'href="#form"' not in summary
