"""What matching's routes find on ``app.state.matching`` (entrypoint layer).

``bootstrap`` builds it once: the bus every write goes through, the read model and the
contact persons the pages and the API show, and the web parts (sessions, pages, guards).
Routes never reach the event log: they read views and hand commands to the bus.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from services.matching.service_layer.ports import ContactPersons, ReadModel
from services.matching.service_layer.ranking import CandidatePool
from shared.messagebus import MessageBus
from shared.web.auth import WebAuth
from shared.web.guards import PageGuards
from shared.web.pages import Pages
from shared.web.service import ClientNames

SERVICE = "matching"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class MatchingState:
    bus: MessageBus
    read: ReadModel
    contacts: ContactPersons
    auth: WebAuth
    pages: Pages
    guards: PageGuards
    today: Callable[[], date]
    pool: CandidatePool | None = None
    """Compiled candidate sets kept between requests, for ranking a lead's clients."""
    client_names: ClientNames | None = None
    """Intake's, when both run in one process: names on the pages; else short references."""
