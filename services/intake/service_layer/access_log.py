"""Who read or changed whose personal data: the access log (service layer).

Every read of a client's personal data (their page, a list that names them, an export, an
API read), every write about them and every reveal of an identity code is appended to a
log in intake's own store: who, when, which client, what, the purpose where one was
asked, and from where. It never goes into events, which partners receive. Each entry's
hash covers the previous entry's hash, as the event log's do, so editing, deleting or
reordering an entry is found by ``verify``; reading the log is itself an entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any, Final, Protocol

from services.intake.domain.commands import RevealIdentityCode
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.privacy import ErasePerson
from shared.messagebus import Accepted, CommandContext, Note
from shared.web.timing import span

VIEW: Final = "view"
SEARCH: Final = "search"
EXPORT: Final = "export"
WRITE: Final = "write"
REVEAL: Final = "reveal"
ERASE: Final = "erase"
AUDIT: Final = "audit"
DOWNLOAD: Final = "download"
"""A client's document was downloaded (the entry's purpose holds the document's id)."""
RESTRICTED: Final = "restricted"
"""Someone outside the data-protection role tried to read a restricted record and was
shown the notice instead (``service_layer.restriction``)."""
ACTIONS: Final = (VIEW, SEARCH, EXPORT, WRITE, REVEAL, ERASE, AUDIT, DOWNLOAD, RESTRICTED)
OPENING: Final = (VIEW, EXPORT, WRITE, REVEAL, ERASE, DOWNLOAD, RESTRICTED)
"""What "who has opened this record" lists: not each list the client appeared in."""

origin: ContextVar[tuple[str, str]] = ContextVar("access_origin", default=("", "cli"))
"""(address, channel) of the request in hand: set by the web edge for every request,
so that writes, which reach the log through the bus, say where they came from too."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Access:
    """One access about to be logged."""

    project_id: str
    client_id: str | None
    user_id: str
    action: str
    purpose: str | None = None
    address: str = ""
    channel: str = "page"
    """``page``, ``api`` or ``cli``."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AccessEntry:
    """A logged access, as stored: its place in the chain and its hash."""

    seq: int
    entry_id: str
    at: datetime
    project_id: str
    client_id: str | None
    user_id: str
    action: str
    purpose: str | None
    address: str
    channel: str
    previous_hash: str
    hash: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AccessQuery:
    """Which entries to show: filters (all optional) and a page."""

    project_id: str | None
    client_id: str | None = None
    user_id: str | None = None
    action: str | None = None
    actions: tuple[str, ...] = ()
    """Any of these actions (with ``action``, both must hold)."""
    since: date | None = None
    until: date | None = None
    """Inclusive, as Helsinki calendar days."""
    limit: int = 100
    offset: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class AccessVerdict:
    ok: bool
    checked: int
    head: str
    first_bad: int | None = None
    problem: str | None = None

    def describe(self) -> str:
        if self.ok:
            return f"ok: {self.checked} entries verified, head {self.head}"
        return f"TAMPERED at entry {self.first_bad}: {self.problem}"


class AccessLog(Protocol):
    def record(self, accesses: Sequence[Access]) -> None:
        """Append the accesses, in order, in one transaction."""
        ...

    def entries(self, query: AccessQuery) -> tuple[list[AccessEntry], int]:
        """The page of matching entries, newest first, and how many match in all."""
        ...

    def latest(self, query: AccessQuery) -> list[AccessEntry]:
        """The page of matching entries, newest first, without counting them all: for a
        page that shows the last few of a record that may have been opened thousands of
        times."""
        ...

    def verify(self) -> AccessVerdict: ...


def here(project_id: str, client_id: str | None, user_id: str, action: str,
         purpose: str | None = None) -> Access:  # fmt: skip
    """An access by the request in hand (its address and channel from ``origin``)."""
    address, channel = origin.get()
    return Access(project_id=project_id, client_id=client_id, user_id=user_id, action=action,
                  purpose=purpose, address=address, channel=channel)  # fmt: skip


def _written(command: object, accepted: Accepted) -> tuple[str, str | None] | None:
    """(action, purpose) of an accepted command about a client; None for other commands."""
    if isinstance(command, RevealIdentityCode):
        return REVEAL, command.reason.strip()
    if isinstance(command, ErasePerson):
        return ERASE, command.basis
    if getattr(command, "client_id", None) or isinstance(command, EnrolPerson):
        return (WRITE, None) if accepted.recorded else None
    return None


def logged_writes(log: AccessLog) -> Note:
    """The bus's note of an accepted command: the client it wrote about (or revealed), in
    the access log. The bus notes only accepted commands: a refused one changed nothing,
    so nothing was accessed."""

    def note(command: Any, context: CommandContext, accepted: Accepted, /) -> None:
        what = _written(command, accepted)
        if what is not None:
            client_id = getattr(command, "client_id", None) or accepted.id
            with span("access_log"):
                log.record([here(context.project_id, client_id, context.actor, *what)])

    return note
