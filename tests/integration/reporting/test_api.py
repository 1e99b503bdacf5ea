"""The reporting JSON API in the real app (intake resolves the sessions), on SQLite."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.reporting.web import BASE, sign_in, value_of, wait_for_projection
from tests.unit.reporting.builders import PROJECT


def test_an_auditor_reads_the_report_and_drills_down_to_clients_and_events(
    client: TestClient,
) -> None:
    sign_in(client, "auditor")
    wait_for_projection(client)

    body = client.get(f"{BASE}/report", params={"end": "2019-12-31"}).json()
    drill = client.get(f"{BASE}/figures/results.employed_incl_self_employed",
                       params={"end": "2019-12-31"}).json()  # fmt: skip

    assert body["counting_rules_version"] == "2026.4"
    assert value_of(body, "leavers.total") == 1
    assert drill["members"] == ["c1"]
    assert len(drill["event_ids"]) == 2
    assert [event["log"] for event in drill["events"]] == ["intake", "intake"]
    assert all(len(event["event_id"]) == 36 for event in drill["events"])


def test_another_projects_report_answers_not_found(client: TestClient) -> None:
    sign_in(client, "stranger")

    assert client.get(f"{BASE}/report").status_code == 404


def test_an_as_of_report_before_the_events_were_recorded_is_empty(client: TestClient) -> None:
    sign_in(client, "manager")

    body = client.get(f"{BASE}/report", params={"as_of": "2019-07-31"}).json()

    assert value_of(body, "participants.total") == 0
    assert body["logs"]["intake"]["last_position"] == 0


def test_a_project_manager_sets_a_target_that_the_report_then_shows(client: TestClient) -> None:
    headers = sign_in(client, "manager")
    wait_for_projection(client)

    created = client.post(f"{BASE}/targets", json={"figure": "participants.total", "planned": 8},
                          headers=headers)  # fmt: skip
    assert created.status_code == 201, created.text
    assert created.json() == {"id": PROJECT, "duplicate": False, "recorded": 1}
    targets = client.get(f"{BASE}/report", params={"end": "2019-12-31"}).json()["targets"]
    assert targets[0] == {
        "figure": "participants.total", "planned": 8, "actual": 2, "percent": 25.0,
        "event": {"log": "reporting", "position": 1},
    }  # fmt: skip


def test_targets_refuse_auditors_coaches_unknown_figures_and_missing_csrf(
    client: TestClient,
) -> None:
    target = {"figure": "participants.total", "planned": 8}
    for user in ("auditor", "coach"):
        headers = sign_in(client, user)
        refused = client.post(f"{BASE}/targets", json=target, headers=headers)
        assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    headers = sign_in(client, "manager")
    unknown = client.post(f"{BASE}/targets", json={"figure": "nope", "planned": 1},
                          headers=headers)  # fmt: skip
    assert unknown.status_code == 422
    assert (unknown.json()["code"], unknown.json()["field"]) == ("unknown_figure", "figure")
    no_csrf = client.post(f"{BASE}/targets", json=target)
    assert (no_csrf.status_code, no_csrf.json()["code"]) == (403, "csrf_failed")
    assert client.get(f"{BASE}/targets").json()["targets"] == []


def test_a_resubmitted_target_is_stored_once(client: TestClient) -> None:
    headers = sign_in(client, "manager")
    target = {"figure": "participants.total", "planned": 8, "submission_id": "s-1"}

    first = client.post(f"{BASE}/targets", json=target, headers=headers).json()
    again = client.post(f"{BASE}/targets", json=target, headers=headers).json()

    assert (first["recorded"], again["duplicate"], again["recorded"]) == (1, True, 0)
    assert client.get(f"{BASE}/targets").json()["targets"] == [
        {"figure": "participants.total", "planned": 8}
    ]


def test_a_period_that_starts_after_it_ends_is_a_problem_at_its_field(
    client: TestClient,
) -> None:
    sign_in(client, "auditor")

    answer = client.get(f"{BASE}/report", params={"start": "2019-05-01", "end": "2019-04-01"})

    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == ("start_after_end", "start")
