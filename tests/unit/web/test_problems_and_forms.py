"""The web kit: RFC 9457 problems for every JSON error, the form reader, the edge runner."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date, time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from shared.eventlog.port import WrongExpectedVersion
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web.commands import AcceptedOut, run_form, run_json
from shared.web.forms import FormReader, FormRefused
from shared.web.problems import (
    MEDIA_TYPE,
    PROBLEM_RESPONSES,
    ProblemError,
    install_problem_handlers,
)

CONTEXT = CommandContext(actor="u1", project_id="S1", roles=frozenset({"coach"}))


@dataclasses.dataclass(frozen=True)
class Book:
    client_id: str


def book(command: Book, context: CommandContext) -> Accepted:
    if command.client_id == "gone":
        raise Refusal("client_not_active", "client_id")
    if command.client_id == "auditor":
        raise Refusal("forbidden")
    if command.client_id == "missing":
        raise Refusal("session_not_found")
    if command.client_id == "raced":
        raise WrongExpectedVersion("session-1", 1, 2)
    return Accepted("s1", recorded=1)


BUS = MessageBus({Book: book})


class BookIn(BaseModel):
    client_id: str
    minutes: int


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/book", responses=PROBLEM_RESPONSES)
    async def post(body: BookIn) -> AcceptedOut:
        accepted = await run_json(
            BUS, Book(body.client_id), CONTEXT, not_found={"session_not_found"}
        )
        return AcceptedOut.of(accepted)

    @app.get("/forbidden")
    def forbidden() -> None:
        raise ProblemError(403, "forbidden")

    return app


@pytest.fixture(scope="module")
def http() -> TestClient:
    return TestClient(_app())


def test_an_accepted_write_answers_what_was_stored(http: TestClient) -> None:
    answer = http.post("/book", json={"client_id": "c1", "minutes": 60})

    assert answer.status_code == 200
    assert answer.json() == {"id": "s1", "duplicate": False, "recorded": 1}


@pytest.mark.parametrize(
    ("client_id", "status", "code", "field"),
    [
        ("gone", 422, "client_not_active", "client_id"),
        ("missing", 404, "not_found", None),
        ("auditor", 403, "forbidden", None),
        ("raced", 409, "conflict", None),
    ],
)
def test_refusals_answer_as_problem_details(
    http: TestClient, client_id: str, status: int, code: str, field: str | None
) -> None:
    answer = http.post("/book", json={"client_id": client_id, "minutes": 60})

    assert answer.status_code == status
    assert answer.headers["content-type"] == MEDIA_TYPE
    body = answer.json()
    assert body["status"] == status and body["code"] == code and body["field"] == field
    assert body["type"] == f"/problems/{code}" and body["title"]


def test_a_malformed_request_is_a_problem_in_the_same_shape(http: TestClient) -> None:
    answer = http.post("/book", json={"client_id": "c1", "minutes": "sixty"})

    assert answer.status_code == 422
    body = answer.json()
    assert (body["code"], body["field"]) == ("invalid_request", "minutes")
    assert "minutes" in body["detail"]


def test_raised_http_errors_are_problems_too(http: TestClient) -> None:
    asks_json = {"accept": "application/json"}
    body = http.get("/forbidden", headers=asks_json).json()
    assert (body["status"], body["code"]) == (403, "forbidden")
    assert http.get("/nowhere", headers=asks_json).json()["code"] == "not_found"


def test_a_browser_gets_a_page_where_a_program_gets_a_problem(http: TestClient) -> None:
    answer = http.get("/nowhere", headers={"accept": "text/html,application/xhtml+xml"})

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "<html" in answer.text


def test_openapi_documents_the_problem_shape(http: TestClient) -> None:
    spec = http.get("/openapi.json").json()
    responses = spec["paths"]["/book"]["post"]["responses"]
    assert {"404", "409", "422"} <= set(responses)
    assert "Problem" in spec["components"]["schemas"]


def test_the_form_reader_collects_every_unreadable_field_before_refusing() -> None:
    form = FormReader(
        {"day": "31.12.2025", "bad_day": "yesterday", "at": "9:30", "n": "x", "name": " A "},
        {"topics": ["cv", " ", "interview"]},
    )

    assert form.day("day") == date(2025, 12, 31)
    assert form.day("bad_day") is None
    assert form.clock("at") is None  # not ISO: 09:30
    assert form.number("n") is None
    assert form.text("name") == "A" and form.text("missing", required=True) == ""
    assert form.every("topics") == ["cv", "interview"]
    with pytest.raises(FormRefused) as refused:
        form.check()
    assert refused.value.errors == {
        "bad_day": "invalid_date", "at": "invalid_time", "n": "invalid_number",
        "missing": "required",
    }  # fmt: skip
    assert FormReader({"at": "09:30"}).clock("at") == time(9, 30)


def test_a_form_gets_the_field_and_code_of_a_refusal_or_of_what_it_could_not_read() -> None:
    def unreadable() -> Book:
        FormReader({}, errors={"client_id": "required", "day": "invalid_date"}).check()
        raise AssertionError("unreachable")

    def run(command: object) -> object:
        return asyncio.run(run_form(BUS, command, CONTEXT))

    assert run(Book("c1")) == Accepted("s1", recorded=1)
    assert run(Book("gone")) == {"client_id": "client_not_active"}
    assert run(Book("raced")) == {"form": "conflict"}
    assert run(unreadable) == {"client_id": "required", "day": "invalid_date"}
