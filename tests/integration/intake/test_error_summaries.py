"""Every error summary of intake's forms links only to what is on the page.

A coach who enrols someone below the target age was sent to ``#override_reason``, a
field only a project manager has; a refusal about a field a page does not show (a coach
changed for a client who has meanwhile exited) must not link anywhere either. Radio
groups left unanswered name their question.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.intake.account_clients import accounts
from tests.integration.intake.builders import a_user
from tests.integration.intake.clients import a_form, enrol, sign_in


def summary_of(html: str) -> str:
    assert 'class="error-summary"' in html, "the page shows no error summary"
    return html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]


def broken_links(html: str) -> list[str]:
    """The summary's links whose target is not an element of the page."""
    targets = re.findall(r'href="#([^"]+)"', summary_of(html))
    return [target for target in targets if f'id="{target}"' not in html]


def page_form(headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    form = {k: v for k, v in a_form(**changes).items() if v is not None}
    return form | {"csrf_token": headers["X-CSRF-Token"], "consent": "yes"}


def test_a_coach_enrolling_below_the_target_age_is_sent_to_the_note_about_who_may(
    app: TestClient,
) -> None:
    coach = sign_in(app, "coach-a")
    young = page_form(coach, identity_code=None, birth_date="1990-01-01")

    answer = app.post("/p/A/clients/new", data=young)

    assert answer.status_code == 422
    assert broken_links(answer.text) == []
    assert 'href="#override_reason"' not in answer.text
    assert 'href="#target_group"' in summary_of(answer.text)
    assert "Pyydä projektipäällikköä kirjaamaan hänet" in summary_of(answer.text)


def test_a_manager_enrolling_below_the_target_age_is_sent_to_the_reason_field(
    app: TestClient,
) -> None:
    manager = sign_in(app, "manager-a")
    young = page_form(manager, identity_code=None, birth_date="1990-01-01")

    answer = app.post("/p/A/clients/new", data=young)

    assert answer.status_code == 422
    assert broken_links(answer.text) == []
    assert 'href="#override_reason"' in summary_of(answer.text)


def test_the_empty_forms_of_intake_link_every_error_to_its_field(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    token = {"csrf_token": coach["X-CSRF-Token"]}
    client_id = enrol(app, coach).json()["id"]
    posted = {
        "enrolment": app.post("/p/A/clients/new", data=token),
        "correction": app.post(f"/p/A/clients/{client_id}/correct", data=token),
        "exit": app.post(f"/p/A/clients/{client_id}/exit", data=token),
        "coach": app.post(f"/p/A/clients/{client_id}/coach", data=token),
        "reveal": app.post(f"/p/A/clients/{client_id}/identity-code", data=token),
        "password": app.post("/account/password", data=token),
    }

    assert {name: answer.status_code for name, answer in posted.items()} == {
        name: 422 for name in posted
    }
    assert {name: broken_links(answer.text) for name, answer in posted.items()} == {
        name: [] for name in posted
    }


def test_a_refusal_about_a_field_the_page_does_not_show_is_listed_without_a_link(
    app: TestClient,
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    exit_ = {"exit_date": "2026-11-20", "exit_status": "unknown"}
    app.post(f"/api/intake/projects/A/clients/{client_id}/exit", json=exit_, headers=coach)
    staff = app.get("/api/intake/projects/A/members").json()
    other = next(m["user_id"] for m in staff if m["display_name"] == "coach-a2")
    stale_form = {"csrf_token": coach["X-CSRF-Token"], "coach_id": other}

    answer = app.post(f"/p/A/clients/{client_id}/coach", data=stale_form)

    assert answer.status_code == 422
    assert broken_links(answer.text) == []
    assert "<li>Asiakkuus on päättynyt" in summary_of(answer.text)


def test_an_administrators_project_form_links_every_error_to_its_field(
    app: TestClient, data_dir: Path
) -> None:
    with accounts(data_dir) as store:
        a_user(store, "admin-a", roles=("admin",), projects=())
    admin = sign_in(app, "admin-a")
    form = {"csrf_token": admin["X-CSRF-Token"], "project_id": "A", "starts_on": "2020-01-01"}

    answer = app.post("/admin/projects", data=form | {"ends_on": "2019-01-01"})

    assert answer.status_code == 422
    assert broken_links(answer.text) == []


def test_an_unanswered_radio_group_says_which_question_it_is(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    form = page_form(coach)
    del form["gender"]

    answer = app.post("/p/A/clients/new", data=form)
    gender = answer.text.split('id="gender"', 1)[1].split("</fieldset>", 1)[0]

    assert "Valitse jokin vaihtoehto kohdassa ”Sukupuoli”." in gender
    assert "Sukupuoli: Valitse jokin vaihtoehdoista." in summary_of(answer.text)
    assert "Täytä tämä kenttä" not in gender
