"""The client list page: find clients by name, filter, sort, and page through them.

Entrypoint layer. The list opens on the active clients; a switch shows the exited ones
too. Filters read "All" until one is chosen, the column headers sort (a link each, no
JavaScript), and the filters and order a user last chose come back when they return to
the list: a cookie scoped to the project's list, which holds no name and counts only for
the user who set it.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.entrypoints.clients import MAX_OFFSET
from services.intake.entrypoints.members import project_members
from services.intake.entrypoints.page_parts import common, flash
from services.intake.entrypoints.privacy_reads import log_listed
from services.intake.entrypoints.restricted import RESTRICTED_ROW_NAME, masked_rows
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer.directory import SORT_KEYS, ClientSearch
from shared.web.i18n import N_
from shared.web.principal import PROJECT_MANAGER, SignedIn

PAGE_SIZE = 50
FILTER_COOKIE = "duuni_client_filters"
REMEMBERED = ("coach", "municipality", "exited", "status", "sort", "dir")
"""What the list remembers; never the name searched for, which is personal data."""
EXPLICIT = (*REMEMBERED, "q", "page", "reset")
"""Any of these in the address is a choice made now, which replaces the remembered one."""
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", N_("Name")),
    ("status", N_("Status")),
    ("coach", N_("Coach")),
    ("municipality", N_("Municipality")),
    ("entered", N_("Entered")),
)
"""The list's columns: sort key and heading, in order."""

router = APIRouter(include_in_schema=False)


@dataclasses.dataclass(frozen=True, slots=True)
class ListChoice:
    """What a user chose to see: filters, the exited switch, the order and the page."""

    q: str = ""
    coach: str = ""
    municipality: str = ""
    exited: bool = False
    status: str = ""
    """``exited`` (the exited alone) from a link elsewhere; else the switch decides."""
    sort: str = "name"
    descending: bool = False
    page: int = 1

    @classmethod
    def of(cls, params: Mapping[str, str]) -> ListChoice:
        """Read from the address (or the remembered cookie); what is not known is left out."""
        sort = params.get("sort", "name")
        page = params.get("page", "1")
        return cls(
            q=params.get("q", "")[:200],
            coach=params.get("coach", "")[:36],
            municipality=params.get("municipality", "")[:100],
            exited=params.get("exited", "") in ("1", "yes", "on"),
            status=params.get("status", "") if params.get("status") in ("active", "exited") else "",
            sort=sort if sort in SORT_KEYS else "name",
            descending=params.get("dir") == "desc",
            page=min(max(int(page) if page.isdigit() else 1, 1), MAX_OFFSET // PAGE_SIZE),
        )

    def status_filter(self) -> str | None:
        if self.status:
            return self.status
        return None if self.exited else "active"

    def params(self, **changes: object) -> dict[str, str]:
        """The choice as query parameters, with ``changes`` (e.g. another page)."""
        choice = dataclasses.replace(self, **changes)  # type: ignore[arg-type]
        params = {
            "q": choice.q,
            "coach": choice.coach,
            "municipality": choice.municipality,
            "exited": "1" if choice.exited else "",
            "status": choice.status,
            "sort": choice.sort,
            "dir": "desc" if choice.descending else "asc",
            "page": str(choice.page),
        }
        return {key: value for key, value in params.items() if value}

    def link(self, **changes: object) -> str:
        return "?" + urlencode(self.params(**changes))

    def sort_link(self, key: str) -> str:
        """The heading's link: its column ascending, or the other way when sorted by it."""
        descending = key == self.sort and not self.descending
        return self.link(sort=key, descending=descending, page=1)


def _remembered(request: Request, user_id: str) -> dict[str, str]:
    """The user's last filters in this list, or none (another user's are not theirs)."""
    raw = request.cookies.get(FILTER_COOKIE, "")
    try:
        text = base64.urlsafe_b64decode(raw.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return {}
    saved = dict(parse_qsl(text))
    if saved.pop("user", None) != user_id:
        return {}
    return {key: value for key, value in saved.items() if key in REMEMBERED}


def _remember(
    request: Request, response: Response, project_id: str, user_id: str, choice: ListChoice
) -> None:
    kept = {k: v for k, v in choice.params().items() if k in REMEMBERED}
    value = base64.urlsafe_b64encode(urlencode({"user": user_id, **kept}).encode()).decode()
    response.set_cookie(
        FILTER_COOKIE,
        value,
        max_age=180 * 24 * 3600,
        path=f"/p/{project_id}/clients",
        samesite="lax",
        httponly=True,
        secure=request.url.scheme == "https",
    )


def _choice(request: Request, signed_in: SignedIn) -> ListChoice:
    params = request.query_params
    if any(key in params for key in EXPLICIT):
        return ListChoice.of(params)
    return ListChoice.of(_remembered(request, signed_in.user.id))


@router.get("/p/{project_id}/clients", response_class=HTMLResponse)
def client_list(request: Request, project_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    choice = _choice(request, found)
    response = _render(state, request, found, project_id, choice)
    _remember(request, response, project_id, found.user.id, choice)
    return response


def _render(
    state: IntakeState, request: Request, signed_in: SignedIn, project_id: str, choice: ListChoice
) -> Response:
    members = project_members(state, request, project_id)
    coaches, names = members.coaches, members.names
    query = ClientSearch(
        text=choice.q,
        status=choice.status_filter(),
        coach_id=choice.coach or None,
        municipality=choice.municipality or None,
        limit=PAGE_SIZE,
        offset=(choice.page - 1) * PAGE_SIZE,
        sort=choice.sort,
        descending=choice.descending,
        coach_order=tuple(sorted(names, key=lambda user_id: names[user_id].casefold())),
    )
    rows, total = state.directory.search(project_id, query)
    label = state.pages.gettext(request)(RESTRICTED_ROW_NAME)
    rows, readable = masked_rows(state, signed_in.user, project_id, rows, label)
    log_listed(state, signed_in.user.id, project_id, readable)
    return state.pages.render(
        request,
        "intake/clients.html",
        {
            **common(state.pages, request),
            "rows": rows,
            "total": total,
            "choice": choice,
            "columns": COLUMNS,
            "pages_total": max(1, -(-total // PAGE_SIZE)),
            "coaches": coaches,
            "coach_names": names,
            "municipalities": [(m, m) for m in state.directory.municipalities(project_id)],
            "can_write": signed_in.user.can_write_in(project_id),
            # A hit of a search can be booked straight away: coaching's booking form with
            # the client chosen (only the id goes there, never the text searched for).
            "bookable": set(readable)
            if choice.q and signed_in.user.can_write_in(project_id)
            else set(),
            "can_import": signed_in.user.is_admin
            or PROJECT_MANAGER in signed_in.user.roles_in(project_id),
            "flash": flash(state.pages, request),
        },
        signed_in=signed_in,
        project_id=project_id,
    )
