"""Cost bookings of a project (service layer): the bus's handlers, and the import of a
CSV file of bookings from the command line.

A project manager of the project (or an administrator) books and corrects costs; coaches
and auditors do not. One stream per project holds its bookings. A CSV import books each
row through the same rules, in one unit of work per row: a refused row is reported with
its line number and the rows before it stay booked, so a corrected file can be imported
again (rows already booked under their id are skipped).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Final

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.cost_vocabulary import CostCategory
from services.intake.domain.costs import (
    BookCost,
    CorrectCostBooking,
    CostCommand,
    Costs,
    decide_costs,
    euros_to_cents,
    evolve_costs,
)
from services.intake.domain.errors import DomainError
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.eventlog.port import EventLog
from shared.messagebus import Accepted, CommandContext
from shared.web.principal import ADMIN, PROJECT_MANAGER

FORBIDDEN: Final = "forbidden"
"""A role that may not book: the web edges answer it 403 (``shared.web.commands``)."""

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

COSTS: Aggregate[Costs] = Aggregate("costs", evolve_costs)
"""A project's cost bookings: one stream per project."""


def may_book_costs(context: CommandContext) -> bool:
    """Project managers and administrators keep the books; coaches and auditors read."""
    return context.has_role(PROJECT_MANAGER)


def book_cost(deps: IntakeDeps, command: BookCost, context: CommandContext) -> Accepted:
    return _execute(deps.streams, command, context)


def correct_cost(
    deps: IntakeDeps, command: CorrectCostBooking, context: CommandContext
) -> Accepted:
    return _execute(deps.streams, command, context)


def _execute(streams: AggregateStreams, command: CostCommand, context: CommandContext) -> Accepted:
    if command.project_id != context.project_id:
        raise DomainError("project_not_found")
    if not may_book_costs(context):
        raise DomainError(FORBIDDEN)
    return streams.execute(
        COSTS, command.project_id, lambda state: decide_costs(state, command), context
    )


def load_costs(streams: AggregateStreams, project_id: str) -> Costs:
    """The project's bookings as last corrected (none yet: an empty book)."""
    return streams.load(COSTS, project_id).state or Costs(project_id=project_id)


# -- the CSV import -----------------------------------------------------------------------

CSV_COLUMNS: Final = ("booking_id", "category", "period_start", "period_end", "amount")
"""The columns of an import file, by name in its first row; ``amount`` in euros with a
decimal point or comma (``1234.50``, ``1 234,50``)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Imported:
    booked: int
    skipped: int
    """Rows whose booking id was booked already."""
    refused: tuple[tuple[int, str], ...]
    """(line number, refusal code) of each row that was not booked."""


def _row_command(project_id: str, row: dict[str, str], today: date) -> BookCost:
    try:
        category = CostCategory(row.get("category", "").strip())
    except ValueError:
        raise DomainError("invalid_cost_category") from None
    try:
        start = date.fromisoformat(row.get("period_start", "").strip())
        end = date.fromisoformat(row.get("period_end", "").strip())
    except ValueError:
        raise DomainError("invalid_date") from None
    booking_id = row.get("booking_id", "").strip()
    if not booking_id or len(booking_id) > 64:
        raise DomainError("booking_id_required")
    return BookCost(
        project_id=project_id, booking_id=booking_id, category=category,
        period_start=start, period_end=end,
        amount_cents=euros_to_cents(row.get("amount", "")), booked_on=today,
    )  # fmt: skip


def import_costs(log: EventLog, project_id: str, text: str, *, actor: str, today: date) -> Imported:
    """Book every row of a CSV file (``CSV_COLUMNS``; ``,`` or ``;`` between fields) as
    ``actor`` acting for the system, a project manager's rights (the command line)."""
    streams = AggregateStreams(log, intake_contracts(), "intake")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", ",;")
    rows: Iterable[dict[str, str]] = csv.DictReader(io.StringIO(text), dialect=dialect)
    context = CommandContext(actor=actor, project_id=project_id, roles=frozenset({ADMIN}))
    booked = skipped = 0
    refused: list[tuple[int, str]] = []
    for line, row in enumerate(rows, start=2):
        try:
            command = _row_command(project_id, row, today)
            if command.booking_id in load_costs(streams, project_id).bookings:
                skipped += 1
                continue
            _execute(streams, command, context)
            booked += 1
        except DomainError as error:
            refused.append((line, error.code))
    return Imported(booked, skipped, tuple(refused))
