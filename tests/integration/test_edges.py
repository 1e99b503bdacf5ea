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
from shared.web.security import MAX_BODY_BYTES
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
    form = app.post("/login", data={"username": "x" * MAX_BODY_BYTES, "password": "p"})

    for answer in (declared, streamed, form):
        assert answer.status_code == 413, answer.text[:200]
        assert answer.json()["code"] == "body_too_large"
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
