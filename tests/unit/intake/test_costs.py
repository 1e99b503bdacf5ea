"""Cost bookings: who may book, what a booking must hold, corrections, euros typed in
either decimal style, and the import of an accounting system's CSV file."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.cost_vocabulary import CostCategory
from services.intake.domain.costs import BookCost, CorrectCostBooking, euros_to_cents
from services.intake.domain.errors import DomainError
from services.intake.domain.events import ProjectPlan
from services.intake.domain.project import RegisterProject
from services.intake.domain.target_group import TargetGroupRule
from services.intake.service_layer.costs import import_costs, load_costs
from shared.eventlog.aggregates import AggregateStreams
from shared.refusal import Refusal
from tests.unit.intake.fakes import PROJECT, Intake, an_intake, as_

MANAGER = as_("paivi", "project_manager")


@pytest.fixture
def intake() -> Intake:
    return an_intake({(PROJECT, "project_manager"): ["paivi"]})


def booking(booking_id: str = "T-1", cents: int = 150_000_00, **changes: object) -> BookCost:
    fields: dict[str, object] = {
        "project_id": PROJECT, "booking_id": booking_id, "category": CostCategory.STAFF,
        "period_start": date(2018, 1, 1), "period_end": date(2018, 12, 31),
        "amount_cents": cents, "booked_on": date(2019, 1, 15),
    } | changes  # fmt: skip
    return BookCost(**fields)  # type: ignore[arg-type]


def correction(booking_id: str = "T-1", cents: int = 149_500_00) -> CorrectCostBooking:
    return CorrectCostBooking(
        project_id=PROJECT, booking_id=booking_id, category=CostCategory.STAFF,
        period_start=date(2018, 1, 1), period_end=date(2018, 12, 31), amount_cents=cents,
        corrected_on=date(2020, 3, 1),
    )  # fmt: skip


def refused(intake: Intake, command: object, context: object = MANAGER) -> str:
    with pytest.raises(Refusal) as caught:
        intake.bus.handle(command, context)  # type: ignore[arg-type]
    return caught.value.code


def costs_of(intake: Intake) -> dict[str, int]:
    streams = AggregateStreams(intake.log, intake_contracts(), "intake")
    return {k: b.amount_cents for k, b in load_costs(streams, PROJECT).bookings.items()}


def test_a_project_manager_books_and_corrects_a_cost(intake: Intake) -> None:
    intake.bus.handle(booking(), MANAGER)
    intake.bus.handle(correction(), MANAGER)

    types = [e.event_type for e in intake.log.read_all() if e.stream_id == f"costs-{PROJECT}"]
    assert types == ["intake.cost_booked", "intake.cost_booking_corrected"]
    assert costs_of(intake) == {"T-1": 149_500_00}


def test_coaches_auditors_and_other_projects_may_not_book(intake: Intake) -> None:
    assert refused(intake, booking(), as_("kaisa", "coach")) == "forbidden"
    assert refused(intake, booking(), as_("aila", "auditor")) == "forbidden"
    other = as_("paivi", "project_manager", project_id="S99999")
    assert refused(intake, booking(), other) == "project_not_found"
    assert costs_of(intake) == {}


def test_a_booking_is_refused_at_its_field(intake: Intake) -> None:
    intake.bus.handle(booking(), MANAGER)

    assert refused(intake, booking()) == "booking_exists"
    assert refused(intake, booking("T-2", cents=0)) == "invalid_amount"
    assert refused(intake, booking("T-3", period_end=date(2017, 12, 31))) == (
        "booking_period_reversed"
    )
    assert refused(intake, correction("T-9")) == "booking_not_found"
    assert refused(intake, correction(cents=150_000_00)) == "booking_unchanged"
    assert refused(intake, correction(cents=-1)) == "invalid_amount"


def test_a_correction_to_zero_cancels_the_booking(intake: Intake) -> None:
    intake.bus.handle(booking(), MANAGER)
    intake.bus.handle(correction(cents=0), MANAGER)

    assert costs_of(intake) == {"T-1": 0}


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("1234.50", 123450), ("1 234,50", 123450), ("242550", 24255000), ("0,05 €", 5)],
)
def test_euros_are_read_in_either_decimal_style(typed: str, cents: int) -> None:
    assert euros_to_cents(typed) == cents


@pytest.mark.parametrize("typed", ["", "12,345", "abc", "1.2.3", "NaN"])
def test_an_amount_that_is_not_euros_and_cents_is_refused(typed: str) -> None:
    with pytest.raises(DomainError, match="invalid_amount"):
        euros_to_cents(typed)


def test_a_budget_cannot_be_negative() -> None:
    intake = an_intake({})
    plan = ProjectPlan(
        name="DuuniPolku", municipalities=("Oulu",), starts_on=date(2018, 1, 1),
        ends_on=date(2020, 1, 31), target_group=TargetGroupRule(), planned_participants=70,
        planned_companies=0, budget_cents=-1,
    )  # fmt: skip

    assert refused(intake, RegisterProject(project_id="S2", plan=plan), as_("a", "admin")) == (
        "negative_budget"
    )


CSV = """booking_id;category;period_start;period_end;amount
V-1;staff;2018-01-01;2018-12-31;150 000,00
V-2;flat_rate;2018-01-01;2018-12-31;22 500,00
V-3;cleaning;2019-01-01;2019-12-31;10,00
V-4;purchased_services;2019-01-01;2019-12-31;49803
"""


def test_a_csv_import_books_each_row_and_tells_the_refused_ones_by_line(intake: Intake) -> None:
    done = import_costs(intake.log, PROJECT, CSV, actor="cli", today=date(2020, 2, 1))
    again = import_costs(intake.log, PROJECT, CSV, actor="cli", today=date(2020, 2, 1))

    assert (done.booked, done.skipped, done.refused) == (3, 0, ((4, "invalid_cost_category"),))
    assert (again.booked, again.skipped) == (0, 3)
    assert costs_of(intake) == {"V-1": 150_000_00, "V-2": 22_500_00, "V-4": 49_803_00}
