"""A participant's answers by link: refused at their fields, kept as the checked answers,
and turned into the coach's own commands marked as entered by the participant."""

from __future__ import annotations

from datetime import date

from services.intake.domain import link_forms
from services.intake.domain.client import decide, rebuild
from services.intake.domain.consent import PURPOSES
from services.intake.domain.esf import (
    EducationLevel,
    ExitStatus,
    FollowUpSource,
    LabourMarketStatus,
    SensitiveAnswer,
)
from services.intake.domain.events import StartDataCorrected
from tests.unit.intake.builders import CLIENT, ENTRY, enrolled, start_data

ANSWERS = {
    "gender": "female",
    "education": "isced_5_8",
    "labour_market_status": "unemployed",
    "unemployed_since": "2023-01-15",
    "municipality": "Lohja",
    "disability": "declined",
    "foreign_background": "no",
    "third_country_national": "no",
    "minority": "declined",
    "homeless_or_housing_exclusion": "no",
    "other_disadvantaged": "yes",
}


def test_a_start_form_without_answers_is_refused_at_every_field_and_keeps_nothing() -> None:
    answers, errors = link_forms.read_start_form({}, ENTRY)

    assert answers == {}
    assert errors["gender"] == errors["disability"] == "choose_one"
    assert errors["municipality"] == "municipality_required"
    assert set(link_forms.SENSITIVE_FIELDS) <= set(errors)


def test_an_unemployed_participant_gives_the_day_and_it_is_not_after_entry() -> None:
    missing = link_forms.read_start_form(ANSWERS | {"unemployed_since": ""}, ENTRY)[1]
    late = link_forms.read_start_form(ANSWERS | {"unemployed_since": "2024-05-01"}, ENTRY)[1]
    garbled = link_forms.read_start_form(ANSWERS | {"unemployed_since": "15.1."}, ENTRY)[1]
    employed = ANSWERS | {"labour_market_status": "employed", "unemployed_since": "x"}

    assert missing == {"unemployed_since": "date_required"}
    assert late == {"unemployed_since": "unemployed_since_after_entry"}
    assert garbled == {"unemployed_since": "invalid_date"}
    assert "unemployed_since" not in link_forms.read_start_form(employed, ENTRY)[0]


def test_not_asked_is_the_projects_answer_never_the_participants() -> None:
    errors = link_forms.read_start_form(ANSWERS | {"minority": "not_asked"}, ENTRY)[1]

    assert errors == {"minority": "choose_one"}


def test_the_confirmed_start_form_corrects_the_start_data_as_entered_by_the_participant() -> None:
    answers, _ = link_forms.read_start_form(ANSWERS, ENTRY)
    state = rebuild([enrolled()])
    assert state is not None

    command = link_forms.start_command(CLIENT, state.start_data, answers)
    events = decide(state, command)

    assert isinstance(events[0], StartDataCorrected)
    corrected = events[0].start_data
    assert events[0].entered_by == "participant"
    assert corrected.education is EducationLevel.ISCED_5_8
    assert corrected.sensitive.disability is SensitiveAnswer.DECLINED
    assert corrected.age_at_entry == start_data().age_at_entry
    assert "education" in events[0].changed_fields


def test_the_form_is_prefilled_from_what_the_project_holds() -> None:
    values = link_forms.start_form_values(start_data())

    assert values["labour_market_status"] == LabourMarketStatus.UNEMPLOYED.value
    assert values["unemployed_since"] == "2022-11-01"
    assert values["disability"] == ""  # not asked yet: the participant answers it


def test_consent_needs_an_answer_per_purpose_and_is_given_online_by_the_participant() -> None:
    refused = link_forms.read_consent_form({"project_processing": "yes"}, "2026-01")[1]
    answers, _ = link_forms.read_consent_form(dict.fromkeys(PURPOSES, "no"), "2026-01")

    commands = link_forms.consent_commands(CLIENT, answers, date(2026, 12, 1))

    assert set(refused) == set(PURPOSES) - {"project_processing"}
    assert [c.purpose for c in commands] == list(PURPOSES)
    assert {(c.given, c.channel, c.entered_by, c.version) for c in commands} == {
        (False, "e_service", "participant", "2026-01")
    }


def test_the_follow_up_asks_the_detail_its_status_needs() -> None:
    missing = link_forms.read_follow_up_form({"exit_status": "employed"}, False)[1]
    unknown = link_forms.read_follow_up_form({"exit_status": "unknown"}, False)[1]
    answers, _ = link_forms.read_follow_up_form(
        {"exit_status": "employed", "employment_type": "fixed_term", "improvement": "promoted"},
        True,
    )

    command = link_forms.follow_up_command(CLIENT, answers, date(2026, 12, 1))

    assert missing == {"employment_type": "choose_one"}
    assert unknown == {"exit_status": "choose_one"}
    assert command.exit_status is ExitStatus.EMPLOYED
    assert (command.source, command.reached, command.entered_by) == (
        FollowUpSource.CLIENT, True, "participant",
    )  # fmt: skip
    assert command.improvement is not None
