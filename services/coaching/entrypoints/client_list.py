"""The list of clients in coaching: a page at a time, found by name, filtered by coach and
status (entrypoint layer).

A project has hundreds of clients; one page of 25 (or 50) is drawn, with links to the
others that keep the search. Everything is in the address (a GET form), so it works
without JavaScript and a page can be bookmarked. Whatever the address holds, the page
answers: an unknown filter is the default, a page past the end is the last.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from services.coaching.domain.clients import ClientStanding
from services.coaching.entrypoints.naming import client_code
from services.coaching.entrypoints.page_rendering import Visit

PER_PAGE = (25, 50)
COACHES = ("all", "mine")
STATUSES = ("active", "left", "all")
MAX_QUERY = 100


@dataclasses.dataclass(frozen=True, slots=True)
class ClientFilter:
    """What the list shows: the name searched for, whose clients, which status, how many a
    page and which page."""

    q: str = ""
    coach: str = COACHES[0]
    status: str = STATUSES[0]
    per_page: int = PER_PAGE[0]
    page: int = 1

    @classmethod
    def of(cls, params: Mapping[str, str]) -> ClientFilter:
        """Read from the address; anything unknown is the default."""

        def one_of(name: str, allowed: tuple[str, ...]) -> str:
            value = params.get(name, "")
            return value if value in allowed else allowed[0]

        size = params.get("per_page", "")
        page = params.get("page", "")
        return cls(
            q=" ".join(params.get("q", "").split())[:MAX_QUERY],
            coach=one_of("coach", COACHES),
            status=one_of("status", STATUSES),
            per_page=int(size) if size in {str(n) for n in PER_PAGE} else PER_PAGE[0],
            page=int(page) if page.isascii() and page.isdigit() and len(page) < 7 else 1,
        )

    def link(self, page: int) -> str:
        """The address of another page of the same list."""
        fields = {"q": self.q, "coach": self.coach, "status": self.status,
                  "per_page": self.per_page, "page": page}  # fmt: skip
        return "?" + urlencode(fields)

    def keeps(self, standing: ClientStanding, me: str) -> bool:
        if self.coach == "mine" and standing.coach_id != me:
            return False
        if self.status == "active":
            return standing.active
        return self.status == "all" or not standing.active


def _found(visit: Visit, chosen: ClientFilter) -> list[ClientStanding]:
    """The project's clients the filter keeps whose name (or code) holds the search, by
    name."""
    me = visit.signed_in.user.id
    kept = [
        s for s in visit.state.coaching.clients.in_project(visit.project_id) if chosen.keeps(s, me)
    ]
    names = visit.names
    names.prepare(s.client_id for s in kept)
    wanted = chosen.q.casefold()
    if wanted:
        kept = [
            s
            for s in kept
            if wanted in names.name(s.client_id).casefold()
            or wanted in client_code(s.client_id).casefold()
        ]
    kept.sort(key=lambda s: names.order(s.client_id))
    return kept


def _pages_around(page: int, pages: int) -> list[int | None]:
    """The page links to show: the first, the last and two either side of this one;
    ``None`` where pages are left out."""
    wanted = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    shown: list[int | None] = []
    previous = 0
    for number in wanted:
        if previous and number - previous > 1:
            shown.append(None)
        shown.append(number)
        previous = number
    return shown


def client_list(visit: Visit) -> dict[str, Any]:
    """The page's context: the rows of this page, their figures, the count and the links."""
    chosen = ClientFilter.of(visit.request.query_params)
    found = _found(visit, chosen)
    total = len(found)
    pages = max(1, -(-total // chosen.per_page))
    page = min(chosen.page, pages)
    first = (page - 1) * chosen.per_page
    rows = found[first : first + chosen.per_page]
    figures = {f.client_id: f for f in visit.state.views.client_figures(visit.project_id)}
    return {
        "standings": rows,
        "figures": figures,
        "filters": dataclasses.replace(chosen, page=page),
        "total": total,
        "first": first + 1,
        "last": first + len(rows),
        "page": page,
        "pages": pages,
        "page_links": _pages_around(page, pages),
        "per_page_choices": PER_PAGE,
    }
