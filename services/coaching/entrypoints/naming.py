"""How coaching's pages name clients (entrypoint layer).

A client is shown by the name intake keeps (asked once per page for every client the page
shows, never stored in coaching). Only where two clients shown on one page share a name
does the label add what a person tells them apart by: the municipality, then the day they
entered the project, and the short code only if even those are the same. Without intake's
names (coaching run alone) a client is the short code of their pseudonymous id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from services.coaching.service_layer.ports import ClientDirectory, ClientFacts, ClientNames
from shared.web.i18n import N_

CLIENT_CODE = N_("Client %(code)s")
ENTERED = N_("in the project since %(date)s")

_NORDIC = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})
"""Finnish and Swedish alphabetical order: å, ä and ö come after z, in that order (the
characters after z in ASCII stand for them)."""


def client_code(client_id: str) -> str:
    """A short handle for a pseudonymous client id: its last six characters."""
    return client_id.replace("-", "")[-6:].upper()


def name_order(name: str) -> str:
    """The key that sorts names as a Finnish or Swedish list does."""
    return name.casefold().translate(_NORDIC)


class ClientLabels:
    """The labels of the clients one page shows, in the reader's language."""

    def __init__(
        self,
        names: ClientNames | None,
        directory: ClientDirectory,
        project_id: str,
        tr: Callable[[str], str],
    ) -> None:
        self._names = names
        self._directory = directory
        self._project_id = project_id
        self._tr = tr
        self._known: dict[str, str] = {}
        self._told_by: dict[str, tuple[str, ...]] = {}
        self._facts: dict[str, ClientFacts] = {}

    def prepare(self, client_ids: Iterable[str]) -> None:
        """Ask intake for the names of the page's clients at once, and settle how those
        that share a name are told apart."""
        wanted = [c for c in dict.fromkeys(client_ids) if c not in self._known]
        if self._names is None or not wanted:
            return
        found = self._names(self._project_id, wanted)
        self._known |= {c: found.get(c, "") for c in wanted}
        by_name: dict[str, list[str]] = {}
        for client_id, name in self._known.items():
            if name:
                by_name.setdefault(name.casefold(), []).append(client_id)
        twins = [ids for ids in by_name.values() if len(ids) > 1]
        self._facts |= self._directory.facts(self._project_id, [c for ids in twins for c in ids])
        for ids in twins:
            self._tell_apart(ids)

    def _tell_apart(self, ids: Sequence[str]) -> None:
        """The fewest of municipality, entry day and code that make every label differ."""
        for parts in (("municipality",), ("entered",), ("municipality", "entered")):
            keys = [tuple(self._fact(c, part) for part in parts) for c in ids]
            if len(set(keys)) == len(keys) and all(all(k) for k in keys):
                self._told_by |= dict.fromkeys(ids, parts)
                return
        self._told_by |= dict.fromkeys(ids, ("municipality", "entered", "code"))

    def _fact(self, client_id: str, part: str) -> str:
        facts = self._facts.get(client_id)
        if part == "municipality":
            return facts.municipality if facts else ""
        if part == "entered":
            return facts.entered_on.isoformat() if facts and facts.entered_on else ""
        return client_code(client_id)

    def name(self, client_id: str) -> str:
        """Intake's name of the client, or ``""`` when there is none to show."""
        if self._names is not None and client_id not in self._known:
            self.prepare([client_id])
        return self._known.get(client_id, "")

    def order(self, client_id: str) -> tuple[str, str]:
        """Sorts clients by name (the coded ones last, by code)."""
        name = self.name(client_id)
        return (name_order(name), "") if name else ("\U0010ffff", client_code(client_id))

    def label(self, client_id: str, format_date: Callable[[date], str]) -> str:
        """The client as the page shows them; ``format_date`` is the page's date filter."""
        name = self.name(client_id)
        if not name:
            return self._tr(CLIENT_CODE) % {"code": client_code(client_id)}
        told = []
        facts = self._facts.get(client_id)
        for part in self._told_by.get(client_id, ()):
            if part == "municipality" and facts and facts.municipality:
                told.append(facts.municipality)
            elif part == "entered" and facts and facts.entered_on:
                told.append(self._tr(ENTERED) % {"date": format_date(facts.entered_on)})
            elif part == "code":
                told.append(client_code(client_id))
        return f"{name} ({', '.join(told)})" if told else name
