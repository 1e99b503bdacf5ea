"""What every request and answer of the site goes through: body limit, headers, operators.

Issue-level hardening: a 20 MB enrolment was accepted, exports could sit in caches, and
log positions and head hashes were public.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from duuni.app import create_app
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.projects import register_project
from shared.eventlog.sql import SqlEventLog, open_database
from shared.web.security import MAX_BODY_BYTES
from tests.integration.intake.builders import PASSWORD, a_user
from tests.integration.intake.clients import a_plan
from tests.operator import OPERATOR


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "data", ["intake", "reporting"])) as client:
        yield client


def test_a_body_over_the_limit_is_refused_with_413_before_any_route_reads_it(
    app: TestClient,
) -> None:
    big = b'{"username": "' + b"x" * MAX_BODY_BYTES + b'", "password": "p"}'

    declared = app.post(
        "/api/intake/session", content=big, headers={"Content-Type": "application/json"}
    )
    streamed = app.post(
        "/api/intake/session",
        content=(big[i : i + 65536] for i in range(0, len(big), 65536)),
        headers={"Content-Type": "application/json"},
    )
    form = app.post(
        "/login",
        data={"username": "x" * MAX_BODY_BYTES, "password": "p"},
        headers={"Accept-Language": "sv"},
    )

    for answer in (declared, streamed):
        assert answer.status_code == 413, answer.text[:200]
        assert answer.json()["code"] == "body_too_large"
    assert form.status_code == 413
    assert form.headers["content-type"].startswith("text/html")
    assert "För mycket på en gång" in form.text
    small = app.post("/api/intake/session", json={"username": "nobody", "password": "p"})
    assert small.status_code == 401


def test_answers_are_never_cached_and_carry_hsts_only_over_https(
    tmp_path: Path, app: TestClient
) -> None:
    plain = app.get("/login")
    api = app.get("/api/intake/session")

    assert plain.headers["Cache-Control"] == "no-store"
    assert api.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in plain.headers
    with TestClient(create_app(tmp_path / "tls", ["intake"]), base_url="https://duuni") as tls:
        secure = tls.get("/login")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("path", ["/metrics", "/health", "/api/intake/health"])
def test_operational_detail_answers_only_to_the_operator_token(app: TestClient, path: str) -> None:
    anonymous = app.get(path)
    wrong = app.get(path, headers={"Authorization": "Bearer guess"})
    operator = app.get(path, headers=OPERATOR)

    assert anonymous.status_code == 401 and anonymous.json()["code"] == "operator_token_required"
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert wrong.status_code == 401
    assert operator.status_code == 200
    assert "hash" not in anonymous.text


def test_liveness_and_readiness_stay_open(app: TestClient) -> None:
    assert app.get("/health/live").status_code == 200
    assert app.get("/health/ready").status_code == 200


def test_a_browser_meets_the_sites_error_pages_in_its_language_not_json(
    app: TestClient,
) -> None:
    missing = app.get("/p/S1/nothing-here", headers={"Accept-Language": "fi"})
    malformed = app.get("/p/S1/reports?start=not-a-day", headers={"Accept-Language": "en"})
    api = app.get("/api/nothing-here")

    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Ei löytynyt" in missing.text
    assert malformed.status_code in (200, 303, 422)
    assert not malformed.headers["content-type"].startswith("application/json")
    assert api.status_code == 404 and api.json()["code"] == "not_found"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[TestClient]:
    """All four services, a project S1 and a coach of it, signed in."""
    data_dir = tmp_path / "site"
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    store = SqlAccountStore(db).create()
    a_user(store, "coach-s1", projects=("S1",))
    register_project(SqlEventLog(db, "intake").create(), "S1", a_plan(), actor="admin")
    db.dispose()
    with TestClient(create_app(data_dir)) as client:
        answer = client.post(
            "/api/intake/session", json={"username": "coach-s1", "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        yield client


@pytest.mark.parametrize(
    "path",
    [
        "/p/S1/clients/new",
        "/p/S1/coaching/programmes",
        "/p/S1/matching/companies",
        "/p/S1/reports/targets",
    ],
)
def test_a_form_without_its_csrf_token_gets_the_expired_page_on_every_service(
    site: TestClient, path: str
) -> None:
    answer = site.post(path, data={"csrf_token": "forged"}, headers={"Accept-Language": "fi"})

    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("text/html")
    assert "Lomake on vanhentunut" in answer.text


def test_a_nul_character_anywhere_in_the_text_is_refused_before_any_route(
    site: TestClient,
) -> None:
    json_nul = site.post(
        "/api/intake/projects/S1/clients",
        content=b'{"first_name": "Ai\\u0000no"}',
        headers={"Content-Type": "application/json"},
    )
    form_nul = site.post("/p/S1/clients/new", content=b"first_name=Ai%00no",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    query_nul = site.get("/api/intake/projects/S1/clients?q=a%00b")
    typed_backslash = site.get("/api/intake/projects/S1/clients?q=%5Cu0000")

    assert json_nul.status_code == 422, json_nul.text
    assert json_nul.json()["code"] == "nul_in_text", json_nul.text
    assert form_nul.status_code == 422 and form_nul.headers["content-type"].startswith("text/html")
    assert (query_nul.status_code, query_nul.json()["code"]) == (422, "nul_in_text")
    assert typed_backslash.status_code == 200
