"""Sign-in, cookies, CSRF and role checks over HTTP, on a small app of intake's dependencies."""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

from types import SimpleNamespace
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.entrypoints import session_api
from services.intake.entrypoints.auth import COOKIE, Auth
from services.intake.service_layer.accounts import (
    ADMIN,
    COACH,
    PROJECT_MANAGER,
    ThrottlePolicy,
    User,
)
from shared.web.problems import install_problem_handlers
from tests.integration.intake.builders import CHEAP_HASHER, PASSWORD, a_user


def an_app(store: SqlAccountStore) -> FastAPI:
    auth = Auth(store, throttle=ThrottlePolicy(per_username=3), hasher=CHEAP_HASHER)
    app = FastAPI()
    install_problem_handlers(app)
    app.state.intake = SimpleNamespace(auth=auth)  # all that the sign-in routes read
    app.include_router(session_api.router)

    @app.get("/api/projects/{project_id}/clients")
    def clients(
        project_id: str, user: Annotated[User, Depends(auth.require_project_member())]
    ) -> dict[str, str]:
        return {"project": project_id, "seen_by": user.username}

    @app.get("/api/admin")
    def admin_only(user: Annotated[User, Depends(auth.require_role(ADMIN))]) -> str:
        return user.username

    @app.post("/api/notes", dependencies=[Depends(auth.verify_csrf)])
    def note(
        user: Annotated[User, Depends(auth.require_role(ADMIN, PROJECT_MANAGER, COACH))],
    ) -> str:
        return user.username

    return app


def signed_in(client: TestClient, username: str = "coach-a") -> str:
    response = client.post("/api/intake/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token


@pytest.fixture
def client(store: SqlAccountStore) -> TestClient:
    a_user(store, "coach-a", projects=("A",))
    a_user(store, "auditor-b", roles=("auditor",), projects=("B",))
    a_user(store, "admin", roles=("admin",), projects=())
    return TestClient(an_app(store))


def test_signing_in_sets_an_httponly_samesite_cookie(client: TestClient) -> None:
    response = client.post(
        "/api/intake/session", json={"username": "coach-a", "password": PASSWORD}
    )
    who = client.get("/api/intake/session")

    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie
    assert who.json()["username"] == "coach-a" and who.json()["projects"] == ["A"]


def test_the_cookie_is_secure_over_https(store: SqlAccountStore) -> None:
    a_user(store)
    https = TestClient(an_app(store), base_url="https://testserver")

    response = https.post("/api/intake/session", json={"username": "coach-a", "password": PASSWORD})

    assert "Secure" in response.headers["set-cookie"]


def test_a_wrong_password_gets_a_code_and_repeated_ones_are_throttled(client: TestClient) -> None:
    codes = [
        client.post("/api/intake/session", json={"username": "coach-a", "password": "x" * 12})
        for _ in range(4)
    ]

    assert [(r.status_code, r.json()["code"]) for r in codes] == [
        (401, "login_failed"), (401, "login_failed"), (401, "login_failed"),
        (429, "login_throttled"),
    ]  # fmt: skip
    assert 0 < int(codes[-1].headers["retry-after"]) <= 30


def test_without_a_session_a_route_answers_401(client: TestClient) -> None:
    response = client.get("/api/projects/A/clients")

    assert (response.status_code, response.json()["code"]) == (401, "not_signed_in")


def test_a_coach_sees_their_project_and_gets_404_for_another(client: TestClient) -> None:
    signed_in(client)

    own = client.get("/api/projects/A/clients")
    other = client.get("/api/projects/B/clients")

    assert own.json() == {"project": "A", "seen_by": "coach-a"}
    assert (other.status_code, other.json()["code"]) == (404, "not_found")


def test_an_admin_sees_every_project_and_others_lack_the_admin_role(client: TestClient) -> None:
    signed_in(client)
    refused = client.get("/api/admin")
    signed_in(client, "admin")

    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert client.get("/api/admin").json() == "admin"
    assert client.get("/api/projects/B/clients").status_code == 200


def test_an_auditor_is_refused_a_writing_route(client: TestClient) -> None:
    csrf = signed_in(client, "auditor-b")

    response = client.post("/api/notes", headers={"X-CSRF-Token": csrf})

    assert response.status_code == 403


def test_a_form_post_needs_the_sessions_csrf_token(client: TestClient) -> None:
    csrf = signed_in(client)

    missing = client.post("/api/notes", data={"text": "hello"})
    forged = client.post("/api/notes", data={"csrf_token": "x" * 43})
    in_form = client.post("/api/notes", data={"csrf_token": csrf, "text": "hello"})
    in_header = client.post("/api/notes", headers={"X-CSRF-Token": csrf})

    assert [missing.status_code, forged.status_code] == [403, 403]
    assert missing.json()["code"] == "csrf_failed"
    assert in_form.json() == in_header.json() == "coach-a"


def test_signing_out_needs_csrf_and_ends_the_session(client: TestClient) -> None:
    csrf = signed_in(client)
    token = client.cookies[COOKIE]

    refused = client.delete("/api/intake/session")
    done = client.delete("/api/intake/session", headers={"X-CSRF-Token": csrf})
    client.cookies.set(COOKIE, token)  # a stolen copy of the old cookie
    after = client.get("/api/intake/session")

    assert refused.status_code == 403
    assert done.status_code == 204
    assert after.status_code == 401
