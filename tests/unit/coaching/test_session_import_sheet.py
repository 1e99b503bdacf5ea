"""The sessions sheet: each problem at its row and column, nothing guessed; and the
imported session's events and id (pure)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import SessionBooked, SessionCancelled, SessionHeld
from services.coaching.domain.session_import import (
    DEFAULT_MODE,
    ImportSession,
    decide_imported,
    imported_session_id,
)
from services.coaching.domain.vocabulary import CancelReason, Mode, SessionKind, Topic
from services.coaching.entrypoints.session_import_sheet import NO_COLUMN, read_sessions
from shared.import_ids import imported_client_id
from shared.web.sheets import SheetError

HEADER = "participant_id,date,kind,duration_minutes,attendance,topics,mode,coach\n"


def _read(*rows: str) -> list[tuple[int, str, str]]:
    sheet = read_sessions((HEADER + "".join(f"{r}\n" for r in rows)).encode(), "s.csv")
    return [(p.row, p.column, p.text()) for p in sheet.all_problems()]


def test_a_good_row_reads_into_a_command_and_leaves_missing_what_is_missing() -> None:
    sheet = read_sessions((HEADER + "A1,2026-03-02,follow_up,45,no_show,,,\n").encode(), "s.csv")

    [row] = sheet.rows
    assert row.problems == ()
    assert row.command is not None
    assert (row.command.held_on, row.command.kind, row.command.duration_minutes) == (
        date(2026, 3, 2), SessionKind.FOLLOW_UP, 45,
    )  # fmt: skip
    assert row.command.held is False
    assert row.command.topics == ()
    assert row.command.mode is DEFAULT_MODE
    assert row.coach is None
    assert row.command.coach_id is None


def test_topics_and_mode_and_coach_are_read_when_given() -> None:
    sheet = read_sessions(
        (HEADER + 'A1,2026-03-02,personal_coaching,60,held,"cv, interview",phone,kaisa\n').encode(),
        "s.csv",
    )
    [row] = sheet.rows
    assert row.command is not None
    assert row.command.topics == (Topic.CV, Topic.INTERVIEW)
    assert row.command.mode is Mode.PHONE
    assert row.coach == "kaisa"


def test_each_problem_is_at_its_row_and_column() -> None:
    problems = _read(
        "A1,31.2.2026,personal_coaching,60,held,,,",
        "A2,2026-03-02,chat,sixty,maybe,cv,,",
        ",2026-03-02,follow_up,0,held,cv cv,bus,",
        "A4,2026-03-02,follow_up,30,held,knitting,,",
    )
    assert (2, "date", "not a date (write it as 2026-03-31)") in problems
    assert any(p[:2] == (3, "kind") and p[2].startswith("not one of the codes") for p in problems)
    assert (3, "duration_minutes", "not a whole number") in problems
    assert (3, "attendance", "not one of the codes held, no_show") in problems
    assert (4, "participant_id", "missing: every session needs it") in problems
    assert (4, "duration_minutes", "not between 1 and 480 minutes") in problems
    assert (4, "topics", "more than 8 topics, or one twice") in problems
    assert any(p[:2] == (4, "mode") for p in problems)
    assert any(p[:2] == (5, "topics") for p in problems)


def test_the_same_session_twice_in_a_file_is_a_problem_of_the_second_row() -> None:
    row = "A1,2026-03-02,follow_up,45,held,,,"
    assert _read(row, row) == [(3, "participant_id", "the same session is on row 2 too")]


def test_a_missing_column_and_an_unreadable_file() -> None:
    sheet = read_sessions(b"participant_id;date;kind\nA1;2026-03-02;follow_up\n", "s.csv")
    assert [(p.row, p.column, p.message) for p in sheet.problems] == [
        (1, "duration_minutes", NO_COLUMN), (1, "attendance", NO_COLUMN),
    ]  # fmt: skip
    with pytest.raises(SheetError):
        read_sessions(b"\xff\xfe\x00", "s.csv")


def _command(held: bool = True) -> ImportSession:
    sheet = read_sessions(
        (HEADER + f"A1,2026-03-02,follow_up,45,{'held' if held else 'no_show'},cv,,\n").encode(),
        "s.csv",
    )
    command = sheet.rows[0].command
    assert command is not None
    return command


def test_an_imported_session_is_held_or_booked_and_missed() -> None:
    command = _command(held=True)
    client = imported_client_id("S1", "A1")
    standing = ClientStanding(client_id=client, project_id="S1", coach_id="k", active=False)
    session_id = imported_session_id("S1", "A1", command)

    def decide(row: ImportSession) -> list[SessionHeld | SessionBooked | SessionCancelled]:
        return decide_imported(
            row, session_id=session_id, client_id=client, project_id="S1", coach_id="k",
            client=standing, today=date(2026, 4, 1),
        )  # fmt: skip

    [held] = decide(command)
    assert isinstance(held, SessionHeld) and held.held_on == date(2026, 3, 2)
    assert held.was_booked is False and held.topics == (Topic.CV,)

    missed = _command(held=False)
    booked, cancelled = decide(missed)
    assert isinstance(booked, SessionBooked) and isinstance(cancelled, SessionCancelled)
    assert cancelled.reason is CancelReason.NO_SHOW
    assert imported_session_id("S1", "A1", missed) != session_id
    assert imported_session_id("S2", "A1", command) != session_id


def test_an_unknown_client_or_a_day_ahead_is_refused() -> None:
    command = _command()

    def decide(client: ClientStanding | None, today: date) -> object:
        return decide_imported(
            command, session_id="s", client_id="c", project_id="S1", coach_id="k",
            client=client, today=today,
        )  # fmt: skip

    with pytest.raises(DomainError) as refused:
        decide(None, date(2026, 4, 1))
    assert refused.value.code == "client_not_found"
    standing = ClientStanding(client_id="c", project_id="S1", coach_id="k", active=True)
    with pytest.raises(DomainError) as ahead:
        decide(standing, date(2026, 3, 1))
    assert ahead.value.code == "held_in_the_future"


def test_an_xlsx_sheet_reads_its_date_and_number_cells() -> None:
    import openpyxl  # type: ignore[import-not-found, import-untyped, unused-ignore]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["participant_id", "date", "kind", "duration_minutes", "attendance"])
    sheet.append([1042, datetime(2026, 3, 2), "personal_coaching", 60.0, "held"])
    buffer = io.BytesIO()
    book.save(buffer)

    [row] = read_sessions(buffer.getvalue(), "sessions.xlsx").rows

    assert row.problems == ()
    assert row.reference == "1042"
    assert row.command is not None
    assert (row.command.held_on, row.command.duration_minutes) == (date(2026, 3, 2), 60)
