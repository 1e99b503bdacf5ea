"""Upstream logs as reporting reads them, straight from their relational tables (adapter).

A replay reads only the columns and the event types the fold needs, and only the
projects it was asked for, in one query streamed in position order, and decodes each
payload once, straight into its reader (``readers.py``): no header parsing, no
dictionary per event, no per-event SQL. The database filters the projects, so a share
of a replay costs the rows it folds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from services.reporting.adapters.readers import payload_reader
from services.reporting.domain.fold import Encoded
from services.reporting.domain.upstream import UPSTREAMS
from services.reporting.service_layer.ports import EVERY, LogSlice, Reached, Wanted
from shared.eventlog.chain import GENESIS
from shared.eventlog.sql import SqlEventLog
from shared.eventlog.verify import Verdict

_BATCH = 500
_REPORT_EVERY = 40
_IDS_AT_ONCE = 500
_SAMPLE = 4_000
"""Tell the position reached every this many batches."""


def _told(
    batches: Iterator[Sequence[tuple[int, str, str, Any]]], reached: Reached | None, upto: int
) -> Iterator[Sequence[tuple[int, str, str, Any]]]:
    """The batches, telling ``reached`` the position read now and then, and ``upto`` at
    the end."""
    for count, batch in enumerate(batches, start=1):
        yield batch
        if reached is not None and count % _REPORT_EVERY == 0:
            reached(batch[-1][0])
    if reached is not None:
        reached(upto)


class LogSource:
    """One upstream ``SqlEventLog`` as an ``EventSource``."""

    def __init__(self, log: SqlEventLog, types: Sequence[str] | None = None) -> None:
        self.log = log
        self.name = log.name
        self.types = tuple(types if types is not None else UPSTREAMS.get(log.name, ()))
        db = log.db
        events = self._events = db.table("events")
        marks = ", ".join("?" for _ in self.types)
        self._only = f" AND event_type IN ({marks})" if self.types else " AND 1 = 0"
        self._select = (
            f"SELECT position, event_type, project_id, payload FROM {events} WHERE position <= ?"
        )
        self._sizes = db.sql(
            "WITH RECURSIVE sample(at) AS (SELECT 1 UNION ALL"
            " SELECT at + ? FROM sample WHERE at + ? <= ?)"
            f" SELECT (SELECT project_id FROM {events} WHERE position = sample.at) AS project,"
            " count(*) FROM sample GROUP BY project"
        )
        self._last_by = db.sql(
            f"SELECT position, hash FROM {events} WHERE recorded_at <= ?"
            " ORDER BY position DESC LIMIT 1"
        )
        self._at = db.sql(f"SELECT position, hash FROM {events} WHERE position = ?")

    def slice(self, *, recorded_by: str | None = None, upto: int | None = None) -> LogSlice:
        if recorded_by is not None:
            found = self.log.db.fetch(self._last_by, (recorded_by,))
        elif upto is not None:
            found = self.log.db.fetch(self._at, (upto,)) if upto else []
        else:
            head = self.log.head()
            return LogSlice(self.name, head.position, head.hash)
        if not found:
            return LogSlice(self.name, 0, GENESIS)
        return LogSlice(self.name, int(found[0][0]), str(found[0][1]))

    def rows(self, upto: int, wanted: Wanted = EVERY) -> Encoded:
        project, share = wanted.project, wanted.share
        statement = self._select
        chosen: tuple[Any, ...] = ()
        if project is not None:
            statement += " AND project_id = ?"
            chosen += (project,)
        if share is not None and share.projects:
            marks = ", ".join("?" for _ in share.projects)
            statement += f" AND project_id {'NOT IN' if share.others else 'IN'} ({marks})"
            chosen += share.projects
        statement += self._only  # after the projects: SQLite tests the conditions in turn
        chosen += self.types
        holds_any = upto > 0 and (share is None or share.others or bool(share.projects))
        batches = self._batches(statement + " ORDER BY position", (upto, *chosen), holds_any)
        reader = payload_reader()
        return Encoded(_told(batches, wanted.reached, upto), reader.decode_json, reader.UNREADABLE)

    def _batches(
        self, statement: str, params: tuple[Any, ...], holds_any: bool
    ) -> Iterator[Sequence[tuple[int, str, str, Any]]]:
        """One query, fetched a batch at a time: a consistent snapshot of the log, and
        only a batch of rows in memory at once."""
        if not holds_any:
            return
        connection: Any = self.log.db.engine.raw_connection()
        try:
            if self.log.db.dialect == "postgresql":
                cursor = connection.cursor(name=f"replay_{self.name}")  # server-side
            else:
                cursor = connection.cursor()
            cursor.execute(self.log.db.sql(statement), params)
            while batch := cursor.fetchmany(_BATCH):
                yield batch
            cursor.close()
            connection.rollback()
        finally:
            connection.close()

    def project_sizes(self, upto: int) -> dict[str, int]:
        """Estimated from every n-th event, about ``_SAMPLE`` of them, each found by its
        position: a few milliseconds however long the log, and even enough to share by.
        A project too small to be sampled falls to the last share, as any unknown one."""
        if upto < 1:
            return {}
        step = max(1, upto // _SAMPLE)
        found = self.log.db.fetch(self._sizes, (step, step, upto))
        return {str(project): int(count) * step for project, count in found if project is not None}

    def event_ids(self, positions: Sequence[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        unique = sorted(set(positions))
        for start in range(0, len(unique), _IDS_AT_ONCE):
            chunk = unique[start : start + _IDS_AT_ONCE]
            marks = ", ".join("?" for _ in chunk)
            statement = self.log.db.sql(
                f"SELECT position, event_id FROM {self._events} WHERE position IN ({marks})"
            )
            found.update((int(p), str(i)) for p, i in self.log.db.fetch(statement, tuple(chunk)))
        return found

    def verify(self) -> Verdict:
        return self.log.verify()
