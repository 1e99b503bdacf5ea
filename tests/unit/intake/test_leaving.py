"""After the exit: the destinations of practice, the status upon leaving recorded later,
and the follow-ups (six months after leaving and in between)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from services.intake.domain.client import rebuild
from services.intake.domain.commands import RecordFollowUp, RecordStatusUponLeaving
from services.intake.domain.contracts import intake_contracts
from services.intake.domain.esf import (
    EmploymentType,
    ExitStatus,
    FollowUpSource,
    Improvement,
    IntermediateKind,
    ReferralKind,
)
from services.intake.domain.events import FollowUpRecorded, StatusUponLeavingRecorded
from shared.events.codec import decode_event
from tests.unit.intake.builders import (
    CLIENT,
    employed_start_data,
    enrolled,
    exit_client,
    exited,
    re_entered,
    refused,
    when,
)

LEFT = date(2024, 9, 30)
DUE = date(2025, 3, 30)
UNKNOWN_EXIT = exited(exit_status=ExitStatus.UNKNOWN)


def record_status(**changes: Any) -> RecordStatusUponLeaving:
    command = RecordStatusUponLeaving(
        client_id=CLIENT, exit_status=ExitStatus.EDUCATION_OR_TRAINING,
        source=FollowUpSource.CLIENT,
    )  # fmt: skip
    return dataclasses.replace(command, **changes)


def record_follow_up(**changes: Any) -> RecordFollowUp:
    command = RecordFollowUp(
        client_id=CLIENT, checked_on=date(2025, 4, 2), reached=True,
        source=FollowUpSource.REGISTER, exit_status=ExitStatus.ENTREPRENEURSHIP,
    )  # fmt: skip
    return dataclasses.replace(command, **changes)


# -- destinations of practice (issue 18 item 1) --------------------------------------------


def test_a_referral_names_its_service_and_an_intermediate_exit_its_kind() -> None:
    referral = exit_client(
        exit_status=ExitStatus.REFERRED_TO_OTHER_SERVICES,
        referral_kind=ReferralKind.DEBT_COUNSELLING,
    )
    rehabilitative = exit_client(
        exit_status=ExitStatus.INTERMEDIATE_LABOUR_MARKET,
        intermediate_kind=IntermediateKind.REHABILITATIVE_WORK,
    )

    assert when([enrolled()], referral) == [
        exited(exit_status=ExitStatus.REFERRED_TO_OTHER_SERVICES,
               referral_kind=ReferralKind.DEBT_COUNSELLING)
    ]  # fmt: skip
    assert when([enrolled()], rehabilitative)[0].intermediate_kind is (
        IntermediateKind.REHABILITATIVE_WORK
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"exit_status": ExitStatus.REFERRED_TO_OTHER_SERVICES}, "referral_kind_required"),
        ({"referral_kind": ReferralKind.PENSION}, "referral_kind_only_when_referred"),
        ({"exit_status": ExitStatus.INTERMEDIATE_LABOUR_MARKET}, "intermediate_kind_required"),
        (
            {"exit_status": ExitStatus.WORK_TRIAL,
             "intermediate_kind": IntermediateKind.SOCIAL_ENTERPRISE},
            "intermediate_kind_only_for_intermediate",
        ),
        ({"exit_status": ExitStatus.EMPLOYED}, "employment_type_required"),
    ],
)  # fmt: skip
def test_a_detail_belongs_to_its_status(changes: dict[str, Any], code: str) -> None:
    assert refused([enrolled()], exit_client(**changes)) == code


def test_work_trial_and_the_intermediate_labour_market_are_not_esf_employment() -> None:
    assert not ExitStatus.WORK_TRIAL.counts_as_employment
    assert not ExitStatus.INTERMEDIATE_LABOUR_MARKET.counts_as_employment


# -- the status upon leaving, recorded after the exit (issue 16 item 17) -----------------


def test_the_status_of_an_exit_is_recorded_after_the_exit_and_replaces_unknown() -> None:
    events = when([enrolled(), UNKNOWN_EXIT], record_status())

    assert events == [
        StatusUponLeavingRecorded(
            client_id=CLIENT, exited_on=LEFT, exit_status=ExitStatus.EDUCATION_OR_TRAINING,
            previous_status=ExitStatus.UNKNOWN, source=FollowUpSource.CLIENT,
        )
    ]  # fmt: skip
    client = rebuild([enrolled(), UNKNOWN_EXIT, *events])
    assert client is not None
    assert client.exit_status is ExitStatus.EDUCATION_OR_TRAINING
    assert client.exited_on == LEFT and not client.is_active


def test_a_recorded_status_can_be_corrected_with_its_detail() -> None:
    first = when([enrolled(), UNKNOWN_EXIT], record_status())
    correction = record_status(
        exit_status=ExitStatus.EMPLOYED, employment_type=EmploymentType.FIXED_TERM,
        source=FollowUpSource.EMPLOYER,
    )  # fmt: skip

    events = when([enrolled(), UNKNOWN_EXIT, *first], correction)

    assert [(e.previous_status, e.exit_status, e.employment_type) for e in events] == [
        (ExitStatus.EDUCATION_OR_TRAINING, ExitStatus.EMPLOYED, EmploymentType.FIXED_TERM)
    ]


@pytest.mark.parametrize(
    ("given", "command", "code"),
    [
        ([enrolled()], record_status(), "client_not_exited"),
        ([enrolled(), UNKNOWN_EXIT, re_entered()], record_status(), "client_not_exited"),
        ([enrolled(), UNKNOWN_EXIT], record_status(exit_status=ExitStatus.UNKNOWN),
         "status_still_unknown"),
        ([enrolled(), exited()], record_status(exit_status=ExitStatus.UNEMPLOYED),
         "status_unchanged"),
        ([enrolled(), UNKNOWN_EXIT], record_status(exit_status=ExitStatus.EMPLOYED),
         "employment_type_required"),
        ([], record_status(), "client_not_enrolled"),
    ],
)  # fmt: skip
def test_a_status_upon_leaving_is_refused(given: list[Any], command: Any, code: str) -> None:
    assert refused(given, command) == code


# -- follow-ups (issue 18 item 4) -----------------------------------------------------------


def test_a_follow_up_is_due_six_months_after_the_exit() -> None:
    events = when([enrolled(), exited()], record_follow_up())

    assert events == [
        FollowUpRecorded(
            client_id=CLIENT, exited_on=LEFT, due_on=DUE, checked_on=date(2025, 4, 2),
            reached=True, source=FollowUpSource.REGISTER,
            exit_status=ExitStatus.ENTREPRENEURSHIP,
        )
    ]  # fmt: skip
    client = rebuild([enrolled(), exited(), *events])
    assert client is not None and client.follow_up_due_on == DUE
    assert [f.six_months for f in client.follow_ups] == [True]


def test_a_check_before_the_due_day_is_a_status_in_between() -> None:
    events = when([enrolled(), exited()], record_follow_up(checked_on=date(2024, 12, 1)))
    client = rebuild([enrolled(), exited(), *events])

    assert client is not None and [f.six_months for f in client.follow_ups] == [False]


def test_a_re_entry_starts_afresh_without_the_earlier_exits_follow_ups() -> None:
    events = when([enrolled(), exited()], record_follow_up())
    client = rebuild([enrolled(), exited(), *events, re_entered()])

    assert client is not None and client.follow_ups == () and client.follow_up_due_on is None


def test_the_improvement_is_for_those_employed_at_entry_and_employed_again() -> None:
    employed = enrolled(start_data=employed_start_data())
    improved = record_follow_up(
        exit_status=ExitStatus.EMPLOYED, employment_type=EmploymentType.OPEN_MARKET_FULL_TIME,
        improvement=Improvement.UNDEREMPLOYED_TO_FULL,
    )  # fmt: skip

    assert when([employed, exited()], improved)[0].improvement is Improvement.UNDEREMPLOYED_TO_FULL
    assert refused([enrolled(), exited()], improved) == "improvement_only_when_employed_at_entry"
    assert (
        refused([employed, exited()], record_follow_up(improvement=Improvement.PROMOTED,
                                                       exit_status=ExitStatus.UNEMPLOYED))
        == "improvement_only_when_employed"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("given", "command", "code"),
    [
        ([enrolled()], record_follow_up(), "client_not_exited"),
        ([enrolled(), exited()], record_follow_up(checked_on=date(2024, 9, 29)),
         "check_before_exit"),
        ([enrolled(), exited()], record_follow_up(exit_status=ExitStatus.UNKNOWN),
         "follow_up_status_required"),
        ([enrolled(), exited()], record_follow_up(reached=False), "status_only_when_reached"),
        ([enrolled(), exited()],
         record_follow_up(exit_status=ExitStatus.REFERRED_TO_OTHER_SERVICES),
         "referral_kind_required"),
    ],
)  # fmt: skip
def test_a_follow_up_is_refused(given: list[Any], command: Any, code: str) -> None:
    assert refused(given, command) == code


def test_a_leaver_not_reached_is_recorded_with_an_unknown_status() -> None:
    command = record_follow_up(reached=False, exit_status=ExitStatus.UNKNOWN,
                               source=FollowUpSource.CLIENT)  # fmt: skip

    assert when([enrolled(), exited()], command)[0].reached is False


def test_an_end_notice_of_before_the_kinds_is_still_read_at_version_1() -> None:
    old = {"client_id": CLIENT, "exited_on": "2024-09-30",
           "exit_status": "referred_to_other_services", "employment_type": None}  # fmt: skip

    event = decode_event(intake_contracts(), "intake.client_exited", 1, old)
    client = rebuild([enrolled(), event])

    assert event == exited(exit_status=ExitStatus.REFERRED_TO_OTHER_SERVICES)
    assert client is not None and client.referral_kind is None
    # the service it went to can be recorded afterwards
    completed = record_status(
        exit_status=ExitStatus.REFERRED_TO_OTHER_SERVICES, referral_kind=ReferralKind.PENSION
    )
    assert when([enrolled(), event], completed)[0].referral_kind is ReferralKind.PENSION
