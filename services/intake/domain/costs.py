"""A project's cost bookings: what it spent, by category and period (domain layer, pure).

The final report sets the realised cost against the approved budget (the project plan's
``budget_cents``). A booking is recorded once under its id; a correction gives the whole
booking anew and replaces it, so that the figures read the booking as last corrected
and the log keeps every earlier version. Amounts are whole euro cents, never floats.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Final

from services.intake.domain.cost_vocabulary import CostCategory
from services.intake.domain.errors import DomainError
from services.intake.domain.events import (
    CostBooked,
    CostBooking,
    CostBookingCorrected,
    CostEvent,
)

MAX_AMOUNT_CENTS: Final = 100_000_000_000
"""A billion euros: an amount above it is a typing error, not a cost."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Booking:
    booking_id: str
    category: CostCategory
    period_start: date
    period_end: date
    amount_cents: int
    corrections: int = 0


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class BookCost(CostBooking):
    booked_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CorrectCostBooking(CostBooking):
    corrected_on: date


CostCommand = BookCost | CorrectCostBooking


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Costs:
    """A project's bookings by id, as last corrected."""

    project_id: str
    bookings: Mapping[str, Booking] = dataclasses.field(default_factory=dict)

    def total_cents(self) -> int:
        return sum(b.amount_cents for b in self.bookings.values())


def _check(command: CostCommand, *, correction: bool) -> None:
    """Refuse a booking that cannot be: each refusal names its field."""
    if command.period_end < command.period_start:
        raise DomainError("booking_period_reversed")
    low = 0 if correction else 1  # a correction to 0 cancels a booking; a booking costs
    if not low <= command.amount_cents <= MAX_AMOUNT_CENTS:
        raise DomainError("invalid_amount")


def decide_costs(state: Costs | None, command: CostCommand) -> list[CostEvent]:
    bookings = state.bookings if state is not None else {}
    match command:
        case BookCost():
            if command.booking_id in bookings:
                raise DomainError("booking_exists")
            _check(command, correction=False)
            return [
                CostBooked(
                    booking_id=command.booking_id, project_id=command.project_id,
                    category=command.category, period_start=command.period_start,
                    period_end=command.period_end, amount_cents=command.amount_cents,
                    booked_on=command.booked_on,
                )
            ]  # fmt: skip
        case CorrectCostBooking():
            before = bookings.get(command.booking_id)
            if before is None:
                raise DomainError("booking_not_found")
            _check(command, correction=True)
            after = (command.category, command.period_start, command.period_end,
                     command.amount_cents)  # fmt: skip
            if after == (before.category, before.period_start, before.period_end,
                         before.amount_cents):  # fmt: skip
                raise DomainError("booking_unchanged")
            return [
                CostBookingCorrected(
                    booking_id=command.booking_id, project_id=command.project_id,
                    category=command.category, period_start=command.period_start,
                    period_end=command.period_end, amount_cents=command.amount_cents,
                    corrected_on=command.corrected_on,
                )
            ]  # fmt: skip


def evolve_costs(state: Costs | None, event: CostEvent) -> Costs:
    bookings = dict(state.bookings) if state is not None else {}
    before = bookings.get(event.booking_id)
    bookings[event.booking_id] = Booking(
        booking_id=event.booking_id, category=event.category,
        period_start=event.period_start, period_end=event.period_end,
        amount_cents=event.amount_cents,
        corrections=0 if before is None else before.corrections + 1,
    )  # fmt: skip
    return Costs(project_id=event.project_id, bookings=bookings)


def rebuild_costs(events: Iterable[CostEvent]) -> Costs | None:
    state: Costs | None = None
    for event in events:
        state = evolve_costs(state, event)
    return state


def euros_to_cents(text: str) -> int:
    """``"1 234,50"`` or ``"1234.50"`` as 123450 cents; refuses ``invalid_amount``."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise DomainError("invalid_amount") from None
    cents = value * 100
    if not cents.is_finite() or cents != cents.to_integral_value():
        raise DomainError("invalid_amount")
    return int(cents)
