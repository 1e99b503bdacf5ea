"""A coach's calendar as an iCalendar feed (RFC 5545), for Outlook or a phone.

The few lines the standard needs, written here: CRLF line ends, lines folded at 75
octets, text escaped, times in UTC. Each event carries its time, its place (how a
session is held, or where a group meets) and a client reference (a short code of the
pseudonymous id), never a name: the feed leaves the system, and names are personal data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

PRODUCT = "-//Duuni//Coaching calendar//EN"


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FeedEvent:
    uid: str
    starts: datetime | date
    """An aware moment (a session, or a group meeting with its hour), or a day for a
    meeting without an hour (a whole-day event)."""
    minutes: int
    summary: str
    location: str = ""
    description: str = ""


def escape(text: str) -> str:
    """TEXT as RFC 5545 §3.3.11 writes it."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets (§3.1), never inside a
    character's UTF-8 bytes."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(event: FeedEvent) -> list[str]:
    if isinstance(event.starts, datetime):
        ends = event.starts + timedelta(minutes=event.minutes)
        return [f"DTSTART:{_utc(event.starts)}", f"DTEND:{_utc(ends)}"]
    day = event.starts
    return [
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
    ]


def calendar(name: str, events: Iterable[FeedEvent], now: datetime) -> str:
    """The whole feed, ready to send as ``text/calendar``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_utc(now)}",
            *_when(event),
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
