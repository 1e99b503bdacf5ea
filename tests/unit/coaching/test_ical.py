"""The calendar feed as RFC 5545 writes it: CRLF lines of at most 75 octets (folded, never
inside a character), text escaped, times in UTC, a day-long event for a meeting without an
hour."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from services.coaching.entrypoints.ical import FeedEvent, calendar, escape, fold

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def unfolded(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_text_is_escaped_and_long_lines_fold_between_characters() -> None:
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "ä" * 80
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_a_session_in_helsinki_time_is_written_in_utc_and_a_meeting_as_a_whole_day() -> None:
    helsinki = ZoneInfo("Europe/Helsinki")
    events = [
        FeedEvent(uid="session-1@duuni", starts=datetime(2026, 12, 4, 9, 30, tzinfo=helsinki),
                  minutes=45, summary="Tapaaminen: Asiakas 1A2B3C", location="Paikan päällä"),
        FeedEvent(uid="meeting-1@duuni", starts=date(2026, 12, 5), minutes=180,
                  summary="Ryhmätapaaminen: DuuniKaverit, Lohja", location="Lohja"),
    ]  # fmt: skip
    body = calendar("Duuni: omat tapaamiset", events, NOW)
    lines = unfolded(body)
    assert body.endswith("END:VCALENDAR\r\n") and lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert "DTSTART:20261204T073000Z" in lines and "DTEND:20261204T081500Z" in lines
    assert "DTSTART;VALUE=DATE:20261205" in lines and "DTEND;VALUE=DATE:20261206" in lines
    assert "SUMMARY:Ryhmätapaaminen: DuuniKaverit\\, Lohja" in lines
    assert lines.count("BEGIN:VEVENT") == 2 and "DTSTAMP:20261203T080000Z" in lines
