"""The pure parts of coaching's pages: how clients are named and told apart, how the agenda
splits a day at work, how the client list reads its address, and how far a meeting's
attendance sheet has been filled in."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta

from services.coaching.domain import programmes
from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.vocabulary import Attendance, ProgrammeKind
from services.coaching.entrypoints.client_list import ClientFilter
from services.coaching.entrypoints.naming import ClientLabels, client_code, name_order
from services.coaching.entrypoints.session_pages import agenda_of
from services.coaching.service_layer.ports import ClientFacts
from services.coaching.service_layer.read_models import SessionRow
from tests.unit.coaching.builders import PROJECT, TODAY


class Directory:
    """Where the clients of the test live and since when they are in the project."""

    def __init__(self, facts: Mapping[str, tuple[str, date]]) -> None:
        self._facts = facts

    def standing(self, client_id: str) -> ClientStanding | None:
        return None

    def in_project(
        self, project_id: str, *, only_active: bool = False, among: Collection[str] | None = None,
        coach_id: str | None = None,
    ) -> list[ClientStanding]:  # fmt: skip
        return []

    def active_count(self, project_id: str) -> int:
        return 0

    def facts(self, project_id: str, client_ids: Iterable[str]) -> dict[str, ClientFacts]:
        return {
            c: ClientFacts(client_id=c, municipality=m, entered_on=d)
            for c in client_ids
            for m, d in [self._facts[c]]
        }


def labels(names: Mapping[str, str], facts: Mapping[str, tuple[str, date]]) -> ClientLabels:
    asked: list[Sequence[str]] = []

    def intake(project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        asked.append(client_ids)
        return {c: names[c] for c in client_ids if c in names}

    found = ClientLabels(intake, Directory(facts), PROJECT, lambda message: message)
    found.prepare(names)
    assert len(asked) == 1  # one question to intake for the whole page
    return found


def label(found: ClientLabels, client_id: str) -> str:
    return found.label(client_id, lambda day: day.strftime("%-d.%-m.%Y"))


A, B, C = "0190a6f2-0000-7000-8000-00000000aaaa", "0190a6f2-0000-7000-8000-00000000bbbb", "c"


def test_a_name_shown_once_carries_nothing_else() -> None:
    found = labels({A: "Aino Virtanen", B: "Bertil Nyström"}, {})

    assert label(found, A) == "Aino Virtanen"
    assert client_code(A) not in label(found, A)


def test_two_clients_of_one_name_are_told_apart_by_their_municipality() -> None:
    found = labels(
        {A: "Matti Virtanen", B: "Matti Virtanen", C: "Aino Virtanen"},
        {A: ("Lohja", date(2025, 2, 3)), B: ("Vihti", date(2025, 2, 3))},
    )

    assert [label(found, c) for c in (A, B, C)] == [
        "Matti Virtanen (Lohja)", "Matti Virtanen (Vihti)", "Aino Virtanen",
    ]  # fmt: skip


def test_namesakes_of_one_municipality_are_told_apart_by_when_they_entered() -> None:
    found = labels(
        {A: "Matti Virtanen", B: "matti virtanen"},
        {A: ("Lohja", date(2025, 2, 3)), B: ("Lohja", date(2024, 11, 5))},
    )

    assert label(found, A) == "Matti Virtanen (in the project since 3.2.2025)"
    assert label(found, B) == "matti virtanen (in the project since 5.11.2024)"


def test_namesakes_alike_in_everything_are_told_apart_by_their_codes_at_last() -> None:
    same = ("Lohja", date(2025, 2, 3))
    found = labels({A: "Matti Virtanen", B: "Matti Virtanen"}, {A: same, B: same})

    assert label(found, A).endswith(f"{client_code(A)})")
    assert label(found, A) != label(found, B)


def test_names_sort_as_in_finnish_and_swedish() -> None:
    names = ["Östman", "Aalto", "Åberg", "Ärling", "Zetterberg"]

    assert sorted(names, key=name_order) == ["Aalto", "Zetterberg", "Åberg", "Ärling", "Östman"]


def row(held_on: date, status: str = "booked") -> SessionRow:
    return SessionRow(session_id=f"{held_on}-{status}", client_id="c", coach_id="u",
                      held_on=held_on, starts_at="09:00", duration_minutes=60, mode="phone",
                      kind="follow_up", topics=(), status=status, cancel_reason=None)  # fmt: skip


def test_a_cancelled_session_ahead_is_listed_as_coming_up_not_as_past() -> None:
    past, now = row(TODAY - timedelta(3), "held"), row(TODAY, "held")
    cancelled_ahead, booked_ahead = (
        row(TODAY + timedelta(2), "cancelled"),
        row(TODAY + timedelta(5)),
    )

    agenda = agenda_of([past, now, cancelled_ahead, booked_ahead], TODAY)

    assert agenda.earlier == [past]
    assert agenda.today == [now]
    assert agenda.upcoming == [cancelled_ahead, booked_ahead]


def test_the_client_list_reads_any_address_as_a_sensible_filter() -> None:
    odd = {"page": "x", "per_page": "1000", "status": "gone", "coach": "x", "q": "  Ai   no "}

    assert ClientFilter.of(odd) == ClientFilter(q="Ai no")
    assert ClientFilter.of({"page": "3", "per_page": "50", "status": "left"}) == ClientFilter(
        status="left", per_page=50, page=3
    )
    assert ClientFilter.of({"page": "٣"}).page == 1  # digits of another script


def test_a_sheet_with_four_of_twelve_marked_is_not_attendance_taken() -> None:
    meeting = programmes.Meeting(meeting_id="m1", held_on=TODAY, duration_minutes=180)
    members = {f"client-{n}": TODAY - timedelta(7) for n in range(12)}
    marks = {("m1", f"client-{n}"): Attendance.PRESENT for n in range(4)}
    group = programmes.Programme(
        programme_id="p1", project_id=PROJECT, kind=ProgrammeKind.JOB_SEEKERS_GROUP,
        title="DuuniKaverit", municipality="Lohja", starts_on=TODAY - timedelta(7),
        ends_on=TODAY + timedelta(14), coach_id="u", meetings=(meeting,), members=members,
        attendance=marks,
    )  # fmt: skip

    assert group.marked_at(meeting) == 4
    all_marked = {("m1", client): Attendance.ABSENT for client in members}
    assert dataclasses.replace(group, attendance=all_marked).marked_at(meeting) == 12
