"""Upstream logs as reporting reads them, straight from their relational tables (adapter).

A replay reads only the columns and the event types the fold needs, page by page
in position order, and decodes each payload once with orjson: no header parsing, no
validation library, no per-event SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import orjson

from services.reporting.domain.upstream import UPSTREAMS
from services.reporting.service_layer.ports import EventRow, LogSlice
from shared.eventlog.chain import GENESIS
from shared.eventlog.sql import SqlEventLog
from shared.eventlog.verify import Verdict

_PAGE = 20_000


class LogSource:
    """One upstream ``SqlEventLog`` as an ``EventSource``."""

    def __init__(self, log: SqlEventLog, types: Sequence[str] | None = None) -> None:
        self.log = log
        self.name = log.name
        self.types = tuple(types if types is not None else UPSTREAMS.get(log.name, ()))
        db = log.db
        events = db.table("events")
        marks = ", ".join("?" for _ in self.types)
        only = f" AND event_type IN ({marks})" if self.types else " AND 1 = 0"
        self._page = db.sql(
            f"SELECT position, event_id, event_type, project_id, payload"
            f" FROM {events} WHERE position > ? AND position <= ?{only}"
            " ORDER BY position LIMIT ?"
        )
        self._last_by = db.sql(
            f"SELECT position, hash FROM {events} WHERE recorded_at <= ?"
            " ORDER BY position DESC LIMIT 1"
        )
        self._at = db.sql(f"SELECT position, hash FROM {events} WHERE position = ?")

    def slice(self, *, recorded_by: str | None = None, upto: int | None = None) -> LogSlice:
        if recorded_by is not None:
            found = self._fetch(self._last_by, (recorded_by,))
        elif upto is not None:
            found = self._fetch(self._at, (upto,)) if upto else []
        else:
            head = self.log.head()
            return LogSlice(self.name, head.position, head.hash)
        if not found:
            return LogSlice(self.name, 0, GENESIS)
        return LogSlice(self.name, int(found[0][0]), str(found[0][1]))

    def rows(self, upto: int) -> Iterator[EventRow]:
        after = 0
        loads = orjson.loads
        make = EventRow._make
        while after < upto:
            page = self._fetch(self._page, (after, upto, *self.types, _PAGE))
            for position, event_id, event_type, project_id, payload in page:
                yield make((position, event_id, event_type, project_id, loads(payload)))
            if len(page) < _PAGE:
                return
            after = page[-1][0]

    def verify(self) -> Verdict:
        return self.log.verify()

    def _fetch(self, statement: str, params: tuple[Any, ...]) -> Sequence[Any]:
        connection = self.log.db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(statement, params)
            rows = cursor.fetchall()
            cursor.close()
            connection.rollback()
            return rows
        finally:
            connection.close()
