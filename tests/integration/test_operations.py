"""What an operator reads: Prometheus metrics, liveness and readiness, correlation ids, logs."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from duuni.app import create_app
from shared.events.correlation import reset_correlation_id, set_correlation_id
from shared.events.envelope import Context
from shared.observability.logs import JsonFormatter
from tests.operator import OPERATOR


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "data", ["intake"])) as client:
        yield client


def test_metrics_count_the_log_and_time_requests_by_route_template(app: TestClient) -> None:
    app.get("/login")
    app.get("/p/S1/clients/0190-abc")  # an id in the path must not become a label

    text = app.get("/metrics", headers=OPERATOR).text

    assert 'duuni_events_appended_total{service="intake"} 0.0' in text
    assert 'duuni_consumer_lag_events{service="intake",subscription="intake.directory"}' in text
    assert 'route="/login"' in text
    assert 'route="/p/{project_id}/clients/{client_id}"' in text
    assert "0190-abc" not in text


def test_liveness_and_readiness_report_database_and_consumers(app: TestClient) -> None:
    live = app.get("/health/live")
    ready = app.get("/health/ready")

    assert live.json() == {"status": "ok"}
    assert ready.status_code == 200
    checks = ready.json()["services"]["intake"]
    assert checks["database"] == {"ok": True}
    assert checks["intake.directory"]["ok"] is True


def test_a_request_keeps_its_correlation_id_and_answers_with_it(app: TestClient) -> None:
    given = app.get("/health/live", headers={"X-Correlation-ID": "req-42"})
    made = app.get("/health/live")

    assert given.headers["x-correlation-id"] == "req-42"
    assert len(made.headers["x-correlation-id"]) == 36


def test_events_appended_during_a_request_carry_its_correlation_id() -> None:
    token = set_correlation_id("req-7")
    try:
        inside = Context(project_id="P", actor="u")
    finally:
        reset_correlation_id(token)
    outside = Context(project_id="P", actor="u")

    assert inside.correlation_id == "req-7"
    assert outside.correlation_id != "req-7"


def test_json_log_lines_carry_the_correlation_id_and_extras() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("intake"))
    logger = logging.getLogger("duuni.test.json")
    logger.addHandler(handler)
    logger.propagate = False
    token = set_correlation_id("req-9")
    try:
        logger.warning("relay lagging", extra={"lag": 12})
    finally:
        reset_correlation_id(token)
        logger.removeHandler(handler)

    line = orjson.loads(stream.getvalue())
    assert line["message"] == "relay lagging"
    assert line["correlation_id"] == "req-9"
    assert line["service"] == "intake" and line["lag"] == 12 and line["level"] == "warning"
