"""Group coaching: three-week groups, weekly job-search days and the 15-day online course.

A group's steps refer to ids the services hand out only when the group is planned in
coaching (the programme, its meetings, the course), so each group's steps share a small
``ids`` dictionary that the first step fills and later ones read.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from functools import partial

from duuni.demo.accounts import COACH_OF
from duuni.demo.draws import day_between, pick, weekday
from duuni.demo.records import Participant
from duuni.demo.scenario import Scenario, Step

GROUP_PLACES = ("Lohja", "Vihti", "Raasepori", "Lohja", "Karkkila", "Hanko")
COURSE_DAYS = 15


@dataclasses.dataclass(frozen=True)
class _Programme:
    n: int
    kind: str
    title: str
    place: str
    starts: date
    ends: date
    meetings: list[date]
    least: int
    most: int
    """How many members, at least and at most."""


def programme_work(demo: Scenario) -> list[Step]:
    """A group every two or three months, and weekly job-search days in Lohja and Vihti."""
    rng = demo.rng
    steps: list[Step] = []
    start = weekday(demo.first_day + timedelta(days=40))
    start -= timedelta(days=start.weekday())
    n = 0
    while start <= demo.today + timedelta(days=21):
        kind = "entrepreneurs_group" if n % 4 == 3 else "job_seekers_group"
        title = "YrittäjäKaverit" if kind == "entrepreneurs_group" else "DuuniKaverit"
        place = GROUP_PLACES[n % len(GROUP_PLACES)]
        meetings = [start + timedelta(days=d) for w in range(3) for d in (7 * w + 1, 7 * w + 3)]
        title = f"{title} {place} {start.month}/{start.year}"
        group = _Programme(
            n, kind, title, place, start, start + timedelta(days=18), meetings, 6, 10
        )
        steps.extend(_programme(demo, group))
        n += 1
        start += timedelta(weeks=rng.randint(9, 12))  # Mondays, every two or three months
    first = demo.today - timedelta(days=182)
    first += timedelta(days=(2 - first.weekday()) % 7)  # Wednesdays
    wednesdays = [
        first + timedelta(weeks=w) for w in range(27) if first + timedelta(weeks=w) <= demo.today
    ]
    for m, place in enumerate(("Lohja", "Vihti")):
        days = _Programme(
            100 + m, "job_search_day", f"Työnhakupäivät {place}", place, first,
            demo.today + timedelta(days=60), wednesdays, 8, 14,
        )  # fmt: skip
        steps.extend(_programme(demo, days))
    return steps


def _members(demo: Scenario, programme: _Programme) -> list[Participant]:
    """Who takes part: anyone local joins the open days; groups take those in coaching."""
    rng = demo.rng
    wanted = rng.randint(programme.least, programme.most)
    place, starts = programme.place, programme.starts
    if programme.kind == "job_search_day":  # weekly and open: people join along the way
        here = [c for c in demo.clients if c.form["municipality"] == place]
        during = [c for c in here if c.ends_on >= starts]
        return rng.sample(during, k=min(wanted, len(during)))
    # a closed group of those in coaching when it starts, locals first
    day = min(starts, demo.today)
    local = [c for c in demo.clients if c.active_on(day) and c.form["municipality"] == place]
    near = [c for c in demo.clients if c.active_on(day) and c not in local]
    if programme.kind == "entrepreneurs_group":  # those who will start a business come first
        keen = [c for c in local + near if c.exit_status == "entrepreneurship"]
        local = keen + [c for c in local if c not in keen]
        near = [c for c in near if c not in keen]
    extra = rng.sample(near, k=min(len(near), max(0, wanted - len(local))))
    return (local + extra)[:wanted]


def _programme(demo: Scenario, programme: _Programme) -> list[Step]:
    """Plan the programme, schedule its meetings, add its members and mark attendance."""
    members = sorted(_members(demo, programme), key=lambda c: c.index)
    joined = {c.index: max(programme.starts, c.entered_on) for c in members}
    coach = COACH_OF[programme.place]
    ids: dict[str, str] = {}
    steps: list[Step] = [partial(_plan, demo, programme, coach, ids)]
    steps += [
        partial(_schedule, demo, programme, coach, ids, m, day)
        for m, day in enumerate(programme.meetings)
    ]
    steps += [partial(_join, demo, coach, ids, c, joined[c.index]) for c in members]
    for m, day in enumerate(programme.meetings):
        if day > demo.today:
            continue
        marks = {
            c.index: pick(demo.rng, (("present", 84), ("excused", 9), ("absent", 7)))
            for c in members
            if joined[c.index] <= day and c.active_on(day)
        }
        if marks:
            steps.append(partial(_attend, demo, coach, ids, m, members, marks))
    return steps


def _plan(demo: Scenario, programme: _Programme, coach: str, ids: dict[str, str]) -> None:
    body = {
        "kind": programme.kind,
        "title": programme.title,
        "municipality": programme.place,
        "starts_on": programme.starts.isoformat(),
        "ends_on": programme.ends.isoformat(),
        "coach_id": demo.api.ids[coach],
        "submission_id": demo.sid("programme", programme.n),
    }
    ids["programme"] = demo.api.post(coach, demo.url("coaching", "/programmes"), body)["id"]


def _schedule(
    demo: Scenario, programme: _Programme, coach: str, ids: dict[str, str], m: int, day: date
) -> None:
    url = demo.url("coaching", f"/programmes/{ids['programme']}/meetings")
    minutes = 240 if programme.kind == "job_search_day" else 180
    body = {"held_on": day.isoformat(), "duration_minutes": minutes}
    ids[f"m{m}"] = demo.api.post(coach, url, body)["id"]


def _join(
    demo: Scenario, coach: str, ids: dict[str, str], client: Participant, joined_on: date
) -> None:
    url = demo.url("coaching", f"/programmes/{ids['programme']}/members")
    demo.api.post(coach, url, {"client_id": client.client_id, "joined_on": joined_on.isoformat()})


def _attend(
    demo: Scenario,
    coach: str,
    ids: dict[str, str],
    m: int,
    members: list[Participant],
    marks: dict[int, str],
) -> None:
    """Attendance of one meeting, by client id (known only once everyone is enrolled)."""
    client_ids = {c.index: c.client_id for c in members}
    meeting = f"/programmes/{ids['programme']}/meetings/{ids[f'm{m}']}/attendance"
    body = {"marks": {client_ids[i]: v for i, v in marks.items()}}
    demo.api.send(coach, "PUT", demo.url("coaching", meeting), body)


def course_work(demo: Scenario) -> list[Step]:
    """VerkkoAgentti: a twelfth of the clients take it; under half complete all 15 days."""
    rng = demo.rng
    ids: dict[str, str] = {}
    steps: list[Step] = [partial(_offer, demo, ids)]
    takers = rng.sample(demo.clients, k=max(3, demo.size // 12))
    for client in sorted(takers, key=lambda c: c.index):
        enrolled = day_between(rng, client.entered_on, min(client.ends_on, demo.today))
        coach = client.coach_on(enrolled)
        steps.append(partial(_take_course, demo, ids, coach, client, enrolled))
        days = COURSE_DAYS if rng.random() < 0.45 else rng.randint(2, 14)
        done_on = enrolled
        for day_number in range(1, days + 1):
            if done_on > min(demo.today, client.ends_on):
                break
            steps.append(partial(_complete_day, demo, ids, coach, client, day_number, done_on))
            done_on = weekday(done_on + timedelta(days=rng.choice((1, 1, 1, 2, 3))))
    return steps


def _offer(demo: Scenario, ids: dict[str, str]) -> None:
    body = {
        "title": "VerkkoAgentti – työnhaku ja urasuunnittelu verkossa",
        "days": COURSE_DAYS,
        "submission_id": demo.sid("course"),
    }
    ids["course"] = demo.api.post("kaisa", demo.url("coaching", "/courses"), body)["id"]


def _take_course(
    demo: Scenario, ids: dict[str, str], coach: str, client: Participant, day: date
) -> None:
    url = demo.url("coaching", f"/courses/{ids['course']}/participants")
    demo.api.post(coach, url, {"client_id": client.client_id, "enrolled_on": day.isoformat()})


def _complete_day(
    demo: Scenario,
    ids: dict[str, str],
    coach: str,
    client: Participant,
    day_number: int,
    on: date,
) -> None:
    url = demo.url("coaching", f"/courses/{ids['course']}/participants/{client.client_id}/days")
    demo.api.post(coach, url, {"day": day_number, "completed_on": on.isoformat()})
