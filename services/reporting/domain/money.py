"""The money of the final report (§6.6 #42–44): budget against realised cost, the funding
split in euros, cost per participant and per positive result (domain layer, pure).

Amounts are whole euro cents (``int``) and shares are computed with ``Decimal``, rounded
half up to the cent, so that a report adds up the way the funder's form does. A cost
booking counts in a period when the period it was booked for has begun by the period's
end; a correction replaces the booking it corrects, whenever it was recorded (an as-of
report, folded from the log as it stood, shows the booking before the correction). A
plan without a budget shows "not planned" (``None``), never 0.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from services.reporting.domain.facts import Cost, ProjectFacts
from services.reporting.domain.figures import Period

CATEGORIES: Final = ("staff", "purchased_services", "flat_rate", "other")
"""Cost categories as intake books them: staff, purchased services, overheads at a flat
rate, other costs; a category not known here is shown as other."""


@dataclasses.dataclass(frozen=True, slots=True)
class FundingLine:
    """One funding source's share, in euro cents of the budget and of the realised cost."""

    source: str
    percent: Decimal
    budget_cents: int | None
    realised_cents: int


@dataclasses.dataclass(frozen=True, slots=True)
class Money:
    budget_cents: int | None
    """The approved budget; ``None``: the plan gives none."""
    realised_cents: int
    """Cost booked for periods begun by the end of the report's period."""
    realised_in_period_cents: int
    """Of which booked for periods begun within the report's period."""
    by_category: tuple[tuple[str, int], ...]
    """Realised cost by category, in ``CATEGORIES`` order."""
    funding: tuple[FundingLine, ...]
    participants: int
    positive_results: int
    """Leavers in education or training, or in employment, upon leaving (#24 + #25)."""
    bookings: tuple[Cost, ...]
    """The bookings counted, as last corrected, in booking-id order."""

    @property
    def realised_percent(self) -> Decimal | None:
        """Share of the budget realised; ``None`` when there is no budget to compare."""
        if not self.budget_cents:
            return None
        return _round(Decimal(100 * self.realised_cents) / self.budget_cents, "0.1")

    @property
    def remaining_cents(self) -> int | None:
        return None if self.budget_cents is None else self.budget_cents - self.realised_cents

    @property
    def per_participant_cents(self) -> int | None:
        """Realised cost ÷ participants (#44); ``None`` with no participants."""
        return _per(self.realised_cents, self.participants)

    @property
    def per_positive_result_cents(self) -> int | None:
        """Realised cost ÷ positive results upon leaving (#44); ``None`` with none."""
        return _per(self.realised_cents, self.positive_results)

    @property
    def corrected_bookings(self) -> int:
        return sum(1 for booking in self.bookings if booking.corrections)


def money(facts: ProjectFacts, period: Period, values: Mapping[str, float]) -> Money:
    """The money of ``facts`` for ``period``; ``values``: the report's cumulative figures,
    which give the participants and the positive results."""
    counted = tuple(b for b in facts.costs if b.period_start <= period.end)
    by_category = dict.fromkeys(CATEGORIES, 0)
    for booking in counted:
        category = booking.category if booking.category in by_category else "other"
        by_category[category] += booking.amount_cents
    realised = sum(b.amount_cents for b in counted)
    plan = facts.plans[-1] if facts.plans else None
    budget = plan.budget_cents if plan is not None else None
    funding = tuple(
        FundingLine(
            str(source),
            Decimal(str(percent)),
            None if budget is None else share(budget, percent),
            share(realised, percent),
        )
        for source, percent in (plan.funding if plan is not None else ())
    )
    positive = values.get("results.education_or_training", 0) + values.get(
        "results.employed_incl_self_employed", 0
    )
    return Money(
        budget_cents=budget,
        realised_cents=realised,
        realised_in_period_cents=sum(
            b.amount_cents for b in counted if b.period_start >= period.start
        ),
        by_category=tuple(by_category.items()),
        funding=funding,
        participants=int(values.get("participants.total", 0)),
        positive_results=int(positive),
        bookings=counted,
    )


def share(cents: int, percent: float | Decimal) -> int:
    """``percent`` % of ``cents``, rounded half up to the cent."""
    return int(_round(Decimal(cents) * Decimal(str(percent)) / 100, "1"))


def _per(cents: int, count: int) -> int | None:
    return None if count <= 0 else int(_round(Decimal(cents) / count, "1"))


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
