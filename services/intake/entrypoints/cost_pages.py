"""The project's cost bookings: the list, booking a cost, correcting a booking (pages).

Entrypoint layer. Every member of the project reads the book (an auditor too); the forms
are shown to project managers and administrators, and the handler holds the rule of who
may book, whichever edge the command came through. Amounts are typed in euros
("1 234,50" or "1234.50") and kept in cents; a correction gives the booking anew. A
bulk import of the accounting system's bookings goes through ``duuni projects costs``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from babel.numbers import format_currency
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.cost_vocabulary import CostCategory
from services.intake.domain.costs import BookCost, Booking, CorrectCostBooking, euros_to_cents
from services.intake.domain.errors import DomainError
from services.intake.entrypoints.page_parts import (
    common,
    guarded_form,
    on_the_page,
    status_of,
    translated,
)
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.costs import load_costs, may_book_costs
from shared.business_dates import helsinki_today
from shared.ids import uuid7_str
from shared.web.commands import run_form
from shared.web.forms import FormReader
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.pages import language_of, redirect
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)

CATEGORIES = (
    ("staff", N_("Staff costs")),
    ("purchased_services", N_("Purchased services")),
    ("flat_rate", N_("Overheads (flat rate)")),
    ("other", N_("Other costs")),
)
FIELDS = ("booking_id", "category", "period_start", "period_end", "amount")
SAVED = {
    "booked": N_("The cost was booked."),
    "corrected": N_("The booking was corrected."),
}


LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def _euros(cents: int) -> str:
    """Cents as the form shows them back: 1234.50."""
    return f"{Decimal(cents) / 100:.2f}"


def _shown(request: Request) -> object:
    """Cents as the page shows them in the reader's language: "11 500,50 €"."""
    locale = LOCALES.get(language_of(request), "fi_FI")
    return lambda cents: format_currency(Decimal(cents) / 100, "EUR", locale=locale)


def _page(
    state: IntakeState,
    request: Request,
    project_id: str,
    signed_in: SignedIn,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    correcting: str | None = None,
    status_code: int = 200,
) -> Response:
    costs = load_costs(state.views.streams, project_id)
    bookings = sorted(costs.bookings.values(), key=lambda b: (b.period_start, b.booking_id))
    booking = costs.bookings.get(correcting) if correcting else None
    if correcting and booking is None:
        return state.pages.not_found(request, signed_in)
    context = context_of(request, signed_in, project_id)
    saved = request.query_params.get("saved", "")
    tr = state.pages.gettext(request)
    return state.pages.render(
        request,
        "intake/costs.html",
        {
            **common(state.pages, request),
            "categories": CATEGORIES,
            "bookings": bookings,
            "total_cents": costs.total_cents(),
            "euros": _shown(request),
            "may_book": may_book_costs(context),
            "correcting": booking,
            "values": values if values is not None else _values_of(booking),
            "errors": translated(state.pages, request, errors or {}),
            "submission_id": uuid7_str(),
            "flash": tr(SAVED[saved]) if saved in SAVED else None,
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


def _values_of(booking: Booking | None) -> dict[str, str]:
    if booking is None:
        return {}
    return {
        "category": booking.category.value,
        "period_start": booking.period_start.isoformat(),
        "period_end": booking.period_end.isoformat(),
        "amount": _euros(booking.amount_cents),
    }


def _fields(form: FormReader) -> tuple[CostCategory, date, date, int]:
    category = form.chosen("category", CostCategory)
    start = form.required_day("period_start")
    end = form.required_day("period_end")
    amount = 0
    try:
        amount = euros_to_cents(form.text("amount", required=True) or "0")
    except DomainError:
        form.errors.setdefault("amount", "invalid_amount")
    form.check()
    return category, start, end, amount


@router.get("/p/{project_id}/costs", response_class=HTMLResponse)
def costs_page(request: Request, project_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return _page(state, request, project_id, found)


@router.get("/p/{project_id}/costs/{booking_id}", response_class=HTMLResponse)
def booking_page(request: Request, project_id: str, booking_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return _page(state, request, project_id, found, correcting=booking_id)


@router.post("/p/{project_id}/costs", response_class=HTMLResponse)
async def book(request: Request, project_id: str, state: State) -> Response:
    def command(form: FormReader) -> BookCost:
        category, start, end, amount = _fields(form)
        return BookCost(
            project_id=project_id, booking_id=form.text("booking_id") or uuid7_str(),
            category=category, period_start=start, period_end=end,
            amount_cents=amount, booked_on=helsinki_today(),
        )  # fmt: skip

    return await _submit(state, request, project_id, command, "booked")


@router.post("/p/{project_id}/costs/{booking_id}", response_class=HTMLResponse)
async def correct(request: Request, project_id: str, booking_id: str, state: State) -> Response:
    def command(form: FormReader) -> CorrectCostBooking:
        category, start, end, amount = _fields(form)
        return CorrectCostBooking(
            project_id=project_id, booking_id=booking_id, category=category,
            period_start=start, period_end=end, amount_cents=amount,
            corrected_on=helsinki_today(),
        )  # fmt: skip

    return await _submit(state, request, project_id, command, "corrected", booking_id)


async def _submit(
    state: IntakeState,
    request: Request,
    project_id: str,
    build: Callable[[FormReader], BookCost | CorrectCostBooking],
    saved: str,
    correcting: str | None = None,
) -> Response:
    """A booking or its correction from the form, through the bus: the page again with the
    refusal at its field, or back to the list saying what was saved."""
    posted = await guarded_form(state, request, state.guards.viewer(request, project_id))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    context = context_of(request, found, project_id, form.text("submission_id") or None)
    outcome = await run_form(state.bus, lambda: build(form), context)
    if isinstance(outcome, dict):
        if "forbidden" in outcome.values():
            return state.pages.forbidden(request, found)
        if "booking_not_found" in outcome.values():
            return state.pages.not_found(request, found)
        errors = on_the_page(outcome, FIELDS, "amount")
        return _page(state, request, project_id, found, values=form.values, errors=errors,
                     correcting=correcting, status_code=status_of(errors))  # fmt: skip
    return redirect(f"/p/{project_id}/costs?saved={saved}")
