"""Ports of coaching's service layer: what the handlers need from the outside, as Protocols.

Adapters implement them on coaching's own database (``adapters/``); nothing here knows
SQL or HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from services.coaching.domain.clients import ClientStanding


class ClientDirectory(Protocol):
    """Coaching's projection of intake's clients: who may be booked, and by whom."""

    def standing(self, client_id: str) -> ClientStanding | None: ...

    def in_project(self, project_id: str) -> list[ClientStanding]: ...


class Employers(Protocol):
    """Coaching's projection of matching's companies: the employers of in-work coaching."""

    def known(self, project_id: str, company_id: str) -> bool:
        """Whether the company is one of the project's (another project's is not)."""
        ...


class PrivateTexts(Protocol):
    """Free text that never leaves coaching, not even in events: case notes, goal wording.

    Kept per (kind, key) with its project, written after the event that created the key
    was appended, and idempotently (writing the same again changes nothing).
    """

    def write(self, kind: str, key: str, *, project_id: str, text: str, author: str) -> None: ...

    def read(self, kind: str, key: str, *, project_id: str) -> str | None: ...

    def read_many(self, kind: str, keys: Iterable[str], *, project_id: str) -> dict[str, str]: ...


class ClientNames(Protocol):
    """Who the pseudonymous clients are, for the coach's eyes: asked of intake, which owns
    personal data, and never stored in coaching. Unknown ids are left out of the answer.
    """

    def __call__(self, project_id: str, client_ids: Sequence[str]) -> Mapping[str, str]: ...
