"""What the client list, search, timeline and project pages read (service layer port)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Literal, Protocol


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectRow:
    project_id: str
    name: str
    plan: dict[str, Any]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientRow:
    client_id: str
    coach_id: str
    municipality: str
    status: Literal["active", "exited"]
    entered_on: date
    exited_on: date | None
    exit_status: str | None
    participations: int
    first_name: str
    last_name: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TimelineEntry:
    event_id: str
    source: str
    event_type: str
    occurred_at: datetime
    actor: str
    payload: dict[str, Any]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientSearch:
    """What the client list asks for: words of the name, filters, and which page."""

    text: str = ""
    status: str | None = None
    coach_id: str | None = None
    municipality: str | None = None
    limit: int = 50
    offset: int = 0


class Directory(Protocol):
    def projects(self, project_ids: Sequence[str] | None = None) -> list[ProjectRow]: ...

    def search(self, project_id: str, query: ClientSearch) -> tuple[list[ClientRow], int]:
        """The page of the project's clients that match, and how many match in all."""

    def municipalities(self, project_id: str) -> list[str]: ...

    def timeline(self, project_id: str, client_id: str) -> list[TimelineEntry]: ...
