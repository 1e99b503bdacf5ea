"""The client's timeline: when things happened, what they were, who recorded them.

The page lists the day each thing happened (an exit typed in late sits at its exit
date), in the reader's language, never a raw event type; a correction says what changed,
from what to what, and who made it. Other services' events read the same way, with a
link to their record's page.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from services.intake.entrypoints.timeline import Reader, timeline_items
from services.intake.service_layer.directory import TimelineEntry, business_moment
from tests.integration.intake.clients import enrol, recorded, sign_in

HELSINKI = ZoneInfo("Europe/Helsinki")


def member_id(app: TestClient, name: str) -> str:
    staff = app.get("/api/intake/projects/A/members").json()
    return next(m["user_id"] for m in staff if m["display_name"] == name)


def timeline_section(html: str) -> str:
    return html.split('id="h-timeline"', 1)[1].split("</section>", 1)[0]


def entries_of(section: str) -> list[str]:
    """Each entry's text, tags dropped and spaces squeezed, newest first as shown."""
    items = re.findall(r'<li>\s*<time class="when".*?</li>\s*(?=<li>\s*<time|</ol>)', section, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_the_page_lists_what_happened_by_its_own_date_and_says_what_a_correction_changed(
    app: TestClient,
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers, entry_date="2026-11-02").json()["id"]
    base = f"/api/intake/projects/A/clients/{client_id}"
    correction = {
        "gender": "female",
        "education": "isced_5_8",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
        "municipality": "Lohja",
        "reason": "Tutkintotodistus nähty",
    }
    assert app.post(f"{base}/corrections", json=correction, headers=headers).status_code == 200
    other = member_id(app, "coach-a2")
    assert app.post(f"{base}/coach", json={"coach_id": other}, headers=headers).status_code == 200
    exit_ = {"exit_date": "2026-11-20", "exit_status": "job_searching"}
    assert app.post(f"{base}/exit", json=exit_, headers=headers).status_code == 200

    app.headers["Accept-Language"] = "en"
    section = timeline_section(app.get(f"/p/A/clients/{client_id}").text)
    shown = entries_of(section)

    assert "intake." not in section and "coaching." not in section
    assert shown[-2].startswith(
        "20 Nov 2026 Participation ended"
    )  # typed in last, happened earlier
    assert "Situation at exit: Job searching" in shown[-2]
    assert shown[-1].startswith("2 Nov 2026 Enrolled")
    assert "How the client came: Came on their own; Coach: coach-a" in shown[-1]
    corrected = next(s for s in shown if "Start data corrected" in s)
    assert "Reason: Tutkintotodistus nähty" in corrected
    assert (
        "Highest education: before Upper secondary or post-secondary (ISCED 3–4), "
        "now Tertiary (ISCED 5–8)"
    ) in corrected
    assert "Recorded by coach-a" in corrected
    changed = next(s for s in shown if "Coach changed" in s)
    assert "From coach-a to coach-a2" in changed


def test_the_api_timeline_carries_the_day_each_thing_happened(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers, entry_date="2026-11-02").json()["id"]
    base = f"/api/intake/projects/A/clients/{client_id}"
    exit_ = {"exit_date": "2026-11-20", "exit_status": "unknown"}
    app.post(f"{base}/exit", json=exit_, headers=headers)

    timeline = app.get(f"{base}/timeline").json()

    assert [(t["event_type"], t["happened_on"]) for t in timeline] == [
        ("intake.client_enrolled", "2026-11-02"),
        ("intake.client_exited", "2026-11-20"),
    ]
    # a wall-clock time, "09:00" (a JSON Schema "time" would need an offset it has not)
    spec = app.get("/openapi.json").json()["components"]["schemas"]["TimelineEntryOut"]
    assert "format" not in str(spec["properties"]["happened_at"])
    assert "pattern" in str(spec["properties"]["happened_at"])


def an_entry(event_type: str, source: str = "coaching", **payload: object) -> TimelineEntry:
    recorded = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    on, at = business_moment(event_type, payload, recorded, HELSINKI)
    return TimelineEntry(
        event_id=f"e-{event_type}",
        source=source,
        event_type=event_type,
        occurred_at=recorded,
        actor="u-kaisa",
        payload=dict(payload),
        happened_on=on,
        happened_at=at,
    )


def english(project_id: str = "A") -> Reader:
    return Reader(
        language="en",
        gettext=lambda message: message,
        ngettext=lambda one, many, n: one if n == 1 else many,
        project_id=project_id,
        names={"u-kaisa": "Kaisa Valmentaja"},
    )


def test_another_services_event_reads_as_what_happened_with_a_link_to_its_record() -> None:
    held = an_entry(
        "coaching.session_held",
        session_id="s1",
        client_id="c1",
        held_on="2026-11-25",
        starts_at="10:30:00",
        duration_minutes=60,
        mode="in_person",
        kind="personal_coaching",
        topics=["cv", "interview", "a_topic_from_the_future"],
    )

    [item] = timeline_items([held], english())

    assert item.when == "25 Nov 2026 at 10:30"
    assert (item.title, item.link) == ("Coaching session", "/p/A/coaching/sessions/s1")
    assert item.details == (
        "Personal coaching",
        "In person",
        "60 min",
        "Topics: CV, Job interview",
    )
    assert item.recorded_by == "Recorded by Kaisa Valmentaja"


def test_an_event_the_page_does_not_know_is_named_by_its_section_never_by_its_type() -> None:
    unknown = an_entry("coaching.something_new", client_id="c1", noted_on="2026-11-30")
    cancelled = an_entry(
        "coaching.session_cancelled", session_id="s2", held_on="2026-11-28", reason="no_show"
    )

    items = timeline_items([cancelled, unknown], english())

    assert [(i.when, i.title) for i in items] == [
        ("30 Nov 2026", "Other entry (Coaching)"),
        ("28 Nov 2026", "Session cancelled"),
    ]
    assert items[1].details == ("Did not come (no-show)",)
    assert "something_new" not in repr(items)


def test_what_has_no_date_of_its_own_happened_when_it_was_recorded_in_helsinki_time() -> None:
    late_evening = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)  # 00.30 on 3 Dec in Helsinki

    assert business_moment("intake.coach_assigned", {}, late_evening, HELSINKI) == (
        date(2026, 12, 3),
        time(0, 30),
    )
    assert business_moment("matching.placement_started", {"starts_on": "2026-11-01"},
                           late_evening, HELSINKI) == (date(2026, 11, 1), None)  # fmt: skip


def test_the_correction_form_records_a_reason_code_and_the_timeline_shows_it_with_the_words(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    client_id = enrol(app, headers, entry_date="2026-11-02").json()["id"]
    form = {
        "csrf_token": headers["X-CSRF-Token"],
        "gender": "female",
        "education": "isced_5_8",
        "labour_market_status": "unemployed",
        "unemployed_since": "2025-06-01",
        "municipality": "Lohja",
    }
    page = f"/p/A/clients/{client_id}/correct"
    without_code = app.post(page, data=form | {"reason": "Todistus nähty"})
    other_without_words = app.post(page, data=form | {"reason_code": "other"})
    saved = app.post(
        page,
        data=form | {"reason_code": "document_checked", "reason": "Todistus nähty"},
        follow_redirects=False,
    )

    assert (without_code.status_code, other_without_words.status_code) == (422, 422)
    assert 'href="#reason_code"' in without_code.text
    assert 'href="#reason"' in other_without_words.text
    assert saved.status_code == 303
    [event] = [e for e in recorded(data_dir) if e.event_type == "intake.start_data_corrected"]
    assert event.payload["reason_code"] == "document_checked"
    assert "Todistus" not in str(event.payload)
    app.headers["Accept-Language"] = "en"
    shown = entries_of(timeline_section(app.get(f"/p/A/clients/{client_id}").text))
    corrected = next(s for s in shown if "Start data corrected" in s)
    assert "Reason: Checked against a document – Todistus nähty" in corrected
