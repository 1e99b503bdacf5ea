"""What every coaching handler shares: its dependencies and the rule that only those who
write may (service layer).

Each handler loads an aggregate, asks the domain to decide (with the client's standing
from the projection of intake's clients where a client takes part), appends with the
version read (``AggregateStreams.execute``), and only then writes any private text (case
note, goal wording), idempotently: a note without its event would be an orphan, an event
without its note merely lacks a remark. An aggregate of another project answers
``*_not_found``, as if it did not exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.coaching.domain.errors import DomainError
from services.coaching.service_layer.ports import ClientDirectory, PrivateTexts
from shared.eventlog.aggregates import AggregateStreams
from shared.messagebus import CommandContext

SESSION_NOTE = "session_note"
GOAL_TEXT = "goal"
HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki_today() -> date:
    """The coaches' calendar day: what "today" means for a booking or a meeting."""
    return datetime.now(HELSINKI).date()


@dataclasses.dataclass(frozen=True, slots=True)
class Coaching:
    """What every handler needs: the log as aggregates, the client projection, private text."""

    streams: AggregateStreams
    clients: ClientDirectory
    texts: PrivateTexts
    today: Callable[[], date] = helsinki_today


def may_write(context: CommandContext) -> None:
    """Coaches and project managers record work; auditors only read."""
    if not context.may_write():
        raise DomainError("forbidden")
