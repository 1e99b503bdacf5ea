"""Names behind a figure, asked of intake's JSON API with the reader's own session
(adapter layer).

Intake keeps the personal data; reporting never stores a name. Asking with the reader's
session cookie lets intake decide what she may see, as it would on its own pages. When
the services share a process, intake answers at the site's own address; a reporting
service running alone asks the intake it was configured with.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final
from urllib.parse import quote

import httpx

from services.reporting.service_layer.ports import Person, Reader
from shared.web.auth import COOKIE

log = logging.getLogger(__name__)

PAGE: Final = 500
"""Clients per request: the most intake's search hands out at once."""
MAX_PAGES: Final = 40
"""Pages of one status at most (20,000 clients), so that a page never waits on more."""


class IntakePeople:
    """``People`` over intake's client search and its list of the project's staff."""

    def __init__(
        self, intake_url: str | None, *, http: httpx.Client | None = None, timeout: float = 3.0
    ) -> None:
        """``intake_url``: where intake answers when it runs apart (``None``: at the site's
        own address). ``http``: the client to ask with (one is made otherwise)."""
        self._intake_url = intake_url
        self._http = http or httpx.Client(timeout=timeout)

    def of(
        self, project_id: str, client_ids: Sequence[str], reader: Reader
    ) -> Mapping[str, Person]:
        wanted = set(client_ids)
        if not wanted:
            return {}
        base = (self._intake_url or reader.origin).rstrip("/")
        api = f"{base}/api/intake/projects/{quote(project_id, safe='')}"
        headers = {"Cookie": f"{COOKIE}={reader.session}"}
        try:
            members = self._get(f"{api}/members", {}, headers)
            coaches = {str(m["user_id"]): str(m["display_name"]) for m in members}
            found: dict[str, Person] = {}
            for row in self._clients(f"{api}/clients", wanted, headers):
                name = f"{row['first_name']} {row['last_name']}".strip()
                found[str(row["client_id"])] = Person(name, coaches.get(str(row["coach_id"]), ""))
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            log.warning("names of %s not available from intake: %r", project_id, error)
            return {}
        return found

    def _clients(
        self, url: str, wanted: set[str], headers: dict[str, str]
    ) -> Iterator[dict[str, Any]]:
        """The wanted clients' rows, leavers first: the drill-downs that need names most
        are lists of leavers."""
        left = set(wanted)
        for status in ("exited", "active"):
            for page in range(MAX_PAGES):
                params = {"status": status, "limit": PAGE, "offset": page * PAGE}
                answer = self._get(url, params, headers)
                for row in answer["clients"]:
                    if row["client_id"] in left:
                        left.discard(row["client_id"])
                        yield row
                if not left or (page + 1) * PAGE >= int(answer["total"]):
                    break
            if not left:
                return

    def _get(self, url: str, params: Mapping[str, Any], headers: dict[str, str]) -> Any:
        answer = self._http.get(url, params=params, headers=headers)
        answer.raise_for_status()
        return answer.json()

    def close(self) -> None:
        self._http.close()
