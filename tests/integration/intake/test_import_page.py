"""The import page: a project manager uploads a sheet, reads the dry run, confirms; the
problems of a bad file are told by row and column and nothing is stored; a coach may not
import; a changed file is not imported on an old confirmation."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.clients import database_url, sign_in
from tests.integration.intake.test_coach_rules import member_id

PAGE = "/p/A/import"
DAY = (date.today() - timedelta(days=60)).isoformat()
GOOD = (
    "participant_id,start_date,gender,age_at_start,employment_status_at_start,"
    "unemployed_since,highest_education_before_start,end_date,status_upon_leaving,"
    "employment_type\n"
    f"P-1,{DAY},female,55,unemployed,2020-01-01,isced_3_4,,,\n"
    f"P-2,{DAY},male,60,employed,,isced_5_8,{date.today().isoformat()},employed,fixed_term\n"
)
BAD = GOOD + f"P-3,{DAY},robot,41,unemployed,,isced_3_4,,,\n"


def head(data_dir: Path) -> int:
    db = open_database(database_url(data_dir))
    try:
        return SqlEventLog(db, "intake").head().position
    finally:
        db.dispose()


def upload(app: TestClient, headers: dict[str, str], text: str, name: str = "p.csv") -> str:
    answer = app.post(
        PAGE,
        data={"csrf_token": headers["X-CSRF-Token"]},
        files={"file": (name, text.encode(), "text/csv")},
    )
    return f"{answer.status_code}\n{answer.text}"


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return found.group(1)


def test_upload_dry_run_then_confirm_imports_once(app: TestClient, data_dir: Path) -> None:
    manager = sign_in(app, "manager-a")
    before = head(data_dir)

    checked = upload(app, manager, GOOD)

    assert checked.startswith("200")
    assert checked.count(">luodaan<") == 2  # "would be created", in Finnish by default
    assert head(data_dir) == before
    form = {name: hidden(checked, name) for name in ("content", "sha256", "file_name")}
    done = app.post(f"{PAGE}/confirm", data={"csrf_token": manager["X-CSRF-Token"], **form})
    assert done.status_code == 200, done.text
    assert head(data_dir) == before + 3  # two entries and one exit
    again = app.post(f"{PAGE}/confirm", data={"csrf_token": manager["X-CSRF-Token"], **form})
    assert again.status_code == 200
    assert head(data_dir) == before + 3


def test_a_bad_file_is_told_by_row_and_column_and_stores_nothing(
    app: TestClient, data_dir: Path
) -> None:
    manager = sign_in(app, "manager-a")
    before = head(data_dir)
    app.cookies.set("duuni_lang", "en")

    checked = upload(app, manager, BAD)

    assert checked.startswith("422")
    assert "Row 4, column gender: not one of the codes" in checked
    assert "Row 4, column age_at_start: outside the project" not in checked  # parse first
    assert 'name="content"' not in checked  # no confirmation offered
    assert head(data_dir) == before


def test_a_changed_file_is_not_imported_on_an_old_confirmation(
    app: TestClient, data_dir: Path
) -> None:
    manager = sign_in(app, "manager-a")
    checked = upload(app, manager, GOOD)
    form = {name: hidden(checked, name) for name in ("content", "file_name")}
    before = head(data_dir)

    done = app.post(
        f"{PAGE}/confirm",
        data={"csrf_token": manager["X-CSRF-Token"], "sha256": "0" * 64, **form},
    )

    assert done.status_code == 422
    assert head(data_dir) == before


def test_a_coach_may_not_import_and_a_missing_token_is_refused(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    assert app.get(PAGE).status_code == 403
    assert upload(app, coach, GOOD).startswith("403")
    manager = sign_in(app, "manager-a")
    assert app.get(PAGE).status_code == 200
    answer = app.post(PAGE, data={"csrf_token": "wrong"}, files={"file": ("p.csv", b"x")})
    assert answer.status_code == 403
    assert manager  # signed in, but the token did not match
    assert app.get("/p/B/import").status_code in (403, 404)


PEOPLE = (
    "participant_id,start_date,gender,age_at_start,employment_status_at_start,"
    "highest_education_before_start,first_name,last_name,identity_code,phone,language\n"
    f"N-1,{DAY},female,55,unemployed,isced_3_4,Aino,Lahtinen,{{code}},040 123 4567,sv\n"
    f"N-2,{DAY},male,58,inactive,isced_0_2,,,,,\n"
)


def _code_aged(age: int) -> str:
    """A valid identity code of someone ``age`` years old on ``DAY``."""
    from services.intake.domain.identity import CHECK_CHARACTERS

    born = date.fromisoformat(DAY).replace(year=date.fromisoformat(DAY).year - age) - timedelta(
        days=10
    )
    digits = f"{born:%d%m%y}"
    sign = "-" if born.year < 2000 else "A"
    return f"{digits}{sign}123{CHECK_CHARACTERS[int(digits + '123') % 31]}"


def test_an_imported_client_is_a_client_a_coach_works_with(app: TestClient) -> None:
    from services.intake.domain.importing import imported_client_id

    manager = sign_in(app, "manager-a")
    code = _code_aged(55)
    checked = upload(app, manager, PEOPLE.replace("{code}", code))
    assert checked.startswith("200"), checked
    form = {name: hidden(checked, name) for name in ("content", "sha256", "file_name")}
    done = app.post(f"{PAGE}/confirm", data={"csrf_token": manager["X-CSRF-Token"], **form})
    assert done.status_code == 200, done.text
    named, nameless = imported_client_id("A", "N-1"), imported_client_id("A", "N-2")

    coach = sign_in(app, "coach-a")
    other = member_id(app, "coach-a2")
    shown = app.get(f"/api/intake/projects/A/clients/{named}").json()
    assert (shown["first_name"], shown["last_name"], shown["language"]) == (
        "Aino",
        "Lahtinen",
        "sv",
    )
    page = app.get(f"/p/A/clients/{nameless}")
    assert page.status_code == 200 and "<h1>N-2</h1>" in page.text  # the earlier number
    assert "N-2" in app.get("/p/A/clients").text
    for client_id in (named, nameless):
        corrected = app.post(
            f"/api/intake/projects/A/clients/{client_id}/corrections",
            json={"gender": "female", "education": "isced_5_8", "labour_market_status":
                  "unemployed", "unemployed_since": "2020-01-01", "municipality": "Lohja",
                  "reason": "typo in the old records"},
            headers=coach,
        )  # fmt: skip
        assert corrected.status_code == 200, corrected.text
        assigned = app.post(
            f"/api/intake/projects/A/clients/{client_id}/coach",
            json={"coach_id": other}, headers=coach,
        )  # fmt: skip
        assert assigned.status_code == 200, assigned.text
        exited = app.post(
            f"/api/intake/projects/A/clients/{client_id}/exit",
            json={"exit_date": date.today().isoformat(), "exit_status": "job_searching"},
            headers=coach,
        )  # fmt: skip
        assert exited.status_code == 200, exited.text


def test_an_identity_code_already_in_the_project_is_refused_at_its_row(app: TestClient) -> None:
    manager = sign_in(app, "manager-a")
    code = _code_aged(55)
    first = upload(app, manager, PEOPLE.replace("{code}", code))
    form = {name: hidden(first, name) for name in ("content", "sha256", "file_name")}
    app.post(f"{PAGE}/confirm", data={"csrf_token": manager["X-CSRF-Token"], **form})
    app.cookies.set("duuni_lang", "en")
    again = PEOPLE.replace("{code}", code).replace("N-1,", "N-9,")

    checked = upload(app, manager, again)

    assert checked.startswith("422")
    assert "Row 2, column identity_code: a client with this identity code is already" in checked
    assert "N-2" in checked  # already imported: nothing new


def test_the_import_is_one_write_in_the_access_log(app: TestClient, data_dir: Path) -> None:
    from sqlalchemy import text

    manager = sign_in(app, "manager-a")
    checked = upload(app, manager, GOOD)
    form = {name: hidden(checked, name) for name in ("content", "sha256", "file_name")}
    app.post(f"{PAGE}/confirm", data={"csrf_token": manager["X-CSRF-Token"], **form})
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT action, purpose, channel FROM access_log WHERE purpose LIKE 'import%'")
            ).all()
    finally:
        db.dispose()

    assert len(rows) == 1
    action, purpose, channel = rows[0]
    assert (action, channel) == ("write", "page")
    assert form["sha256"] in purpose and "2 participants" in purpose


def test_the_client_list_links_the_import_for_its_project_managers_only(app: TestClient) -> None:
    sign_in(app, "manager-a")
    assert 'href="/p/A/import"' in app.get("/p/A/clients").text
    sign_in(app, "coach-a")
    assert 'href="/p/A/import"' not in app.get("/p/A/clients").text
