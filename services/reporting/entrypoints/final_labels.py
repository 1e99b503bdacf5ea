"""What the final report calls its sections, money lines and notes (entrypoint layer),
as English msgids translated in ``locale/``; figures keep their names of ``labels``."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from babel.numbers import format_currency

from services.reporting.entrypoints import labels
from services.reporting.entrypoints.formats import Formats
from shared.web.i18n import N_

SECTIONS: Final = {
    "participants": N_("Participants"),
    "leavers": N_("Leavers and their situation upon leaving"),
    "outcomes": N_("Outcomes during participation"),
    "services": N_("Services"),
    "companies": N_("Companies and other employers"),
    "six_months": N_("Six months after leaving"),
    "money": N_("Budget and realised cost"),
}
"""Section headings by section key; a section not listed shows its key."""

MONEY: Final = {
    "money.budget": N_("Approved budget"),
    "money.realised": N_("Realised cost"),
    "money.category.staff": N_("Staff costs"),
    "money.category.purchased_services": N_("Purchased services"),
    "money.category.flat_rate": N_("Overheads (flat rate)"),
    "money.category.other": N_("Other costs"),
    "money.realised_percent": N_("Share of the budget realised"),
    "money.remaining": N_("Budget remaining"),
    "money.funding": N_("Funding share"),
    "money.per_participant": N_("Cost per participant"),
    "money.per_positive_result": N_("Cost per positive result"),
}

NOTES: Final = {
    "note.exit_status": N_(
        "Upon leaving: the situation within four weeks of the last exit, one destination "
        "per leaver. A client who re-entered counts once, by the exit in effect at the end "
        "of the period."
    ),
    "note.outcomes_overlap": N_(
        "Outcomes count placements that began during participation or within four weeks "
        "of leaving, whatever the situation upon leaving: a client placed in a job during "
        "participation who was unemployed again when leaving is counted here and among "
        "the unemployed leavers above. The employed are counted once, by their first "
        "employer's sector."
    ),
    "note.services": N_(
        "Clients are counted once per service, participations once per group joined or "
        "demonstration held; a client usually uses several services."
    ),
    "note.six_months": N_(
        "A leaver is due a follow-up six months after the exit and counts in the period "
        "of that day, however late the follow-up was recorded."
    ),
    "note.money": N_(
        "Realised cost counts bookings for periods begun by the end of the report's "
        "period, each as last corrected. Positive results are leavers in education or "
        "in employment upon leaving. Shares are rounded to the cent."
    ),
}

NOT_PLANNED: Final = N_("not planned")
NONE_TO_DIVIDE: Final = N_("none to divide by")


def line_label(key: str) -> str:
    """The msgid (or the project's own words) a line of the final report is called by."""
    return MONEY.get(key) or labels.label_of(key)


def euros(cents: int, formats: Formats) -> str:
    """Cents as euros in the reader's language: "242 550,00 €", "€242,550.00"."""
    return str(format_currency(Decimal(cents) / 100, "EUR", locale=formats.locale))
