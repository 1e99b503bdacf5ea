"""``duuni import sessions``: participants imported first, then their sessions; coaching's
figures and reporting's count them; a second import creates nothing new; a dry run with
a bad row names it by row and column and stores nothing."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duuni.cli import app
from duuni.demo.accounts import PROJECT, create_users_and_projects
from duuni.import_cli import ImportRefused
from duuni.services import SERVICES
from services.coaching.entrypoints.state import CoachingState
from services.reporting.cli import Opened
from services.reporting.domain.figures import Period
from services.reporting.service_layer.reports import as_of_report
from shared.import_ids import imported_client_id

TODAY = date.today()
PERIOD = Period(date(TODAY.year - 2, 1, 1), TODAY)
DAY = TODAY - timedelta(days=30)

PARTICIPANTS = (
    "participant_id,start_date,gender,age_at_start,employment_status_at_start,"
    "highest_education_before_start\n"
    f"P1,{TODAY - timedelta(days=90)},female,56,unemployed,isced_3_4\n"
    f"P2,{TODAY - timedelta(days=80)},male,60,inactive,isced_0_2\n"
)
SESSIONS = (
    "participant_id;date;kind;duration_minutes;attendance;topics;coach\n"
    f"P1;{DAY};personal_coaching;60;held;cv, interview;kaisa\n"
    f"P1;{DAY + timedelta(days=7)};job_search_help;90;held;;\n"
    f"P1;{DAY + timedelta(days=14)};personal_coaching;60;no_show;;kaisa\n"
    f"P2;{DAY};follow_up;45;held;wellbeing;\n"
)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["import", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's users and its participants imported, once (hashing is the slow part)."""
    data = tmp_path_factory.mktemp("template") / "data"
    create_users_and_projects(data, TODAY)
    participants = data.parent / "participants.csv"
    participants.write_text(PARTICIPANTS, encoding="utf-8")
    code, output = _run("participants", str(participants), "-p", PROJECT, "--data-dir", str(data))
    assert code == 0, output
    return data


@pytest.fixture
def system(template: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the template system, and the sessions sheet beside it."""
    data = tmp_path / "data"
    shutil.copytree(template, data)
    (tmp_path / "sessions.csv").write_text(SESSIONS, encoding="utf-8")
    yield data


def _sha256(data: Path) -> str:
    return hashlib.sha256((data.parent / "sessions.csv").read_bytes()).hexdigest()


def _sessions(data: Path, file: Path, *more: str) -> tuple[int, str]:
    return _run("sessions", str(file), "--project", PROJECT, "--data-dir", str(data), *more)


def _coaching_figures(data: Path) -> dict[str, tuple[int, float, int]]:
    service = SERVICES["coaching"].start(data)
    try:
        service.runtime.catch_up()
        state = service.state
        assert isinstance(state, CoachingState)
        return {
            f.client_id: (f.sessions_held, f.hours, f.no_shows)
            for f in state.views.client_figures(PROJECT)
        }
    finally:
        service.runtime.close()


def _log_position(data: Path) -> int:
    service = SERVICES["coaching"].start(data)
    try:
        return service.runtime.log.head().position
    finally:
        service.runtime.close()


def test_sessions_of_imported_participants_show_in_coaching_and_reporting(
    system: Path,
) -> None:
    code, output = _sessions(system, system.parent / "sessions.csv")

    assert code == 0, output
    assert "4 created" in output
    p1, p2 = (imported_client_id(PROJECT, ref) for ref in ("P1", "P2"))
    assert _coaching_figures(system) == {p1: (2, 2.5, 1), p2: (1, 0.75, 0)}
    opened = Opened(system)
    try:
        report, _ = as_of_report(opened.sources, PROJECT, PERIOD)
    finally:
        opened.close()
    figures = {f.key: f.cumulative for f in report.figures}
    assert figures["coaching.sessions"] == 3  # the no-show is not a session held
    assert figures["coaching.clients_coached"] == 2
    service = SERVICES["coaching"].start(system)
    try:
        events = service.runtime.log.read_all(0, 100)
    finally:
        service.runtime.close()
    imported = [e for e in events if e.event_type.startswith("coaching.session_")]
    assert len(imported) == 5  # three held; a no-show is its booking and cancellation
    assert {e.correlation_id for e in imported} == {f"import:{_sha256(system)}"}


def test_importing_the_same_sessions_twice_creates_nothing_new(system: Path) -> None:
    file = system.parent / "sessions.csv"
    assert _sessions(system, file)[0] == 0
    before = _log_position(system)

    code, output = _sessions(system, file)

    assert code == 0, output
    assert "4 already imported: nothing new" in output
    assert _log_position(system) == before


def test_a_dry_run_with_a_bad_row_names_it_and_stores_nothing(system: Path) -> None:
    file = system.parent / "bad.csv"
    file.write_text(
        SESSIONS
        + f"P9;{DAY};personal_coaching;60;held;;\n"
        + f"P2;{DAY};personal_coaching;60;came;;\n"
        + f"P2;{DAY};personal_coaching;60;held;;nobody\n",
        encoding="utf-8",
    )
    before = _log_position(system)

    code, output = _sessions(system, file, "--dry-run")

    assert code == 1
    assert "row 6, column 'participant_id': no such participant in the project" in output
    assert "row 7, column 'attendance': not one of the codes held, no_show" in output
    assert "row 8, column 'coach': no such user among the project's coaches" in output
    assert "4 would be created" in output
    assert _log_position(system) == before
    assert _sessions(system, file)[0] == 1  # for real: nothing stored either
    assert _log_position(system) == before
    assert _coaching_figures(system) == {}


def test_only_a_project_manager_imports_sessions(system: Path) -> None:
    with pytest.raises(ImportRefused, match="not a project manager"):
        _sessions(system, system.parent / "sessions.csv", "--as", "kaisa")
    assert _sessions(system, system.parent / "sessions.csv", "--as", "paivi")[0] == 0
