"""Exit, re-entry, coach changes and corrections on an enrolled client's stream."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.client import evolve, rebuild
from services.intake.domain.commands import Command
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import EducationLevel, EmploymentType, ExitStatus
from services.intake.domain.events import CoachAssigned, StartDataCorrected
from shared.events.codec import payload_of
from tests.unit.intake.builders import (
    CLIENT,
    COACH,
    ENTRY,
    assign_coach,
    correct,
    enrol,
    enrolled,
    exit_client,
    exited,
    re_enter,
    re_entered,
    refused,
    start_data,
    when,
)


@pytest.mark.parametrize(
    "command",
    [exit_client(), re_enter(), correct(), assign_coach()],
    ids=lambda command: type(command).__name__,
)
def test_every_command_but_enrolment_needs_an_enrolled_client(command: Command) -> None:
    assert refused([], command) == "client_not_enrolled"


def test_exiting_records_the_exit_status() -> None:
    assert when([enrolled()], exit_client()) == [exited()]


def test_an_employed_exit_records_the_employment_type() -> None:
    command = exit_client(
        exit_status=ExitStatus.EMPLOYED, employment_type=EmploymentType.WAGE_SUBSIDISED
    )

    assert when([enrolled()], command) == [
        exited(exit_status=ExitStatus.EMPLOYED, employment_type=EmploymentType.WAGE_SUBSIDISED)
    ]


def test_exiting_on_the_entry_day_is_allowed() -> None:
    assert when([enrolled()], exit_client(exit_date=ENTRY)) == [exited(exited_on=ENTRY)]


def test_exiting_before_the_entry_date_is_refused() -> None:
    assert refused([enrolled()], exit_client(exit_date=date(2024, 3, 3))) == "exit_before_entry"


def test_exiting_a_client_twice_is_refused() -> None:
    assert refused([enrolled(), exited()], exit_client()) == "client_already_exited"


def test_an_employed_exit_without_the_employment_type_is_refused() -> None:
    command = exit_client(exit_status=ExitStatus.EMPLOYED)

    assert refused([enrolled()], command) == "employment_type_required"


def test_an_employment_type_on_another_exit_status_is_refused() -> None:
    command = exit_client(employment_type=EmploymentType.APPRENTICESHIP)

    assert refused([enrolled()], command) == "employment_type_only_when_employed"


def test_a_former_participant_re_enters_on_the_same_stream() -> None:
    assert when([enrolled(), exited()], re_enter()) == [re_entered()]


def test_a_re_entrant_keeps_the_first_entry_data_and_counts_once() -> None:
    state = rebuild([enrolled(), exited(), re_entered()])

    assert state is not None
    assert (state.entered_on, state.start_data) == (ENTRY, start_data())
    assert state.is_active and state.participations == 2


def test_the_final_exit_after_a_re_entry_is_the_exit_that_counts() -> None:
    final = exited(exited_on=date(2025, 4, 30), exit_status=ExitStatus.ENTREPRENEURSHIP)
    state = rebuild([enrolled(), exited(), re_entered(), final])

    assert state is not None
    assert (state.exited_on, state.exit_status) == (date(2025, 4, 30), ExitStatus.ENTREPRENEURSHIP)


def test_exiting_before_the_re_entry_date_is_refused() -> None:
    command = exit_client(exit_date=date(2025, 1, 7))

    assert refused([enrolled(), exited(), re_entered()], command) == "exit_before_entry"


def test_re_entering_while_still_active_is_refused() -> None:
    assert refused([enrolled()], re_enter()) == "client_still_active"


def test_re_entering_before_the_last_exit_is_refused() -> None:
    command = re_enter(re_entry_date=date(2024, 9, 29))

    assert refused([enrolled(), exited()], command) == "re_entry_before_exit"


def test_re_entering_another_projects_stream_is_refused() -> None:
    assert refused([enrolled(), exited()], re_enter(project_id="S30355")) == "different_project"


def test_assigning_a_new_coach_records_the_previous_one() -> None:
    assert when([enrolled()], assign_coach("coach-2")) == [
        CoachAssigned(client_id=CLIENT, coach_id="coach-2", previous_coach_id=COACH)
    ]


def test_assigning_the_current_coach_again_records_nothing() -> None:
    assert when([enrolled()], assign_coach(COACH)) == []


def test_assigning_a_coach_to_an_exited_client_is_refused() -> None:
    assert refused([enrolled(), exited()], assign_coach()) == "client_exited"


def test_a_correction_records_the_corrected_data_what_changed_and_why() -> None:
    corrected = start_data(education=EducationLevel.ISCED_5_8)

    assert when([enrolled()], correct()) == [
        StartDataCorrected(
            client_id=CLIENT,
            start_data=corrected,
            changed_fields=("education",),
            reason_code="document_checked",
            reason_id="0190aaaa-0000-7000-8000-00000000000c",
        )
    ]


def test_a_correction_carries_its_code_and_the_words_id_never_the_words() -> None:
    [event] = when([enrolled()], correct())

    assert "diploma" not in str(payload_of(event))
    assert when([enrolled()], correct(reason=""))[0].reason_id is None  # type: ignore[union-attr]


def test_an_unknown_reason_code_is_refused_at_its_field() -> None:
    with pytest.raises(DomainError) as refusal:
        when([enrolled()], correct(reason_code="because"))

    assert (refusal.value.code, refusal.value.field) == ("invalid_reason_code", "reason_code")


def test_start_data_can_be_corrected_after_the_exit() -> None:
    assert len(when([enrolled(), exited()], correct())) == 1


def test_a_correction_without_a_reason_is_refused() -> None:
    assert refused([enrolled()], correct(reason="", reason_code="other")) == (
        "correction_reason_required"
    )


def test_a_correction_that_changes_nothing_is_refused() -> None:
    assert refused([enrolled()], correct(start_data=start_data())) == "start_data_unchanged"


def test_a_correction_is_checked_against_the_first_entry_date() -> None:
    command = correct(start_data=start_data(unemployed_since=date(2024, 3, 5)))

    assert refused([enrolled()], command) == "unemployed_since_after_entry"


def test_the_corrected_start_data_replace_the_entry_data() -> None:
    state = rebuild([enrolled(), *when([enrolled()], correct())])

    assert state is not None and state.start_data.education is EducationLevel.ISCED_5_8


def test_a_stream_must_begin_with_the_enrolment() -> None:
    with pytest.raises(ValueError, match="before ClientEnrolled"):
        evolve(None, exited())


def test_the_enrol_builder_and_the_enrolled_builder_agree() -> None:
    assert when([], enrol()) == [enrolled()]
