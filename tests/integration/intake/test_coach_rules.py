"""Rules that hold whichever edge a command comes through: the HTML form or the JSON API.

A client's coach is one of the project's coaches, and only a project manager enrols
someone outside the target group: the handlers check both, so the form and the API
refuse (and accept) alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.intake.clients import a_form, enrol, listed, recorded, sign_in


def member_id(app: TestClient, username: str, project: str = "A") -> str:
    """The user id of a member, as the project's staff list tells it."""
    staff = app.get(f"/api/intake/projects/{project}/members").json()
    return next(m["user_id"] for m in staff if m["display_name"] == username)


def coach_form(app: TestClient, headers: dict[str, str], client_id: str, coach_id: str) -> Any:
    return app.post(
        f"/p/A/clients/{client_id}/coach",
        data={"csrf_token": headers["X-CSRF-Token"], "coach_id": coach_id},
        follow_redirects=False,
    )


def coach_api(app: TestClient, headers: dict[str, str], client_id: str, coach_id: str) -> Any:
    return app.post(
        f"/api/intake/projects/A/clients/{client_id}/coach",
        json={"coach_id": coach_id},
        headers=headers,
    )


def test_the_api_assigns_another_coach_of_the_project_and_the_timeline_shows_it(
    app: TestClient,
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    other = member_id(app, "coach-a2")
    assigned = coach_api(app, headers, client_id, other)
    timeline = app.get(f"/api/intake/projects/A/clients/{client_id}/timeline").json()

    assert assigned.status_code == 200, assigned.text
    assert assigned.json() == {"id": client_id, "duplicate": False, "recorded": 1}
    assert [t["event_type"] for t in timeline] == [
        "intake.client_enrolled",
        "intake.coach_assigned",
    ]
    assert listed(app, query=f"?coach_id={other}") == [client_id]


def test_the_api_refuses_a_coach_who_is_not_a_coach_of_the_project(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    manager = member_id(app, "manager-a")
    headers = sign_in(app, "coach-b")
    elsewhere = member_id(app, "coach-b", project="B")
    headers = sign_in(app, "coach-a")

    for coach_id in (manager, elsewhere, "no-such-user"):
        refused = coach_api(app, headers, client_id, coach_id)
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "coach_not_in_project"
        assert refused.json()["field"] == "coach_id"
    assert [e.event_type for e in recorded(data_dir)] == ["intake.client_enrolled"]


def test_the_form_assigns_another_coach_of_the_project(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    other = member_id(app, "coach-a2")
    assigned = coach_form(app, headers, client_id, other)

    assert assigned.status_code == 303
    assert assigned.headers["location"].endswith("?saved=coach_assigned")
    assert listed(app, query=f"?coach_id={other}") == [client_id]


def test_the_form_refuses_a_coach_who_is_not_a_coach_of_the_project(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers).json()["id"]
    manager = member_id(app, "manager-a")
    refused = coach_form(app, headers, client_id, manager)

    assert refused.status_code == 422
    assert "Valitse jokin projektin valmentajista." in refused.text
    assert [e.event_type for e in recorded(data_dir)] == ["intake.client_enrolled"]


def page_form(headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    """The enrolment page's fields for the API's form (consent as the checkbox sends it)."""
    form = {k: v for k, v in a_form(**changes).items() if v is not None}
    return form | {"csrf_token": headers["X-CSRF-Token"], "consent": "yes"}


def test_the_form_lets_only_a_project_manager_enrol_outside_the_target_group(
    app: TestClient, data_dir: Path
) -> None:
    young = {"identity_code": None, "birth_date": "1990-01-01", "override_reason": "needs help"}
    coach = sign_in(app, "coach-a")
    refused = app.post("/p/A/clients/new", data=page_form(coach, **young))
    manager = sign_in(app, "manager-a")
    allowed = app.post("/p/A/clients/new", data=page_form(manager, **young), follow_redirects=False)

    assert refused.status_code == 422
    assert "vain projektipäällikkö voi kirjata hänet asiakkaaksi" in refused.text
    assert 'href="#target_group"' in refused.text and 'id="target_group"' in refused.text
    assert allowed.status_code == 303, allowed.text
    types = [e.event_type for e in recorded(data_dir)]
    assert types == ["intake.client_enrolled", "intake.target_group_rule_overridden"]
