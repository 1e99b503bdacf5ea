"""The categories a project books its costs in (the funder's cost types)."""

from __future__ import annotations

from enum import StrEnum


class CostCategory(StrEnum):
    STAFF = "staff"
    PURCHASED_SERVICES = "purchased_services"
    FLAT_RATE = "flat_rate"
    """Overheads as a flat rate of the staff costs (flat-rate financing)."""
    OTHER = "other"
