"""``duuni import participants``: an export of one system imports into an empty one with
the same figures; a dry run names every problem by row and column and stores nothing;
a second import creates nothing new; what a file leaves out stays missing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from duuni.cli import app
from duuni.demo.accounts import PROJECT, create_users_and_projects
from duuni.import_cli import ImportRefused
from duuni.services import SERVICES
from services.intake.domain.commands import ExitClient
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    Gender,
    LabourMarketStatus,
    ReferralKind,
    SensitiveAnswer,
    SensitiveAnswers,
)
from services.intake.entrypoints import import_sheet
from services.intake.entrypoints.state import IntakeState
from services.reporting.cli import Opened
from services.reporting.domain.figures import Period
from services.reporting.entrypoints import exports, xlsx
from services.reporting.service_layer.reports import as_of_facts, as_of_report
from shared.messagebus import CommandContext

TODAY = date.today()
PERIOD = Period(date(TODAY.year - 4, 1, 1), TODAY)


def _intake(data_dir: Path) -> IntakeState:
    state = SERVICES["intake"].start(data_dir).state
    assert isinstance(state, IntakeState)
    return state


def _context(state: IntakeState, username: str) -> CommandContext:
    stored = state.auth.store.user_by_username(username)
    assert stored is not None
    user = stored.user
    return CommandContext(
        actor=user.id, project_id=PROJECT, roles=user.roles_in(PROJECT), projects=user.projects()
    )


def _start(age: int, **changes: object) -> EsfStartData:
    data = EsfStartData(
        age_at_entry=age, gender=Gender.FEMALE, education=EducationLevel.ISCED_3_4,
        labour_market_status=LabourMarketStatus.UNEMPLOYED,
        unemployed_since=TODAY - timedelta(days=1500), municipality="Lohja",
    )  # fmt: skip
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


Leaving = tuple[ExitStatus, EmploymentType | None, ReferralKind | None]
PEOPLE: list[tuple[int, dict[str, Any], Leaving | None]] = [
    (55, {}, None),
    (61, {"gender": Gender.MALE, "education": EducationLevel.ISCED_0_2},
     (ExitStatus.EMPLOYED, EmploymentType.OPEN_MARKET_FULL_TIME, None)),
    (52, {"labour_market_status": LabourMarketStatus.INACTIVE, "unemployed_since": None,
          "sensitive": SensitiveAnswers(disability=SensitiveAnswer.YES,
                                        minority=SensitiveAnswer.DECLINED)},
     (ExitStatus.EDUCATION_OR_TRAINING, None, None)),
    (58, {"gender": Gender.NON_BINARY, "education": EducationLevel.ISCED_5_8},
     (ExitStatus.UNKNOWN, None, None)),
    (63, {"unemployed_since": TODAY - timedelta(days=300)},
     (ExitStatus.REFERRED_TO_OTHER_SERVICES, None, ReferralKind.HEALTH_CARE)),
    (50, {"labour_market_status": LabourMarketStatus.EMPLOYED, "unemployed_since": None},
     (ExitStatus.EMPLOYED, EmploymentType.WAGE_SUBSIDISED, None)),
    (57, {}, (ExitStatus.UNEMPLOYED, None, None)),
]  # fmt: skip


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose participants entered over a year, most of whom have left."""
    data_dir = tmp_path_factory.mktemp("original")
    create_users_and_projects(data_dir, TODAY)
    state = _intake(data_dir)
    coach = _context(state, "kaisa")
    for number, (age, changes, leaving) in enumerate(PEOPLE):
        entered = TODAY - timedelta(days=400 - 40 * number)
        accepted = state.bus.handle(
            EnrolPerson(
                coach_id=coach.actor, identity_code=None,
                birth_date=date(entered.year - age, 1, 1), first_name="Testi",
                last_name=f"Henkilö{number}", phone="", email="", language="fi",
                consent_version="2026-01", consented_at=datetime.now(UTC),
                entry_date=entered, entry_route=EntryRoute.SELF_REFERRAL,
                start_data=_start(age, **changes),
            ),
            coach,
        )  # fmt: skip
        if leaving is not None:
            status, employment, referral = leaving
            state.bus.handle(
                ExitClient(
                    client_id=accepted.id, exit_date=entered + timedelta(days=30),
                    exit_status=status, employment_type=employment, referral_kind=referral,
                ),
                coach,
            )  # fmt: skip
    return data_dir


def _export(data_dir: Path) -> str:
    """Reporting's participant export, codes form, as its CSV route writes it."""
    opened = Opened(data_dir)
    try:
        facts, _ = as_of_facts(opened.sources, PROJECT)
    finally:
        opened.close()
    rows = exports.participant_rows(facts.participants, PERIOD)
    return exports.to_csv(exports.PARTICIPANT_COLUMNS, rows, exports.code_text)


def _figures(data_dir: Path) -> list[tuple[str, object, object]]:
    opened = Opened(data_dir)
    try:
        report, _ = as_of_report(opened.sources, PROJECT, PERIOD)
    finally:
        opened.close()
    return [(f.key, f.in_period, f.cumulative) for f in report.figures]


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Path]:
    """A new system: the project registered and its users, no participants."""
    create_users_and_projects(tmp_path, TODAY)
    yield tmp_path


def _import(data_dir: Path, file: Path, *more: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        ["import", "participants", str(file), "--project", PROJECT, "--data-dir",
         str(data_dir), *more],
        catch_exceptions=False,
    )  # fmt: skip
    return result.exit_code, result.output


def test_the_columns_are_the_participant_exports() -> None:
    assert import_sheet.PARTICIPANT_COLUMNS == exports.PARTICIPANT_COLUMNS


def test_an_export_imported_into_an_empty_system_gives_the_same_figures(
    original: Path, empty: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    file = tmp_path_factory.mktemp("files") / "participants.csv"
    file.write_text(_export(original), encoding="utf-8")

    code, output = _import(empty, file)

    assert code == 0, output
    assert f"{len(PEOPLE)} created" in output
    assert _figures(empty) == _figures(original)
    assert any(value for _, value, _ in _figures(empty))  # not two empty reports


def test_importing_twice_creates_nothing_new(
    original: Path, empty: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    file = tmp_path_factory.mktemp("files") / "participants.csv"
    file.write_text(_export(original), encoding="utf-8")
    assert _import(empty, file)[0] == 0
    log = SERVICES["intake"].start(empty).runtime.log
    before = log.head().position

    code, output = _import(empty, file)

    assert code == 0, output
    assert f"{len(PEOPLE)} already imported" in output
    assert log.head().position == before


def test_a_dry_run_names_each_problem_by_row_and_column_and_stores_nothing(
    empty: Path, tmp_path: Path
) -> None:
    file = tmp_path / "sheet.csv"
    file.write_text(
        "participant_id;start_date;gender;age_at_start;employment_status_at_start;"
        "unemployed_since;highest_education_before_start;end_date;status_upon_leaving\n"
        f"A1;{TODAY - timedelta(days=50)};female;55;unemployed;;isced_3_4;;\n"
        "A2;31.2.2026;female;55;unemployed;;isced_3_4;;\n"
        f"A3;{TODAY - timedelta(days=50)};woman;;unemployed;;isced_3_4;;\n"
        f"A4;{TODAY - timedelta(days=50)};male;30;unemployed;;isced_3_4;;\n"
        f"A1;{TODAY - timedelta(days=50)};male;60;unemployed;;isced_3_4;;\n",
        encoding="utf-8",
    )
    log = SERVICES["intake"].start(empty).runtime.log
    before = log.head().position

    code, output = _import(empty, file, "--dry-run")

    assert code == 1
    assert "row 3, column 'start_date': not a date" in output
    assert "row 4, column 'gender': not one of the codes" in output
    assert "row 4, column 'age_at_start': missing" in output
    assert "row 5, column 'age_at_start': outside the project's target group" in output
    assert "row 6, column 'participant_id': the same participant is on row 2 too" in output
    assert "1 would be created" in output
    assert log.head().position == before
    # a real import of a file with problems stores nothing either
    assert _import(empty, file)[0] == 1
    assert log.head().position == before


def test_what_the_file_leaves_out_stays_missing(empty: Path, tmp_path: Path) -> None:
    file = tmp_path / "sheet.csv"
    file.write_text(
        "participant_id,start_date,gender,age_at_start,employment_status_at_start,"
        "highest_education_before_start,end_date,status_upon_leaving\n"
        f"B1,{TODAY - timedelta(days=80)},male,56,unemployed,isced_0_2,"
        f"{TODAY - timedelta(days=10)},employed\n",
        encoding="utf-8",
    )
    assert _import(empty, file)[0] == 0

    opened = Opened(empty)
    try:
        facts, _ = as_of_facts(opened.sources, PROJECT)
    finally:
        opened.close()
    [person] = facts.participants
    assert person.unemployed_since is None  # not invented from anything
    assert person.employment_type is None
    assert dict(person.sensitive) == dict.fromkeys(import_sheet.SENSITIVE, "not_asked")
    events = SERVICES["intake"].start(empty).runtime.log.read_all(0, 100)
    imported = [e for e in events if e.event_type == "intake.client_enrolled"]
    assert imported[0].payload["start_data"]["municipality"] == ""
    assert imported[0].payload["entry_route"] == "not_recorded"
    assert imported[0].correlation_id.startswith("import:")


def test_the_xlsx_export_imports_as_well(
    original: Path, empty: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    opened = Opened(original)
    try:
        facts, _ = as_of_facts(opened.sources, PROJECT)
    finally:
        opened.close()
    rows = exports.participant_rows(facts.participants, PERIOD)
    file = tmp_path_factory.mktemp("files") / "participants.xlsx"
    file.write_bytes(xlsx.workbook("participants", exports.PARTICIPANT_COLUMNS, rows))

    code, output = _import(empty, file)

    assert code == 0, output
    assert _figures(empty) == _figures(original)


def test_only_a_project_manager_imports_from_the_command_line(empty: Path, tmp_path: Path) -> None:
    file = tmp_path / "sheet.csv"
    file.write_text(
        "participant_id,start_date,gender,age_at_start,employment_status_at_start,"
        f"highest_education_before_start\nC1,{TODAY - timedelta(days=5)},male,56,inactive,"
        "isced_0_2\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match="not a project manager"):
        _import(empty, file, "--as", "kaisa")
    assert _import(empty, file, "--as", "paivi")[0] == 0


def test_personal_columns_are_checked_as_an_enrolment_checks_them(
    empty: Path, tmp_path: Path
) -> None:
    day = TODAY - timedelta(days=50)
    file = tmp_path / "sheet.csv"
    file.write_text(
        "participant_id;start_date;gender;age_at_start;employment_status_at_start;"
        "highest_education_before_start;first_name;last_name;identity_code;birth_date;phone;"
        "email;language\n"
        f"D1;{day};female;55;inactive;isced_3_4;Aino;Aalto;010101-123X;;12-34;aino;de\n"
        f"D2;{day};female;55;inactive;isced_3_4;;;;{day.replace(year=day.year - 40)};;;\n"
        f"D3;{day};female;55;inactive;isced_3_4;Eino;Aalto;;;+358 40 123 4567;e@x.fi;sv\n",
        encoding="utf-8",
    )

    code, output = _import(empty, file, "--dry-run")

    assert code == 1
    assert "row 2, column 'identity_code': not a valid personal identity code" in output
    assert "row 2, column 'phone': not a phone number" in output
    assert "row 2, column 'email': not an e-mail address" in output
    assert "row 2, column 'language': not one of the codes fi, sv, en" in output
    assert "row 3, column 'age_at_start': not the age the birth date gives" in output
    assert "1 would be created" in output  # D3: names and contact details are fine
