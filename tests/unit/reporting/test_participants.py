"""Participants at entry (§6.1): counted once per project, entry data fixed at first entry."""

from __future__ import annotations

from tests.unit.reporting.builders import (
    PROJECT,
    History,
    corrected,
    enrolled,
    exited,
    in_period,
    re_entered,
    read,
    value,
)


def test_a_re_entered_person_counts_once_and_is_listed_as_re_entered() -> None:
    history = History().given(
        enrolled("c1", "2019-02-01"),
        exited("c1", "2019-03-01", "unemployed"),
        re_entered("c1", "2019-05-01"),
        enrolled("c2", "2019-02-10"),
    )

    result = history.report()

    assert value(result, "participants.total") == 2
    assert result.figure("participants.re_entered").members == ("c1",)


def test_entry_data_stay_those_of_the_first_entry_when_enrolled_again() -> None:
    history = History().given(
        enrolled("c1", "2019-02-01", gender="male"),
        exited("c1", "2019-03-01", "unemployed"),
        enrolled("c1", "2019-06-01", gender="female"),
    )

    result = history.report()

    assert value(result, "participants.gender.male") == 1
    assert value(result, "participants.gender.female") == 0
    assert value(result, "participants.total") == 1


def test_a_correction_of_the_entry_data_applies_as_an_event() -> None:
    history = History().given(
        enrolled("c1", gender="male", education="isced_0_2"),
        corrected("c1", gender="male", education="isced_5_8"),
    )

    result = history.report()

    assert value(result, "participants.education.isced_5_8") == 1
    assert value(result, "participants.education.isced_0_2") == 0
    assert result.figure("quality.corrected_records").members == ("c1",)
    assert set(history.positions) <= set(result.figure("participants.total").events)


def test_long_term_unemployment_needs_twelve_full_months_before_entry() -> None:
    history = History().given(
        enrolled("just", "2019-02-01", unemployed_since="2018-02-01"),
        enrolled("short", "2019-02-01", unemployed_since="2018-02-02"),
        enrolled("working", "2019-02-01", labour_market_status="employed", unemployed_since=None),
    )

    result = history.report()

    assert result.figure("participants.status.long_term_unemployed").members == ("just",)
    assert value(result, "participants.status.unemployed") == 2
    assert value(result, "participants.status.employed") == 1


def test_age_bands_and_over_54s_are_ages_at_entry() -> None:
    history = History().given(
        enrolled("young", age_at_entry=24),
        enrolled("middle", age_at_entry=54),
        enrolled("older", age_at_entry=55, labour_market_status="inactive", unemployed_since=None),
    )

    result = history.report()

    assert result.figure("participants.age.under_25").members == ("young",)
    assert result.figure("participants.age.25_to_54").members == ("middle",)
    assert result.figure("participants.over_54_unemployed_or_inactive").members == ("older",)


def test_new_in_period_counts_first_entries_in_the_period_and_cumulative_all_before_its_end() -> (
    None
):
    history = History().given(
        enrolled("last-year", "2018-11-01"),
        enrolled("this-year", "2019-03-01"),
        enrolled("next-year", "2020-01-15"),
    )

    result = history.report("2019-01-01", "2019-12-31")

    assert value(result, "participants.total") == 2
    assert in_period(result, "participants.total") == 1


def test_a_record_lacking_a_mandatory_field_is_counted_incomplete() -> None:
    history = History().given(enrolled("c1"), enrolled("c2", education=None))

    result = history.report()

    assert result.figure("quality.incomplete_records").members == ("c2",)
    assert value(result, "quality.completeness_percent") == 50.0


def test_events_for_a_participant_never_enrolled_change_nothing() -> None:
    history = History().given(exited("ghost", "2019-03-01"), corrected("ghost", gender="male"))

    assert value(history.report(), "participants.total") == 0
    assert value(history.report(), "leavers.total") == 0


def test_an_event_delivered_twice_is_folded_once() -> None:
    history = History()
    events = [enrolled("c1", "2019-02-01"), re_entered("c1", "2019-05-01")]
    history.given(*events)
    for (event_type, payload), (_log, position) in zip(events, history.positions, strict=True):
        history.facts.apply(event_type, read(event_type, payload), position, PROJECT)

    [participant] = history.facts.rows["participant"].values()
    assert participant.entries == 2
    assert participant.positions == [position for _log, position in history.positions]
