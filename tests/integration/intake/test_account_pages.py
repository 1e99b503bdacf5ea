"""The account pages over intake's app: one's own password, and the administrator's users."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.service_layer.accounts import Membership, list_users, set_user_active
from shared.web.auth import COOKIE
from tests.integration.intake.account_clients import (
    accounts,
    another,
    can_sign_in,
    change,
    signed_in,
    still_signed_in,
)
from tests.integration.intake.builders import PASSWORD, a_user

NEW = "otava kahvikuppi purjevene"


@pytest.fixture
def admin(app: TestClient, data_dir: Path) -> str:
    """``app`` signed in as an administrator; the CSRF token of the session."""
    with accounts(data_dir) as store:
        a_user(store, "admin", roles=("admin",), projects=())
    return signed_in(app, "admin")


def test_a_coach_changes_their_password_and_signs_in_only_with_the_new_one(
    app: TestClient,
) -> None:
    elsewhere = another(app)
    signed_in(elsewhere, "coach-a")
    csrf = signed_in(app, "coach-a")
    kept = app.cookies.get(COOKIE)
    assert app.get("/account/password").status_code == 200

    answer = change(app, csrf, PASSWORD, NEW)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/account/password?saved=password_changed"
    assert "Your password was changed." in app.get(answer.headers["location"]).text
    assert still_signed_in(app) and app.cookies.get(COOKIE) == kept
    assert not still_signed_in(elsewhere)
    assert can_sign_in(app, "coach-a", NEW) and not can_sign_in(app, "coach-a", PASSWORD)


@pytest.mark.parametrize(
    ("current", "new", "again", "field", "message"),
    [
        ("not my password at all", NEW, NEW, "current_password", "The current password is wrong."),
        (PASSWORD, "salasana2026!", "salasana2026!", "new_password", "too easy to guess"),
        (PASSWORD, "short", "short", "new_password", "at least 12 characters"),
        (PASSWORD, NEW, NEW + " ", "new_password_again", "The passwords do not match"),
    ],
)
def test_a_refused_change_shows_the_reason_at_its_field_and_changes_nothing(
    app: TestClient, current: str, new: str, again: str, field: str, message: str
) -> None:
    elsewhere = another(app)
    signed_in(elsewhere, "coach-a")
    csrf = signed_in(app, "coach-a")

    answer = change(app, csrf, current, new, again)

    assert answer.status_code == 422
    error = answer.text.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert all(f'value="{typed}"' not in answer.text for typed in (current, new, again))
    assert still_signed_in(elsewhere) and can_sign_in(app, "coach-a", PASSWORD)


def test_the_password_page_wants_a_signed_in_user_and_the_sessions_csrf_token(
    app: TestClient,
) -> None:
    app.cookies.clear()
    assert app.get("/account/password", follow_redirects=False).status_code == 303
    signed_in(app, "coach-a")

    answer = change(app, "stale", PASSWORD, NEW)

    assert answer.status_code == 403 and "The form has expired" in answer.text
    assert can_sign_in(app, "coach-a", PASSWORD)


def test_a_coach_may_not_see_the_users_and_a_stranger_is_asked_to_sign_in(
    app: TestClient,
) -> None:
    app.cookies.clear()
    stranger = app.get("/admin/users", follow_redirects=False)
    csrf = signed_in(app, "coach-a")

    assert stranger.status_code == 303 and stranger.headers["location"].startswith("/login")
    assert app.get("/admin/users").status_code == 403
    posted = app.post("/admin/users/coach-a2/active", data={"csrf_token": csrf, "active": "no"})
    assert posted.status_code == 403 and can_sign_in(app, "coach-a2", PASSWORD)


def test_the_admin_sees_every_user_the_inactive_too(app: TestClient, admin: str) -> None:
    app.post("/admin/users/coach-b/active", data={"csrf_token": admin, "active": "no"})

    page = app.get("/admin/users")

    assert page.status_code == 200
    rows = page.text.split('<th scope="row"')[1:]
    assert [row.split(">", 1)[1].split("<", 1)[0] for row in rows] == [
        "admin",
        "auditor-a",
        "coach-a",
        "coach-a2",
        "coach-b",
        "manager-a",
    ]
    assert "Not in use" in rows[4] and "Coach" in rows[4] and ">B<" in rows[4]
    assert "Project manager" in rows[5]
    forms = [row.count('name="csrf_token"') for row in rows]
    assert forms == [2, 3, 3, 3, 3, 3]  # no admin deactivates themselves from here


def test_the_admin_deactivates_a_user_who_is_signed_out_and_then_reactivates_them(
    app: TestClient, admin: str
) -> None:
    coach = another(app)
    signed_in(coach, "coach-a2")

    answer = app.post(
        "/admin/users/coach-a2/active",
        data={"csrf_token": admin, "active": "no"},
        follow_redirects=False,
    )

    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/users?saved=user_deactivated&user=coach-a2"
    notice = app.get(answer.headers["location"]).text
    assert "coach-a2 can no longer sign in" in notice
    assert not still_signed_in(coach) and not can_sign_in(app, "coach-a2", PASSWORD)
    again = app.post("/admin/users/coach-a2/active", data={"csrf_token": admin, "active": "yes"})
    assert "coach-a2 can sign in again." in again.text
    assert can_sign_in(app, "coach-a2", PASSWORD)


def test_the_admin_ends_a_users_sessions(app: TestClient, admin: str) -> None:
    coach = another(app)
    signed_in(coach, "coach-a2")

    answer = app.post("/admin/users/coach-a2/sessions", data={"csrf_token": admin})

    assert answer.status_code == 200 and "coach-a2 was signed out everywhere." in answer.text
    assert not still_signed_in(coach) and still_signed_in(app)


def test_the_admin_sets_a_new_password(app: TestClient, admin: str) -> None:
    coach = another(app)
    signed_in(coach, "coach-a2")
    form = {"csrf_token": admin, "password": NEW, "password_again": NEW}

    answer = app.post("/admin/users/coach-a2/password", data=form)

    assert "coach-a2 has a new password" in answer.text
    assert not still_signed_in(coach)
    assert can_sign_in(app, "coach-a2", NEW) and not can_sign_in(app, "coach-a2", PASSWORD)


@pytest.mark.parametrize(
    ("new", "again", "field", "message"),
    [
        ("short", "short", "password", "at least 12 characters"),
        ("salasana2026!", "salasana2026!", "password", "too easy to guess"),
        (NEW, NEW.upper(), "password_again", "The passwords do not match"),
    ],
)
def test_a_refused_new_password_is_shown_at_that_users_field(
    app: TestClient, admin: str, new: str, again: str, field: str, message: str
) -> None:
    form = {"csrf_token": admin, "password": new, "password_again": again}

    answer = app.post("/admin/users/coach-a2/password", data=form)

    assert answer.status_code == 422
    error = answer.text.split(f'id="{field}-coach-a2-error"', 1)[1].split("</p>", 1)[0]
    assert message in error and f'href="#{field}-coach-a2"' in answer.text
    assert f'value="{new}"' not in answer.text and can_sign_in(app, "coach-a2", PASSWORD)


def test_the_users_forms_want_the_sessions_csrf_token_and_a_known_user(
    app: TestClient, admin: str
) -> None:
    expired = app.post("/admin/users/coach-a2/active", data={"csrf_token": "old", "active": "no"})
    unknown = app.post("/admin/users/nobody/sessions", data={"csrf_token": admin})

    assert expired.status_code == 403 and "The form has expired" in expired.text
    assert unknown.status_code == 404 and can_sign_in(app, "coach-a2", PASSWORD)


def test_every_user_is_listed_by_username_with_their_memberships(store: SqlAccountStore) -> None:
    a_user(store, "maija", projects=("B", "A"))
    a_user(store, "aapo", roles=("admin",), projects=())
    set_user_active(store, "maija", False)

    listed = {user.username: user for user in list_users(store)}

    assert list(listed) == ["aapo", "maija"] and not listed["maija"].active
    assert listed["maija"].memberships == (
        Membership(project_id="A", role="coach"),
        Membership(project_id="B", role="coach"),
    )
    assert listed["aapo"].is_admin and listed["aapo"].memberships == ()
