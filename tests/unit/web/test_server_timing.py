"""Every answer says where its time went (``Server-Timing``), and the load bench reads it."""

from __future__ import annotations

import time

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bench.latency import server_timing
from shared.web.timing import ServerTiming, in_thread, span


def _slow_write() -> str:
    with span("handler"):
        time.sleep(0.02)
    return "stored"


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/write")
    async def write() -> dict[str, str]:
        return {"answer": await in_thread(_slow_write)}

    @app.get("/read")
    def read() -> dict[str, str]:
        return {"answer": "read"}

    app.add_middleware(ServerTiming)
    return app


def test_a_write_names_its_parts_and_the_whole() -> None:
    with TestClient(_app()) as client:
        answer = client.post("/write")

    spans = server_timing(answer.headers["server-timing"])
    assert answer.json() == {"answer": "stored"}
    assert list(spans) == ["route", "pool", "handler", "app"]
    assert spans["handler"] >= 20  # the span marked in the worker thread reached its request
    assert spans["app"] >= spans["route"] + spans["pool"] + spans["handler"]


def test_a_read_gives_the_whole_and_spans_outside_a_request_are_dropped() -> None:
    assert _slow_write() == "stored"  # no request: nothing to record, nothing raised
    with TestClient(_app()) as client:
        answer = client.get("/read")

    assert list(server_timing(answer.headers["server-timing"])) == ["app"]


def test_the_header_is_read_as_the_standard_writes_it() -> None:
    header = 'db;dur=53.2, cache;desc="Cache Read";dur=23.2, total;dur=120, db;dur=1, junk'

    assert server_timing(header) == {"db": 54.2, "cache": 23.2, "total": 120.0}
