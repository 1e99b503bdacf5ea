"""Fakes of coaching's ports for the service layer's tests, and a world on the in-memory
log with one active client, wired through the bus as the service wires it."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable

from services.coaching.domain.clients import ClientStanding
from services.coaching.service_layer.dependencies import Coaching
from services.coaching.service_layer.handlers import COMMAND_HANDLERS
from services.coaching.service_layer.ports import ClientFacts, Written
from services.coaching.service_layer.streams import coaching_streams
from shared.eventlog.memory import InMemoryEventLog
from shared.messagebus import MessageBus, bind
from tests.unit.coaching.builders import PROJECT, TODAY, active


class FakeClients:
    def __init__(self, *standings: ClientStanding) -> None:
        self._by_id = {s.client_id: s for s in standings}

    def standing(self, client_id: str) -> ClientStanding | None:
        return self._by_id.get(client_id)

    def in_project(
        self, project_id: str, *, only_active: bool = False, among: Collection[str] | None = None,
        coach_id: str | None = None,
    ) -> list[ClientStanding]:  # fmt: skip
        return [
            s
            for s in self._by_id.values()
            if s.project_id == project_id and (s.active or not only_active)
            and (among is None or s.client_id in among)
            and (coach_id is None or s.coach_id == coach_id)
        ]  # fmt: skip

    def active_count(self, project_id: str) -> int:
        return len(self.in_project(project_id, only_active=True))

    def facts(self, project_id: str, client_ids: Iterable[str]) -> dict[str, ClientFacts]:
        return {}


class FakeEmployers:
    """The companies coaching knows of: company-1 of the test project."""

    def known(self, project_id: str, company_id: str) -> bool:
        return (project_id, company_id) == (PROJECT, "company-1")


class FakeTexts:
    def __init__(self) -> None:
        self.kept: dict[tuple[str, str, str], str] = {}
        self.authors: dict[tuple[str, str, str], str] = {}

    def write(self, kind: str, key: str, *, project_id: str, text: str, author: str) -> None:
        self.kept[kind, key, project_id] = text.strip()
        self.authors[kind, key, project_id] = author

    def entry(self, kind: str, key: str, *, project_id: str) -> Written | None:
        text = self.kept.get((kind, key, project_id))
        if text is None:
            return None
        return Written(text=text, author=self.authors[kind, key, project_id])

    def forget(self, kind: str, key: str, *, project_id: str) -> None:
        self.kept.pop((kind, key, project_id), None)
        self.authors.pop((kind, key, project_id), None)

    def read(self, kind: str, key: str, *, project_id: str) -> str | None:
        return self.kept.get((kind, key, project_id))

    def read_many(self, kind: str, keys: Iterable[str], *, project_id: str) -> dict[str, str]:
        return {k: v for k in keys if (v := self.kept.get((kind, k, project_id))) is not None}


@dataclasses.dataclass
class World:
    bus: MessageBus
    log: InMemoryEventLog
    texts: FakeTexts
    refreshed: list[int]


def make_world(log: InMemoryEventLog | None = None) -> World:
    """Coaching's handlers on ``log`` (a fresh in-memory one by default) with the fakes."""
    log, texts, refreshed = log or InMemoryEventLog(), FakeTexts(), []
    deps = Coaching(
        coaching_streams(log), FakeClients(active()), texts, FakeEmployers(), lambda: TODAY
    )
    bus = MessageBus(bind(COMMAND_HANDLERS, deps), after_write=lambda: refreshed.append(1))
    return World(bus, log, texts, refreshed)
