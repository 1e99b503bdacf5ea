"""Long lists cut into pages, and the project's companies found by name, industry and open
leads (service layer): what the list pages show, a page at a time."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

from services.matching.domain.classifications import folded
from services.matching.domain.industries import section_of
from services.matching.service_layer.views import CompanyView

T = TypeVar("T")
PAGE_SIZE = 20


@dataclasses.dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its items, its number (from 1), how many pages and items."""

    items: list[T]
    number: int
    pages: int
    total: int
    size: int = PAGE_SIZE

    @property
    def first(self) -> int:
        """The position (from 1) of the page's first item; 0 for an empty list."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


def page_of(items: Sequence[T], number: int, size: int = PAGE_SIZE) -> Page[T]:
    """Page ``number`` of ``items``; a number past either end gives the nearest page."""
    pages = max(1, -(-len(items) // size))
    number = min(max(1, number), pages)
    start = (number - 1) * size
    return Page(list(items[start : start + size]), number, pages, len(items), size)


@dataclasses.dataclass(frozen=True, slots=True)
class CompanyFilter:
    """What a coach looks for in the company list: all of it must hold."""

    text: str = ""
    """A part of the company's name or its Business ID."""
    section: str = ""
    """A TOL 2008 section letter (``I`` for accommodation and food service)."""
    open_leads_only: bool = False


def find_companies(
    companies: Sequence[CompanyView], open_leads: Mapping[str, int], wanted: CompanyFilter
) -> list[CompanyView]:
    """The companies ``wanted`` describes, in the order given (by name)."""
    text = folded(wanted.text)
    return [
        company
        for company in companies
        if (not text or text in folded(company.trade_name) or text in company.business_id)
        and (not wanted.section or section_of(company.industry) == wanted.section)
        and (not wanted.open_leads_only or open_leads.get(company.company_id, 0) > 0)
    ]
