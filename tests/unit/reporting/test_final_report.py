"""The final report: services used, employers by sector, companies apart from the own
organisation, and money (§6.6), each figure against a hand-computed scenario."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from services.reporting.domain.figures import Period
from services.reporting.domain.final_report import final_report
from services.reporting.domain.money import money, share
from tests.unit.reporting.builders import (
    PROJECT,
    History,
    in_period,
    read,
    value,
)
from tests.unit.reporting.final_builders import (
    booked,
    employers_events,
    joined,
    money_events,
    plan,
    sector_set,
    services_events,
)

# -- services ----------------------------------------------------------------------------


def services_history() -> History:
    return History().given(*services_events())


def test_clients_per_service_count_each_client_once_and_by_the_first_date() -> None:
    result = services_history().report()

    assert result.figure("services.sessions.personal_coaching").members == ("c1", "c2")
    assert in_period(result, "services.sessions.personal_coaching") == 1  # c1 began in 2018
    assert value(result, "services.sessions.guidance_point_visit") == 1
    assert value(result, "services.pre_coaching.started") == 3  # c3, c4 (completed), c5
    assert result.figure("services.pre_coaching.completed").members == ("c3", "c4")


def test_group_programmes_count_clients_and_participations_by_kind_and_by_own_name() -> None:
    result = services_history().report()

    assert value(result, "services.programmes") == 2
    assert value(result, "services.programmes.participations") == 3
    assert value(result, "services.programmes.job_seekers_group") == 1
    assert value(result, "services.programmes.job_seekers_group.participations") == 2
    assert value(result, "services.programmes.entrepreneurs_group") == 1
    assert value(result, "services.programmes.workshop") == 0
    assert result.figure("services.programmes.named.DuuniKaverit").members == ("c1",)
    assert result.figure("services.programmes.named.YrittäjäKaverit").members == ("c2",)


def test_the_course_in_work_coaching_and_demonstrations_by_start_end_and_result() -> None:
    result = services_history().report()

    assert (
        value(result, "services.course.started"),
        value(result, "services.course.completed"),
    ) == (2, 1)
    assert value(result, "services.in_work.started") == 2
    assert result.figure("services.in_work.completed").members == ("c3",)
    assert value(result, "services.in_work.follow_on.continued_employment") == 1
    assert value(result, "services.in_work.follow_on.education") == 0
    assert value(result, "services.demonstrations") == 3
    assert [
        value(result, f"services.demonstrations.{r}") for r in ("passed", "partly", "failed")
    ] == [1, 1, 1]
    assert result.figure("services.demonstrations").unit == "participations"


def test_a_service_counts_in_the_period_it_falls_in() -> None:
    result = services_history().report("2019-01-01", "2019-04-30")

    assert value(result, "services.in_work.started") == 0
    assert value(result, "services.course.completed") == 1
    assert value(result, "services.programmes.participations") == 2  # p3 joined in May
    assert value(result, "services.demonstrations") == 0


def test_a_redelivered_service_event_changes_nothing() -> None:
    history = services_history()
    event_type, payload = joined("p2", "c9", "2019-03-01")
    history.facts.apply(event_type, read(event_type, payload), 900, PROJECT)
    history.facts.apply(event_type, read(event_type, payload), 900, PROJECT)

    assert value(history.report(), "services.programmes.participations") == 4


# -- employers and companies -------------------------------------------------------------


def employers_history() -> History:
    return History().given(*employers_events())


def test_the_employed_are_split_by_their_first_employers_sector() -> None:
    result = employers_history().report()

    assert result.figure("outcomes.employed_in.private").members == ("c1",)
    assert result.figure("outcomes.employed_in.own_organisation").members == ("c2",)
    assert result.figure("outcomes.employed_in.public").members == ("c3",)
    split = sum(value(result, f"outcomes.employed_in.{s}")
                for s in ("private", "public", "own_organisation"))  # fmt: skip
    assert split == value(result, "outcomes.participants_employed") == 3


def test_a_client_placed_during_participation_who_leaves_unemployed_counts_in_both() -> None:
    result = employers_history().report()

    assert "c1" in result.figure("outcomes.employed_in.private").members
    assert "c1" in result.figure("destinations.unemployed").members


def test_cooperating_companies_can_leave_out_the_own_organisation() -> None:
    result = employers_history().report()

    assert value(result, "companies.cooperating") == 3
    assert result.figure("companies.cooperating_excluding_own_organisation").members == (
        "k-private", "k-state",
    )  # fmt: skip
    assert result.figure("companies.own_organisation_units").members == ("k-city",)


def test_a_company_marked_private_again_counts_as_a_company() -> None:
    history = employers_history().given(sector_set("k-city", "private"))

    result = history.report()

    assert value(result, "companies.cooperating_excluding_own_organisation") == 3
    assert value(result, "outcomes.employed_in.private") == 2


# -- money ---------------------------------------------------------------------------------


def money_history(*, corrected: bool = True) -> History:
    return History().given(*money_events(corrected=corrected))


def whole_run(history: History, start: str = "2018-01-01", end: str = "2020-01-31") -> Any:
    period = Period(date.fromisoformat(start), date.fromisoformat(end))
    return final_report(history.facts.of_project(PROJECT), period)


def test_budget_against_realised_cost_as_the_seed_reports_it() -> None:
    cash = whole_run(money_history()).money

    assert cash.budget_cents == 242_550_00
    assert cash.realised_cents == 225_303_00  # 150 000 + 22 500 + 49 803 + 3 000
    assert cash.realised_percent == Decimal("92.9")
    assert cash.remaining_cents == 17_247_00
    assert dict(cash.by_category) == {"staff": 150_000_00, "purchased_services": 49_803_00,
                                      "flat_rate": 22_500_00, "other": 3_000_00}  # fmt: skip


def test_the_funding_split_in_euros_of_the_budget_and_of_the_realised_cost() -> None:
    cash = whole_run(money_history()).money

    esf, city = cash.funding
    assert (esf.source, esf.budget_cents, city.budget_cents) == ("esf", 169_785_00, 72_765_00)
    assert (esf.realised_cents, city.realised_cents) == (157_712_10, 67_590_90)
    assert esf.realised_cents + city.realised_cents == cash.realised_cents


def test_cost_per_participant_and_per_positive_result() -> None:
    cash = whole_run(money_history()).money

    assert (cash.participants, cash.positive_results) == (3, 2)  # employed + in education
    assert cash.per_participant_cents == 75_101_00
    assert cash.per_positive_result_cents == 112_651_50


def test_a_corrected_booking_counts_as_corrected_and_the_log_before_it_as_booked() -> None:
    now = whole_run(money_history()).money
    before = whole_run(money_history(corrected=False)).money

    assert now.corrected_bookings == 1
    assert before.realised_cents - now.realised_cents == 197_00
    assert before.corrected_bookings == 0


def test_a_correction_recorded_after_the_period_changes_that_periods_cost() -> None:
    """The correction was recorded in March 2020; the booking is for 2019."""
    year = whole_run(money_history(), "2019-01-01", "2019-12-31").money

    assert year.realised_cents == 222_303_00  # the 2020 booking has not begun
    assert year.realised_in_period_cents == 49_803_00


def test_a_plan_without_a_budget_shows_not_planned_and_nothing_to_divide_shows_none() -> None:
    history = History().given(
        plan(None, []), booked("b1", "staff", "2019-01-01", "2019-01-31", "10")
    )

    final = whole_run(history)
    lines = {line.key: line for line in final.section("money").lines}

    assert lines["money.budget"].value is None
    assert lines["money.realised_percent"].value is None
    assert lines["money.remaining"].value is None
    assert lines["money.realised"].value == 10_00
    assert lines["money.per_participant"].value is None


def test_a_redelivered_booking_is_counted_once() -> None:
    history = money_history()
    event_type, payload = booked("b9", "other", "2019-01-01", "2019-01-31", "1.00")
    history.facts.apply(event_type, read(event_type, payload), 500, PROJECT)
    history.facts.apply(event_type, read(event_type, payload), 500, PROJECT)

    assert whole_run(history).money.realised_cents == 225_304_00


def test_shares_round_half_up_to_the_cent() -> None:
    assert share(1, 50.0) == 1  # 0.5 cents
    assert share(3, 33.3) == 1
    assert share(242_550_00, 70) == 169_785_00


def test_money_reads_participants_and_results_from_the_report() -> None:
    history = money_history()
    period = Period(date(2018, 1, 1), date(2020, 1, 31))
    values = {"participants.total": 4.0, "results.education_or_training": 1.0,
              "results.employed_incl_self_employed": 0.0}  # fmt: skip

    cash = money(history.facts.of_project(PROJECT), period, values)

    assert cash.per_participant_cents == 56_325_75
    assert cash.positive_results == 1


# -- the report's sections -----------------------------------------------------------------


def test_the_sections_come_in_the_seed_reports_order_and_plans_without_a_target_show_none() -> None:
    final = whole_run(money_history())

    six_months = any(f.key.startswith("followups.") for f in final.report.figures)
    assert [s.key for s in final.sections] == [
        "participants", "leavers", "outcomes", "services", "companies",
        *(["six_months"] if six_months else []), "money",
    ]  # fmt: skip
    participants = {line.key: line for line in final.section("participants").lines}
    companies = {line.key: line for line in final.section("companies").lines}
    assert participants["participants.total"].planned == 70
    assert companies["companies.cooperating"].planned is None  # planned 0: not planned
    assert all(line.figure for line in final.section("outcomes").lines)
    assert not any(line.figure for line in final.section("money").lines)
    assert "note.outcomes_overlap" in final.section("outcomes").notes
