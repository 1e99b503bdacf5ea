"""A submission id is the client's to choose, so it must never reach another project's
record: outside testing replaced project A's contact person from project B this way."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.matching.builders import BUSINESS_IDS, company_form, created, sign_in


def contact(name: str, submission_id: str) -> dict[str, str]:
    return {"full_name": name, "job_title": "HR", "phone": "+358 40 765 4321",
            "email": "hr@example.fi", "submission_id": submission_id}  # fmt: skip


def test_another_projects_coach_cannot_replace_a_contact_person_with_the_same_submission_id(
    app: TestClient,
) -> None:
    a = sign_in(app, "coach-a")
    a_company = created(
        app.post("/api/matching/projects/A/companies", json=company_form(), headers=a)
    )
    a_contact = created(
        app.post(
            f"/api/matching/projects/A/companies/{a_company}/contacts",
            json=contact("Maija Meikäläinen", "seen-in-a"),
            headers=a,
        )
    )
    b = sign_in(app, "coach-b")
    b_company = created(
        app.post(
            "/api/matching/projects/B/companies",
            json=company_form(business_id=BUSINESS_IDS[1]),
            headers=b,
        )
    )
    b_contact = created(
        app.post(
            f"/api/matching/projects/B/companies/{b_company}/contacts",
            json=contact("Intruder", "seen-in-a"),
            headers=b,
        )
    )

    assert b_contact != a_contact
    a = sign_in(app, "coach-a")
    detail = app.get(f"/api/matching/projects/A/companies/{a_company}", headers=a).json()
    assert [c["full_name"] for c in detail["contacts"]] == ["Maija Meikäläinen"]
    assert [c["contact_id"] for c in detail["contacts"]] == [a_contact]


def test_the_same_submission_twice_in_one_project_is_still_one_company(app: TestClient) -> None:
    a = sign_in(app, "coach-a")
    form = company_form(submission_id="twice")
    first = app.post("/api/matching/projects/A/companies", json=form, headers=a).json()
    second = app.post("/api/matching/projects/A/companies", json=form, headers=a).json()

    assert second == first | {"duplicate": True, "recorded": 0}
