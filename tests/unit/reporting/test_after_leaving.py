"""After the exit (counting rules 2026.4), hand-computed: the destinations of practice,
the status upon leaving recorded later, still studying, and the six-month results."""

from __future__ import annotations

from typing import Any

from services.reporting.domain import rules
from services.reporting.domain.follow_up import FOLLOW_UP_KEYS
from tests.unit.reporting.builders import (
    History,
    Wire,
    enrolled,
    exited,
    in_period,
    placement,
    re_entered,
    value,
)


def exit_with(client: str, on: str, status: str, **kinds: Any) -> Wire:
    event_type, payload = exited(client, on, status)
    return event_type, payload | kinds


def status_recorded(client: str, exited_on: str, status: str, **details: Any) -> Wire:
    return "intake.status_upon_leaving_recorded", {
        "client_id": client, "exited_on": exited_on, "exit_status": status,
        "previous_status": "unknown", "source": "client", "employment_type": None,
        "referral_kind": None, "intermediate_kind": None,
    } | details  # fmt: skip


def follow_up(client: str, exited_on: str, due_on: str, checked_on: str, status: str,
              source: str = "client", **details: Any) -> Wire:  # fmt: skip
    return "intake.follow_up_recorded", {
        "client_id": client, "exited_on": exited_on, "due_on": due_on,
        "checked_on": checked_on, "reached": status != "unknown", "source": source,
        "exit_status": status, "employment_type": None, "referral_kind": None,
        "intermediate_kind": None, "improvement": None,
    } | details  # fmt: skip


def members(history: History, key: str, end: str = "2019-12-31") -> tuple[str, ...]:
    return history.report(end=end).figure(key).members


def test_the_rules_are_version_2026_4() -> None:
    assert History().report().rules_version == rules.COUNTING_RULES_VERSION == "2026.4"


# -- destinations of practice -------------------------------------------------------------


def test_work_trials_intermediate_labour_market_and_referrals_have_rows_of_their_own() -> None:
    history = History().given(
        enrolled("a"), exit_with("a", "2019-05-01", "work_trial"),
        enrolled("b"), exit_with("b", "2019-05-01", "intermediate_labour_market",
                                 intermediate_kind="rehabilitative_work"),
        enrolled("c"), exit_with("c", "2019-05-01", "intermediate_labour_market",
                                 intermediate_kind="social_enterprise"),
        enrolled("d"), exit_with("d", "2019-05-01", "referred_to_other_services",
                                 referral_kind="pension"),
        enrolled("e"), exit_with("e", "2019-05-01", "referred_to_other_services",
                                 referral_kind="debt_counselling"),
        enrolled("f"), exit_with("f", "2019-05-01", "referred_to_other_services"),  # before 2026.4
    )  # fmt: skip

    result = history.report()

    assert result.figure("destinations.work_trial").members == ("a",)
    assert result.figure("destinations.intermediate_labour_market.rehabilitative_work").members == (
        "b",
    )
    assert result.figure("destinations.intermediate_labour_market.social_enterprise").members == (
        "c",
    )
    assert result.figure("destinations.referred_to_other_services.pension").members == ("d",)
    assert result.figure("destinations.referred_to_other_services.debt_counselling").members == (
        "e",
    )
    assert result.figure("destinations.referred_to_other_services").members == ("f",)
    destinations = sum(value(result, f"destinations.{d}") for d in rules.DESTINATIONS)
    assert destinations == value(result, "leavers.total") == 6
    # neither a work trial nor the intermediate labour market is ESF employment
    assert value(result, "results.employed_incl_self_employed") == 0
    assert value(result, "results.job_searching") == 0


def test_a_kind_survives_a_re_entry_in_the_periods_before_it() -> None:
    history = History().given(
        enrolled("a", "2019-01-10"),
        exit_with("a", "2019-03-01", "referred_to_other_services", referral_kind="mental_health"),
        re_entered("a", "2019-06-01"),
    )

    assert members(history, "destinations.referred_to_other_services.mental_health",
                   end="2019-05-31") == ("a",)  # fmt: skip
    assert members(history, "leavers.total") == ()


# -- the status upon leaving, recorded after the exit ---------------------------------------


def test_a_status_recorded_later_takes_the_leaver_off_the_to_do_list_and_counts() -> None:
    history = History().given(enrolled("a"), exited("a", "2019-03-01", "unknown"))
    before = history.report()
    history.given(status_recorded("a", "2019-03-01", "employed", employment_type="fixed_term"))

    after = history.report()

    assert before.figure("quality.missing_end_status").members == ("a",)
    assert value(before, "results.employed_incl_self_employed") == 0
    assert after.figure("quality.missing_end_status").members == ()
    assert after.figure("results.employed_incl_self_employed").members == ("a",)
    assert after.figure("destinations.employed.fixed_term").members == ("a",)
    assert value(after, "destinations.unknown") == 0
    assert in_period(after, "results.employed_incl_self_employed") == 1
    # the figure names the event that recorded the status
    assert ("intake", 3) in after.figure("results.employed_incl_self_employed").events


def test_a_recorded_status_is_corrected_by_a_later_one_and_the_last_wins() -> None:
    history = History().given(
        enrolled("a"), exited("a", "2019-03-01", "unknown"),
        status_recorded("a", "2019-03-01", "job_searching"),
        status_recorded("a", "2019-03-01", "referred_to_other_services",
                        referral_kind="substance_abuse"),
    )  # fmt: skip

    result = history.report()

    assert value(result, "results.job_searching") == 0
    assert result.figure("destinations.referred_to_other_services.substance_abuse").members == (
        "a",
    )


def test_a_status_of_an_exit_a_re_entry_closed_counts_in_the_periods_before_the_re_entry() -> None:
    history = History().given(
        enrolled("a", "2019-01-10"), exited("a", "2019-03-01", "unknown"),
        re_entered("a", "2019-06-01"),
        status_recorded("a", "2019-03-01", "education_or_training"),
    )  # fmt: skip

    assert members(history, "results.education_or_training", end="2019-05-31") == ("a",)
    assert members(history, "quality.missing_end_status", end="2019-05-31") == ()
    assert members(history, "leavers.total") == ()


# -- still studying at the end --------------------------------------------------------------


def test_a_leaver_to_education_is_still_studying_when_the_latest_status_by_the_end_says_so() -> (
    None
):
    history = History().given(
        enrolled("a"), exited("a", "2019-05-31", "education_or_training"),
        follow_up("a", "2019-05-31", "2019-11-30", "2019-11-01", "education_or_training"),
        enrolled("b"), exited("b", "2019-05-31", "education_or_training"),
        follow_up("b", "2019-05-31", "2019-11-30", "2019-09-01", "education_or_training"),
        follow_up("b", "2019-05-31", "2019-11-30", "2019-12-01", "employed",
                  employment_type="fixed_term"),
        enrolled("c"), exited("c", "2019-05-31", "education_or_training"),
    )  # fmt: skip

    assert members(history, "results.education_still_studying") == ("a",)
    # by the end of October only b's status of September was checked
    assert members(history, "results.education_still_studying", end="2019-10-31") == ("b",)
    assert value(history.report(), "results.education_or_training") == 3


# -- six-month results -------------------------------------------------------------------


def test_a_leaver_placed_during_participation_who_exits_unemployed_is_employed_six_months_on() -> (
    None
):
    history = History().given(
        enrolled("a", "2019-01-10"),
        placement("a", "company-1", "2019-02-01"),
        exited("a", "2019-03-31", "unemployed"),
        follow_up("a", "2019-03-31", "2019-09-30", "2019-10-05", "employed", "register",
                  employment_type="wage_subsidised"),
    )  # fmt: skip

    year = history.report()
    before_due = history.report(end="2019-09-29")
    second_half = history.report(start="2019-07-01")

    assert value(year, "outcomes.participants_employed") == 1  # during participation
    assert value(year, "results.employed_incl_self_employed") == 0  # upon leaving
    assert value(year, "destinations.unemployed") == 1
    assert value(year, "followups.due") == 1
    assert value(year, "followups.reached") == value(year, "followups.source.register") == 1
    assert year.figure("followups.employed_incl_self_employed").members == ("a",)
    assert value(year, "followups.employed_over_54") == 0  # 35 at entry
    assert all(value(before_due, key) == 0 for key in FOLLOW_UP_KEYS)
    assert in_period(second_half, "followups.employed_incl_self_employed") == 1
    assert in_period(history.report(end="2019-12-31", start="2019-10-01"), "followups.due") == 0


def test_a_re_entry_moves_the_follow_up_to_the_final_exit() -> None:
    history = History().given(
        enrolled("a", "2019-01-10"), exited("a", "2019-01-31", "unemployed"),
        follow_up("a", "2019-01-31", "2019-07-31", "2019-08-05", "employed", "client",
                  employment_type="open_market_part_time"),
        re_entered("a", "2019-09-01"), exited("a", "2019-10-31", "unemployed"),
    )  # fmt: skip

    summer = history.report(end="2019-08-31")
    year = history.report()
    next_year = history.report(start="2020-01-01", end="2020-12-31")

    # before the re-entry the first exit was the final one, and its result was known
    assert value(summer, "followups.employed_incl_self_employed") == 1
    # after it, the final exit's follow-up is not yet due in 2019
    assert value(year, "followups.due") == 0
    # and in 2020 it is due, missing: the first exit's follow-up is not the final one's
    assert next_year.figure("followups.missing").members == ("a",)
    assert value(next_year, "followups.employed_incl_self_employed") == 0


def test_a_correction_dated_after_the_period_changes_the_due_days_period_but_not_as_of() -> None:
    leaving = [
        enrolled("a", "2019-01-02", age_at_entry=57),
        exited("a", "2019-01-15", "unemployed"),
        follow_up("a", "2019-01-15", "2019-07-15", "2019-07-20", "unemployed", "client"),
    ]
    as_of_then = History().given(*leaving)
    corrected = History().given(
        *leaving,
        follow_up("a", "2019-01-15", "2019-07-15", "2020-02-01", "entrepreneurship", "register"),
    )

    then, now = as_of_then.report(), corrected.report()

    assert value(then, "followups.employed_incl_self_employed") == 0
    assert value(then, "followups.source.client") == 1
    assert now.figure("followups.employed_incl_self_employed").members == ("a",)
    assert now.figure("followups.employed_over_54").members == ("a",)
    assert value(now, "followups.source.client") == 0
    assert value(now, "followups.source.register") == 1
    assert value(now, "followups.reached") == value(now, "followups.due") == 1


def test_an_improved_situation_counts_only_for_those_employed_at_entry() -> None:
    history = History().given(
        enrolled("a", labour_market_status="employed", unemployed_since=None),
        exited("a", "2019-01-31", "employed"),
        follow_up("a", "2019-01-31", "2019-07-31", "2019-08-01", "employed",
                  employment_type="open_market_full_time", improvement="promoted"),
        enrolled("b", labour_market_status="employed", unemployed_since=None),
        exited("b", "2019-01-31", "employed"),
        follow_up("b", "2019-01-31", "2019-07-31", "2019-08-01", "employed",
                  employment_type="open_market_full_time", improvement="none"),
        enrolled("c"), exited("c", "2019-01-31", "employed"),
        follow_up("c", "2019-01-31", "2019-07-31", "2019-08-01", "employed",
                  employment_type="open_market_full_time", improvement="promoted"),
    )  # fmt: skip

    result = history.report()

    assert result.figure("followups.improved_situation").members == ("a",)
    assert value(result, "followups.employed_incl_self_employed") == 3


def test_coverage_counts_the_due_the_reached_by_source_the_unreached_and_the_missing() -> None:
    history = History().given(
        enrolled("a"), exited("a", "2019-02-01", "unemployed"),
        follow_up("a", "2019-02-01", "2019-08-01", "2019-08-02", "inactive", "employer"),
        enrolled("b"), exited("b", "2019-02-01", "unemployed"),
        follow_up("b", "2019-02-01", "2019-08-01", "2019-08-02", "unknown", "client"),
        enrolled("c"), exited("c", "2019-02-01", "unemployed"),
        follow_up("c", "2019-02-01", "2019-08-01", "2019-05-02", "unemployed", "client"),
        enrolled("d"), exited("d", "2019-09-01", "unemployed"),
    )  # fmt: skip

    result = history.report()

    assert result.figure("followups.due").members == ("a", "b", "c")
    assert result.figure("followups.reached").members == ("a",)
    assert result.figure("followups.source.employer").members == ("a",)
    assert result.figure("followups.not_reached").members == ("b",)
    assert result.figure("followups.missing").members == ("c",)  # checked before the due day
