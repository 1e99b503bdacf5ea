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
import hashlib
import re
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, Final, TypeVar

from services.coaching.domain.session_import import DEFAULT_MODE, ImportSession, row_content
from services.coaching.domain.sessions import MAX_SESSION_MINUTES, MAX_TOPICS
from services.coaching.domain.vocabulary import Mode, SessionKind, Topic
from shared.web.i18n import N_
from shared.web.sheets import Problem, read_table

REQUIRED: Final = ("participant_id", "date", "kind", "duration_minutes", "attendance")
"""Without these a row says no session."""
OPTIONAL: Final = ("topics", "mode", "coach")
HELD: Final = "held"
NO_SHOW: Final = "no_show"
ATTENDANCE: Final = (HELD, NO_SHOW)
_SEPARATORS: Final = re.compile(r"[\s,;|]+")

MISSING = N_("missing: every session needs it")
NOT_A_DATE = N_("not a date (write it as 2026-03-31)")
NOT_A_NUMBER = N_("not a whole number")
NOT_A_CODE = N_("not one of the codes %(codes)s")
TOO_LONG = N_("not between 1 and %(limit)s minutes")
TOO_MANY = N_("more than %(limit)s topics, or one twice")
TWICE = N_("the same session is on row %(row)s too")
NO_COLUMN = N_("the file has no such column: it is needed")
NO_ROWS = N_("the file has a header but no sessions")

E = TypeVar("E", bound=Enum)


@dataclasses.dataclass(frozen=True, slots=True)
class SheetRow:
    """A row of the file: its command (the coach not yet found), or its problems."""

    row: int
    reference: str
    command: ImportSession | None
    coach: str | None
    """The coach's username as the file gives it."""
    problems: tuple[Problem, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Sheet:
    sha256: str
    rows: tuple[SheetRow, ...]
    problems: tuple[Problem, ...] = ()

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for r in self.rows for p in r.problems)]


def read_sessions(data: bytes, filename: str) -> Sheet:
    """Every row of the file as an import command, or with its problems."""
    sha256 = hashlib.sha256(data).hexdigest()
    header, rows = read_table(data, filename)
    where = {name: index for index, name in enumerate(header) if name}
    absent = [name for name in REQUIRED if name not in where]
    if absent:
        return Sheet(sha256, (), tuple(Problem(1, name, NO_COLUMN) for name in absent))
    if not rows:
        return Sheet(sha256, (), (Problem(2, "", NO_ROWS),))
    seen: dict[tuple[str, str], int] = {}
    read: list[SheetRow] = []
    for number, cells in enumerate(rows, start=2):
        row = _Row(number, cells, where)
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
    return Sheet(sha256, tuple(read))


class _Row:
    """One row's cells by column name; every value read notes its own problem."""

    def __init__(self, number: int, cells: Sequence[Any], where: dict[str, int]) -> None:
        self.line = number
        self.cells = cells
        self.where = where
        self.problems: list[Problem] = []

    def problem(self, column: str, message: str, **values: str) -> None:
        self.problems.append(Problem(self.line, column, message, tuple(values.items())))

    def raw(self, column: str) -> Any:
        index = self.where.get(column)
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return None if isinstance(value, str) and not value.strip() else value

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.raw(column)
        if value is None:
            if required:
                self.problem(column, MISSING)
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def day(self, column: str) -> date | None:
        value = self.raw(column)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = self.text(column, required=True)
        if text is None:
            return None
        try:
            return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in "T " else text)
        except ValueError:
            self.problem(column, NOT_A_DATE)
            return None

    def minutes(self, column: str) -> int | None:
        text = self.text(column, required=True)
        if text is None:
            return None
        try:
            minutes = int(text)
        except ValueError:
            self.problem(column, NOT_A_NUMBER)
            return None
        if not 1 <= minutes <= MAX_SESSION_MINUTES:
            self.problem(column, TOO_LONG, limit=str(MAX_SESSION_MINUTES))
            return None
        return minutes

    def code(self, column: str, kind: type[E], *, required: bool = False) -> E | None:
        text = self.text(column, required=required)
        if text is None:
            return None
        try:
            return kind(text)
        except ValueError:
            self.problem(column, NOT_A_CODE, codes=", ".join(str(k.value) for k in kind))
            return None

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
        held_on = self.day("date")
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
