"""``duuni users add`` as an administrator meets it, in a separate process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.service_layer.accounts import authenticate
from shared.eventlog.sql import open_database
from tests.integration.intake.builders import PASSWORD


def users_add(*args: str, password: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "duuni", "users", "add", *args, "--password-stdin"],
        input=password + "\n", cwd=cwd, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_users_add_creates_an_account_that_can_sign_in(tmp_path: Path) -> None:
    result = users_add(
        "maija", "--role", "coach", "--project", "S21048", "--project", "S21099",
        "--display-name", "Maija Meikäläinen", password=PASSWORD, cwd=tmp_path,
    )  # fmt: skip

    database = open_database(f"sqlite:///{tmp_path / 'data' / 'intake.sqlite3'}")
    user = authenticate(
        SqlAccountStore(database), username="maija", password=PASSWORD, address="cli-test"
    )
    database.dispose()
    assert result.returncode == 0, result.stderr
    assert "created user maija" in result.stdout
    assert user.display_name == "Maija Meikäläinen"
    assert user.projects() == {"S21048", "S21099"}


def test_users_add_refuses_in_one_line_with_exit_code_2(tmp_path: Path) -> None:
    short = users_add("maija", "--role", "admin", password="too short", cwd=tmp_path)
    no_project = users_add("maija", "--role", "coach", password=PASSWORD, cwd=tmp_path)
    users_add("maija", "--role", "admin", password=PASSWORD, cwd=tmp_path)
    taken = users_add("Maija", "--role", "admin", password=PASSWORD, cwd=tmp_path)

    for result, code in [
        (short, "password_too_short"), (no_project, "project_required"), (taken, "username_taken"),
    ]:  # fmt: skip
        assert result.returncode == 2
        assert result.stderr.startswith(f"error: {code}")
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_first_start_tells_how_to_create_the_admin_and_the_app_signs_them_in(
    tmp_path: Path,
) -> None:
    from fastapi.testclient import TestClient

    from duuni.app import create_app
    from duuni.cli import _no_users_yet

    data = tmp_path / "data"
    before = _no_users_yet(data)
    created = users_add("admin", "--role", "admin", password=PASSWORD, cwd=tmp_path)
    after = _no_users_yet(data)
    with TestClient(create_app(data)) as client:
        refused = client.post("/api/intake/session", json={"username": "admin", "password": "x"})
        signed_in = client.post(
            "/api/intake/session", json={"username": "admin", "password": PASSWORD}
        )
        who = client.get("/api/intake/session")

    assert before and created.returncode == 0 and not after
    assert refused.status_code == 401
    assert signed_in.status_code == 200
    assert "httponly" in signed_in.headers["set-cookie"].lower()
    assert who.json()["username"] == "admin"


def duuni_users(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "duuni", "users", *args],
        input=stdin, cwd=cwd, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_an_administrator_resets_deactivates_and_signs_a_user_out(tmp_path: Path) -> None:
    from services.intake.service_layer.accounts import AccountError, resolve_session, start_session

    assert users_add("maija", "--role", "admin", password=PASSWORD, cwd=tmp_path).returncode == 0
    database = open_database(f"sqlite:///{tmp_path / 'data' / 'intake.sqlite3'}")
    store = SqlAccountStore(database)
    user = authenticate(store, username="maija", password=PASSWORD, address="cli-test")
    session = start_session(store, user)

    signed_out = duuni_users("sign-out", "maija", cwd=tmp_path)
    assert signed_out.returncode == 0 and "1 session(s) of maija ended" in signed_out.stdout
    assert resolve_session(store, session.token) is None

    common = duuni_users("password", "maija", "--password-stdin", cwd=tmp_path,
                         stdin="Salasana2026!\n")  # fmt: skip
    assert common.returncode == 2 and "password_too_common" in common.stderr
    new = "kolme vihreää omenaa"
    reset = duuni_users("password", "maija", "--password-stdin", cwd=tmp_path, stdin=new + "\n")
    assert reset.returncode == 0, reset.stderr
    assert authenticate(store, username="maija", password=new, address="cli-test")

    assert duuni_users("deactivate", "maija", cwd=tmp_path).returncode == 0
    try:
        authenticate(store, username="maija", password=new, address="cli-test-2")
        raise AssertionError("a deactivated user signed in")
    except AccountError as refused:
        assert refused.code == "login_failed"
    assert duuni_users("activate", "maija", cwd=tmp_path).returncode == 0
    assert authenticate(store, username="maija", password=new, address="cli-test-2")
    unknown = duuni_users("deactivate", "nobody", cwd=tmp_path)
    assert unknown.returncode == 2 and "user_not_found" in unknown.stderr
    database.dispose()
