"""The cost bookings page: a project manager books and corrects; a coach and an auditor
read the book without a form and cannot post one; a refused amount is told at its field
and records nothing; another project's page is not found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from services.intake.service_layer.costs import COSTS
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.clients import database_url, sign_in

PAGE = "/p/A/costs"
BOOKING = {"booking_id": "V-17", "category": "staff", "period_start": "2019-01-01",
           "period_end": "2019-01-31", "amount": "4 200,50"}  # fmt: skip


def posted(app: TestClient, headers: dict[str, str], path: str, **fields: str) -> Any:
    return app.post(path, data={"csrf_token": headers["X-CSRF-Token"], **fields},
                    follow_redirects=False)  # fmt: skip


def cost_events(data_dir: Path) -> list[tuple[str, int]]:
    db = open_database(database_url(data_dir))
    try:
        events = SqlEventLog(db, "intake").read_stream(COSTS.stream("A"))
        return [(e.event_type, e.payload["amount_cents"]) for e in events]
    finally:
        db.dispose()


def test_a_project_manager_books_and_corrects_a_cost(app: TestClient, data_dir: Path) -> None:
    manager = sign_in(app, "manager-a")

    booked = posted(app, manager, PAGE, **BOOKING)
    corrected = posted(app, manager, f"{PAGE}/V-17", **(BOOKING | {"amount": "4100"}))
    page = app.get(PAGE)

    assert (booked.status_code, booked.headers["location"]) == (303, f"{PAGE}?saved=booked")
    assert corrected.headers["location"] == f"{PAGE}?saved=corrected"
    assert cost_events(data_dir) == [
        ("intake.cost_booked", 420050), ("intake.cost_booking_corrected", 410000),
    ]  # fmt: skip
    assert "V-17" in page.text and "Kirjaa kustannus" in page.text


def test_a_bad_amount_is_told_at_its_field_and_records_nothing(
    app: TestClient, data_dir: Path
) -> None:
    manager = sign_in(app, "manager-a")

    refused = posted(app, manager, PAGE, **(BOOKING | {"amount": "12,345"}))
    reversed_ = posted(app, manager, PAGE, **(BOOKING | {"period_end": "2018-12-31"}))

    assert refused.status_code == 422
    assert "Anna summa euroina ja sentteinä" in refused.text
    assert 'href="#amount"' in refused.text
    assert reversed_.status_code == 422
    assert 'href="#period_end"' in reversed_.text
    assert cost_events(data_dir) == []


def test_coaches_and_auditors_read_without_a_form_and_may_not_book(
    app: TestClient, data_dir: Path
) -> None:
    for username in ("coach-a", "auditor-a"):
        headers = sign_in(app, username)
        page = app.get(PAGE)
        refused = posted(app, headers, PAGE, **BOOKING)

        assert page.status_code == 200
        assert "Kirjaa kustannus" not in page.text
        assert refused.status_code == 403
    assert cost_events(data_dir) == []


def test_another_projects_book_is_not_found(app: TestClient) -> None:
    sign_in(app, "coach-b")

    assert app.get(PAGE).status_code in (403, 404)
    assert app.get("/p/B/costs/V-404").status_code == 404
