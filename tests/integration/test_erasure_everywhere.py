"""An erasure in intake reaches every service: no readable trace of the person is left.

A coach corrects the start data with a reason and writes a case note in coaching, both
naming the person's doctor by a marker word. The data-protection role erases the person;
afterwards no file of the four services holds the person's name, identity code, e-mail
or the marker (coaching deleted its note on ``intake.person_erased``), the figures are
the same and every service's log still verifies.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from duuni.app import create_app
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.projects import register_project
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.builders import a_user
from tests.integration.intake.clients import CODE, a_form, a_plan, sign_in

MARKER = b"Kuusikorpi"
SECRETS = (b"Virtanen", CODE.encode(), b"aino@example.fi", MARKER)
SERVICES = ("intake", "coaching", "matching", "reporting")


def _site(data_dir: Path) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    store = SqlAccountStore(db).create()
    a_user(store, "coach-s1", projects=("S1",))
    a_user(store, "auditor-s1", roles=("auditor",), projects=("S1",))
    register_project(SqlEventLog(db, "intake").create(), "S1", a_plan(), actor="admin")
    db.dispose()


def _until(call: Callable[[], httpx.Response], ok: Callable[[httpx.Response], bool]) -> Any:
    """The answer once ``ok`` holds; the background subscriptions need a moment."""
    for _ in range(300):
        answer = call()
        if ok(answer):
            return answer
        time.sleep(0.05)
    raise AssertionError(f"never came: {answer.status_code} {answer.text[:300]}")


def _files(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


def _figures(client: TestClient) -> list[Any]:
    def report() -> httpx.Response:
        return client.get("/api/reporting/projects/S1/report", params={"end": "2026-12-31"})

    def counted(answer: httpx.Response) -> bool:
        figures = answer.json().get("figures", []) if answer.status_code == 200 else []
        return any(f["key"] == "participants.total" and f["cumulative"] for f in figures)

    figures: list[Any] = _until(report, counted).json()["figures"]
    return figures


def test_an_erasure_leaves_no_readable_trace_in_any_service(tmp_path: Path) -> None:
    data_dir = tmp_path / "site"
    _site(data_dir)
    with TestClient(create_app(data_dir)) as client:
        coach = sign_in(client, "coach-s1")
        client_id = client.post(
            "/api/intake/projects/S1/clients", json=a_form(), headers=coach
        ).json()["id"]
        base = f"/api/intake/projects/S1/clients/{client_id}"
        correction = {
            k: a_form()[k] for k in ("gender", "labour_market_status", "unemployed_since")
        }
        correction |= {"education": "isced_5_8", "municipality": "Lohja",
                       "reason_code": "new_information",
                       "reason": "Todistus tuli Kuusikorpi-klinikalta"}  # fmt: skip
        assert client.post(f"{base}/corrections", json=correction, headers=coach).status_code == 200
        notes = f"/api/coaching/projects/S1/clients/{client_id}/notes"
        note = {"kind": "call", "noted_on": "2026-11-03", "text": "Soitti Kuusikorpi-klinikalta"}
        _until(lambda: client.post(notes, json=note, headers=coach), lambda a: a.is_success)
        assert "Kuusikorpi" in client.get(f"/p/S1/clients/{client_id}").text  # the reason
        before = _figures(client)
        assert MARKER in _files(data_dir)  # the note is held, in coaching's own words

        auditor = sign_in(client, "auditor-s1")
        erased = client.post(
            f"/p/S1/clients/{client_id}/erase",
            data={"csrf_token": auditor["X-CSRF-Token"], "confirm": "yes"},
            follow_redirects=False,
        )
        assert erased.status_code == 303

        coach = sign_in(client, "coach-s1")
        gone = _until(
            lambda: client.get(notes, headers=coach),
            lambda a: a.status_code == 200 and all(n["text"] is None for n in a.json()),
        )
        assert len(gone.json()) == 1  # the note's event stays; its words are gone
        assert _figures(client) == before

    assert not [s for s in SECRETS if s in _files(data_dir)]
    for service in SERVICES:
        db = open_database(f"sqlite:///{data_dir / f'{service}.sqlite3'}")
        try:
            assert SqlEventLog(db, service).verify().ok, service
        finally:
            db.dispose()
