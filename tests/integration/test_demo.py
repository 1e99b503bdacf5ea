"""``load_demo``: a small demo, checked through the APIs as its users would see it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from duuni.app import create_app
from duuni.demo import DemoError, DemoLogins, load_demo
from duuni.demo.server import live_app
from shared.web.operators import operator_headers

CLIENTS = 30


@dataclass
class Loaded:
    data_dir: Path
    logins: DemoLogins
    http: TestClient

    def sign_in(self, username: str) -> None:
        self.http.cookies.clear()
        answer = self.http.post(
            "/api/intake/session", json={"username": username, "password": self.logins.password}
        )
        assert answer.status_code == 200, answer.text

    def get(self, path: str, **params: Any) -> Any:
        answer = self.http.get(path, params=params)
        assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text}"
        return answer.json()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    data_dir = tmp_path_factory.mktemp("demo")
    logins = load_demo(data_dir, clients=CLIENTS, seed=7, today=date.today())
    with TestClient(create_app(data_dir, ["intake", "coaching", "matching"])) as http:
        yield Loaded(data_dir, logins, http)


def test_the_project_has_the_clients_asked_for_some_exited_and_some_active(
    loaded: Loaded,
) -> None:
    loaded.sign_in(loaded.logins.project_manager)
    url = f"/api/intake/projects/{loaded.logins.project_id}/clients"

    everyone = loaded.get(url, limit=500)
    exited = loaded.get(url, status="exited", limit=500)
    active = loaded.get(url, status="active", limit=500)

    assert everyone["total"] == CLIENTS
    assert exited["total"] > active["total"] > 0
    assert exited["total"] + active["total"] == CLIENTS
    assert len({c["exit_status"] for c in exited["clients"]}) >= 3


def test_coaching_has_sessions_and_a_programme_with_attendance(loaded: Loaded) -> None:
    loaded.sign_in(loaded.logins.coaches[0])
    project = loaded.logins.project_id

    figures = loaded.get(f"/api/coaching/projects/{project}/figures/clients")
    programmes = loaded.get(f"/api/coaching/projects/{project}/programmes")

    assert sum(f["sessions_held"] for f in figures) >= 2 * CLIENTS
    assert any(p["attendance_rate"] is not None and p["members"] > 0 for p in programmes)
    kinds = {p["kind"] for p in programmes}
    assert {"job_seekers_group", "job_search_day"} <= kinds


def test_matching_has_companies_leads_and_a_placement(loaded: Loaded) -> None:
    loaded.sign_in(loaded.logins.auditor)
    project = loaded.logins.project_id

    companies = loaded.get(f"/api/matching/projects/{project}/companies")
    leads = loaded.get(f"/api/matching/projects/{project}/leads")
    placements = loaded.get(f"/api/matching/projects/{project}/placements")

    assert len(companies) >= 10
    assert len({c["business_id"] for c in companies}) == len(companies)
    assert len({lead["kind"] for lead in leads}) >= 3
    assert placements


def test_the_oulu_coach_sees_only_the_oulu_project(loaded: Loaded) -> None:
    logins = loaded.logins
    loaded.sign_in(logins.project_manager)
    s21048_client = loaded.get(f"/api/intake/projects/{logins.project_id}/clients")["clients"][0]
    loaded.sign_in(logins.second_project_coach)

    own = loaded.get(f"/api/intake/projects/{logins.second_project_id}/clients")
    other_list = loaded.http.get(f"/api/intake/projects/{logins.project_id}/clients")
    other_client = loaded.http.get(
        f"/api/intake/projects/{logins.second_project_id}/clients/{s21048_client['client_id']}"
    )
    other_sessions = loaded.http.get(f"/api/coaching/projects/{logins.project_id}/figures/clients")

    assert own["total"] >= 3
    assert s21048_client["client_id"] not in {c["client_id"] for c in own["clients"]}
    assert other_list.status_code == 404
    assert other_client.status_code == 404
    assert other_sessions.status_code == 404


def test_loading_again_into_the_same_folder_is_refused(loaded: Loaded) -> None:
    with pytest.raises(DemoError, match="already has"):
        load_demo(loaded.data_dir, clients=CLIENTS)


def test_the_live_app_stops_even_when_a_step_fails(tmp_path: Path) -> None:
    with pytest.raises(DemoError, match="a step failed"), live_app(tmp_path) as served:
        operator = operator_headers(served.operator_token)
        assert httpx.get(f"{served.base_url}/health", timeout=30).status_code == 401
        assert httpx.get(f"{served.base_url}/health", headers=operator).status_code == 200
        raise DemoError("a step failed")

    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{served.base_url}/health/live", timeout=5)
