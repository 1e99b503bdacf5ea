"""Ports of coaching's service layer: what the handlers need from the outside, as Protocols.

Adapters implement them on coaching's own database (``adapters/``); nothing here knows
SQL or HTTP.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from services.coaching.domain.clients import ClientStanding


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientFacts:
    """What a person recognises a client by besides the name: where they live and since
    when they are in the project. Tells apart two clients of the same name on a page."""

    client_id: str
    municipality: str
    entered_on: date | None


class ClientDirectory(Protocol):
    """Coaching's projection of intake's clients: who may be booked, and by whom."""

    def standing(self, client_id: str) -> ClientStanding | None: ...

    def in_project(
        self, project_id: str, *, only_active: bool = False, among: Collection[str] | None = None,
        coach_id: str | None = None,
    ) -> list[ClientStanding]:  # fmt: skip
        """The project's clients in the order they entered (``only_active``: not exited;
        ``among``: only those of these ids; ``coach_id``: only this coach's)."""
        ...

    def active_count(self, project_id: str) -> int:
        """How many of the project's clients have not exited."""
        ...

    def facts(self, project_id: str, client_ids: Iterable[str]) -> dict[str, ClientFacts]:
        """The municipality and entry day of the project's clients among ``client_ids``."""
        ...


class Employers(Protocol):
    """Coaching's projection of matching's companies: the employers of in-work coaching."""

    def known(self, project_id: str, company_id: str) -> bool:
        """Whether the company is one of the project's (another project's is not)."""
        ...


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Written:
    """One private text as it is kept: its words and who wrote them."""

    text: str
    author: str


class PrivateTexts(Protocol):
    """Free text that never leaves coaching, not even in events: case notes, goal wording.

    Kept per (kind, key) with its project and saved with the events of the command that
    brought it (see ``dependencies.Keeper``); writing the same again changes nothing.
    """

    def write(self, kind: str, key: str, *, project_id: str, text: str, author: str) -> None: ...

    def read(self, kind: str, key: str, *, project_id: str) -> str | None: ...

    def entry(self, kind: str, key: str, *, project_id: str) -> Written | None:
        """The text with its author, to put back if a write has to be taken back."""
        ...

    def forget(self, kind: str, key: str, *, project_id: str) -> None:
        """Remove a text whose events were not stored after all."""
        ...

    def read_many(self, kind: str, keys: Iterable[str], *, project_id: str) -> dict[str, str]: ...


class ClientNames(Protocol):
    """Who the pseudonymous clients are, for the coach's eyes: asked of intake, which owns
    personal data, and never stored in coaching. Unknown ids are left out of the answer.
    """

    def __call__(self, project_id: str, client_ids: Sequence[str]) -> Mapping[str, str]: ...
