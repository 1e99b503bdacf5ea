"""Leavers and results upon leaving (§6.3): the last exit wins, one destination each."""

from __future__ import annotations

from datetime import date

from services.reporting.domain import rules
from tests.unit.reporting.builders import (
    History,
    enrolled,
    exited,
    placement,
    re_entered,
    value,
)


def test_the_last_exit_wins() -> None:
    history = History().given(
        enrolled("c1", "2019-02-01"),
        exited("c1", "2019-03-01", "unemployed"),
        re_entered("c1", "2019-04-01"),
        exited("c1", "2019-06-01", "education_or_training"),
    )

    result = history.report()

    assert value(result, "leavers.total") == 1
    assert result.figure("results.education_or_training").members == ("c1",)
    assert value(result, "destinations.unemployed") == 0


def test_a_re_entered_person_is_a_participant_again_not_a_leaver() -> None:
    history = History().given(
        enrolled("c1", "2019-02-01"),
        exited("c1", "2019-03-01", "employed"),
        re_entered("c1", "2019-04-01"),
    )

    assert value(history.report(), "leavers.total") == 0


def test_every_leaver_has_exactly_one_national_destination() -> None:
    statuses = ["employed", "entrepreneurship", "education_or_training", "job_searching",
                "referred_to_other_services", "unemployed", "inactive", "unknown"]  # fmt: skip
    history = History()
    for n, status in enumerate(statuses):
        history.given(enrolled(f"c{n}", "2019-01-10"), exited(f"c{n}", "2019-02-01", status))

    result = history.report()

    destinations = sum(value(result, f"destinations.{d}") for d in rules.DESTINATIONS)
    assert destinations == value(result, "leavers.total") == len(statuses)


def test_employment_upon_leaving_includes_self_employment_and_keeps_the_employment_type() -> None:
    history = History().given(
        enrolled("a"), exited("a", "2019-05-01", "employed", "wage_subsidised"),
        enrolled("b"), exited("b", "2019-05-01", "entrepreneurship"),
        enrolled("c"), exited("c", "2019-05-01", "job_searching"),
    )  # fmt: skip

    result = history.report()

    assert result.figure("results.employed_incl_self_employed").members == ("a", "b")
    assert result.figure("destinations.employed.wage_subsidised").members == ("a",)


def test_results_are_provisional_until_four_weeks_after_the_exit() -> None:
    history = History().given(
        enrolled("early"), exited("early", "2019-11-01", "unknown"),
        enrolled("late"), exited("late", "2019-12-10", "unknown"),
    )  # fmt: skip

    result = history.report(end="2019-12-31")

    assert result.figure("quality.results_window_open").members == ("late",)
    assert result.figure("quality.missing_end_status").members == ("early",)


def test_placements_during_participation_are_kept_apart_from_the_exit_status() -> None:
    history = History().given(
        enrolled("c1", "2019-02-01"),
        placement("c1", "firm", "2019-03-01", "work_trial"),
        placement("c1", "firm", "2019-04-01", "part_time"),
        exited("c1", "2019-05-01", "unemployed"),
        placement("c1", "firm", "2019-09-01", "full_time"),  # long after leaving
    )

    result = history.report()

    assert value(result, "outcomes.placements") == 2
    assert result.figure("outcomes.participants_employed").members == ("c1",)
    assert value(result, "results.employed_incl_self_employed") == 0
    assert value(result, "destinations.unemployed") == 1


def test_an_exit_at_the_end_of_the_calendar_does_not_break_the_report() -> None:
    """History may hold an exit mistyped into year 9999; reports answer all the same."""
    history = History().given(
        enrolled("c1", "2019-02-01"),
        exited("c1", "9999-12-31", "employed"),
        placement("c1", "co-1", "9999-12-30"),
    )

    result = history.report("2019-01-01", "9999-12-31")
    rows = history.report("9999-12-01", "9999-12-31")

    assert value(result, "leavers.total") == 1
    assert value(rows, "leavers.total") == 1
    assert rules.upon_leaving_ends(date(9999, 12, 31)) == date.max
    assert rules.upon_leaving_ends(date(2019, 5, 1)) == date(2019, 5, 29)


def test_a_re_entry_after_a_period_does_not_change_that_periods_leavers() -> None:
    """Counting rules 2026.3: a period's figures depend only on facts dated in or before it."""
    history = History().given(
        enrolled("c1", "2019-02-01"),
        exited("c1", "2019-03-01", "unemployed"),
        re_entered("c1", "2019-04-15"),
    )

    first_quarter = history.report("2019-01-01", "2019-03-31")
    whole_year = history.report("2019-01-01", "2019-12-31")

    assert value(first_quarter, "leavers.total") == 1
    assert first_quarter.figure("destinations.unemployed").members == ("c1",)
    assert value(whole_year, "leavers.total") == 0


def test_a_period_between_two_exits_counts_the_first_one() -> None:
    history = History().given(
        enrolled("c1", "2019-02-01"),
        exited("c1", "2019-03-01", "unemployed"),
        re_entered("c1", "2019-04-01"),
        exited("c1", "2019-06-01", "employed"),
    )

    march = history.report("2019-03-01", "2019-03-31")
    april = history.report("2019-04-01", "2019-04-30")
    year = history.report()

    assert march.figure("destinations.unemployed").members == ("c1",)
    assert value(april, "leavers.total") == 0
    assert value(year, "results.employed_incl_self_employed") == 1
    assert value(year, "destinations.unemployed") == 0
