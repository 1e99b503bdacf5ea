"""Moments as intake's tables give them back (adapter layer).

Every moment is stored in UTC: PostgreSQL gives it back with its zone, SQLite without
one. The stores read their moments through here, so the rule is kept in one place.
"""

from __future__ import annotations

from datetime import UTC, datetime


def zoned(moment: datetime) -> datetime:
    """The stored moment with its zone: one without (from SQLite) is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def in_utc(moment: datetime) -> datetime:
    """The moment in UTC: a stored one without its zone, or one given in any zone."""
    return zoned(moment).astimezone(UTC)
