"""Companies (§6.2), coaching volume and targets against actuals."""

from __future__ import annotations

from tests.unit.reporting.builders import (
    History,
    attendance,
    company,
    contacted,
    enrolled,
    in_period,
    placement,
    project_registered,
    relation,
    session,
    target,
    value,
)


def test_cooperating_companies_include_supported_ones_and_those_that_took_a_placement() -> None:
    history = History().given(
        company("visited"), contacted("visited", "visit", "2019-03-01"),
        company("called"), contacted("called", "call", "2019-03-01"),
        company("supported", "micro"), relation("supported", "supported", "2019-04-01"),
        company("large", "large"), relation("large", "supported", "2019-04-01"),
        enrolled("c1"), placement("c1", "host", "2019-05-01", "work_trial"),
    )  # fmt: skip

    result = history.report()

    assert result.figure("companies.cooperating").members == (
        "host", "large", "supported", "visited",
    )  # fmt: skip
    assert result.figure("companies.supported").members == ("large", "supported")
    assert result.figure("companies.supported_sme").members == ("supported",)
    assert value(result, "companies.hired_participants") == 0


def test_a_company_counts_in_the_period_of_its_first_cooperation() -> None:
    history = History().given(
        company("old"), relation("old", "cooperating", "2018-05-01"),
        contacted("old", "visit", "2019-02-01"),
        company("new"), relation("new", "cooperating", "2019-06-01"),
    )  # fmt: skip

    result = history.report()

    assert value(result, "companies.cooperating") == 2
    assert in_period(result, "companies.cooperating") == 1


def test_coaching_volume_counts_sessions_hours_and_group_attendance() -> None:
    history = History().given(
        session("c1", "2019-02-01", 90), session("c1", "2019-02-08", 30),
        session("c2", "2018-12-01", 60),
        attendance("c1", "m1", "2019-03-01", "present"),
        attendance("c2", "m1", "2019-03-01", "absent"),
        attendance("c2", "m1", "2019-03-01", "excused"),  # corrected mark: the last one holds
    )  # fmt: skip

    result = history.report()

    assert (value(result, "coaching.sessions"), in_period(result, "coaching.sessions")) == (3, 2)
    assert in_period(result, "coaching.session_hours") == 2.0
    assert result.figure("coaching.clients_coached").members == ("c1", "c2")
    assert value(result, "coaching.attendance.absent") == 0
    assert value(result, "coaching.attendance.excused") == 1
    assert value(result, "coaching.attendance_rate") == 50.0


def test_targets_stand_against_the_cumulative_actuals_and_the_last_target_holds() -> None:
    history = History().given(
        target("participants.total", 10),
        target("participants.total", 4),
        enrolled("c1"),
        enrolled("c2"),
    )

    [row] = history.report().targets

    assert (row.planned, row.actual, row.percent) == (4, 2, 50.0)


def test_the_project_plan_gives_targets_that_a_target_set_in_reporting_overrides() -> None:
    history = History().given(
        project_registered(participants=500, companies=220),
        target("participants.total", 450),
        enrolled("c1"),
    )

    rows = {row.figure: (row.planned, row.actual) for row in history.report().targets}

    assert rows == {"companies.cooperating": (220, 0), "participants.total": (450, 1)}
