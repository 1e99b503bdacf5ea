"""Reading a sessions sheet (CSV or XLSX) into import commands (entrypoint: parsing only).

A running project keeps its coaching history beside its participants: who had what kind
of session on which day, for how long, and whether they came. Each row names the
participant by the same reference as the participants sheet (``participant_id``), so the
session finds the client the participant import created (the client id is derived from
it in ``shared.import_ids``, the same way for both).

Every problem is kept with its row (as a spreadsheet numbers it, the header being row 1)
and its column (as the file names it); nothing is guessed, and an empty optional cell
stays missing (no topics, the importing user as the coach).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from services.coaching.domain.session_import import DEFAULT_MODE, ImportSession, row_content
from services.coaching.domain.sessions import MAX_SESSION_MINUTES, MAX_TOPICS
from services.coaching.domain.vocabulary import Mode, SessionKind, Topic
from shared.web import sheet_import
from shared.web.i18n import N_
from shared.web.sheet_import import NO_COLUMN, NOT_A_CODE, Cells, read_columns
from shared.web.sheets import Problem

__all__ = ["NO_COLUMN", "OPTIONAL", "REQUIRED", "Sheet", "SheetRow", "read_sessions"]

REQUIRED: Final = ("participant_id", "date", "kind", "duration_minutes", "attendance")
"""Without these a row says no session."""
OPTIONAL: Final = ("topics", "mode", "coach")
HELD: Final = "held"
NO_SHOW: Final = "no_show"
ATTENDANCE: Final = (HELD, NO_SHOW)
_SEPARATORS: Final = re.compile(r"[\s,;|]+")

MISSING = N_("missing: every session needs it")
TOO_LONG = N_("not between 1 and %(limit)s minutes")
TOO_MANY = N_("more than %(limit)s topics, or one twice")
TWICE = N_("the same session is on row %(row)s too")
NO_ROWS = N_("the file has a header but no sessions")


@dataclasses.dataclass(frozen=True, slots=True)
class SheetRow:
    """A row of the file: its command (the coach not yet found), or its problems."""

    row: int
    reference: str
    command: ImportSession | None
    coach: str | None
    """The coach's username as the file gives it."""
    problems: tuple[Problem, ...]


Sheet = sheet_import.Sheet[SheetRow]  # a type only: built as ``sheet_import.Sheet``


def read_sessions(data: bytes, filename: str) -> Sheet:
    """Every row of the file as an import command, or with its problems."""
    table = read_columns(data, filename, REQUIRED, NO_ROWS)  # no rows if it has problems
    sha256 = table.sha256
    seen: dict[tuple[str, str], int] = {}
    read: list[SheetRow] = []
    for number, cells in table.rows:
        row = _Row(number, cells, table.where, MISSING)
        command = row.command(sha256)
        reference = row.text("participant_id") or ""
        coach = row.text("coach")
        if command is not None:
            same = (reference, f"{row_content(command)}\x1f{coach or ''}")
            if same in seen:
                row.problem("participant_id", TWICE, row=str(seen[same]))
                command = None
            else:
                seen[same] = number
        read.append(SheetRow(number, reference, command, coach, tuple(row.problems)))
    return sheet_import.Sheet(sha256, tuple(read), table.problems)


class _Row(Cells):
    """One session's cells: every one of them read and checked."""

    def minutes(self, column: str) -> int | None:
        minutes = self.number(column, required=True)
        if minutes is None:
            return None
        if not 1 <= minutes <= MAX_SESSION_MINUTES:
            self.problem(column, TOO_LONG, limit=str(MAX_SESSION_MINUTES))
            return None
        return minutes

    def attendance(self) -> bool | None:
        text = self.text("attendance", required=True)
        if text is None:
            return None
        if text not in ATTENDANCE:
            self.problem("attendance", NOT_A_CODE, codes=", ".join(ATTENDANCE))
            return None
        return text == HELD

    def topics(self) -> tuple[Topic, ...]:
        text = self.text("topics") or ""
        topics: list[Topic] = []
        for word in filter(None, _SEPARATORS.split(text)):
            try:
                topics.append(Topic(word))
            except ValueError:
                self.problem("topics", NOT_A_CODE, codes=", ".join(t.value for t in Topic))
                return ()
        if len(topics) > MAX_TOPICS or len(set(topics)) != len(topics):
            self.problem("topics", TOO_MANY, limit=str(MAX_TOPICS))
            return ()
        return tuple(topics)

    def command(self, sha256: str) -> ImportSession | None:
        reference = self.text("participant_id", required=True)
        held_on = self.day("date", required=True)
        kind = self.code("kind", SessionKind, required=True)
        minutes = self.minutes("duration_minutes")
        held = self.attendance()
        topics = self.topics()
        mode = self.code("mode", Mode) or DEFAULT_MODE
        if (
            self.problems or reference is None or held_on is None or kind is None
            or minutes is None or held is None
        ):  # fmt: skip
            return None
        return ImportSession(
            reference=reference, held_on=held_on, kind=kind, duration_minutes=minutes,
            held=held, topics=topics, mode=mode, file_sha256=sha256, row=self.line,
        )  # fmt: skip
