"""Composition root of the matching service: the one place its parts are wired together."""

from __future__ import annotations

from services.matching.adapters.migrations import MATCHING_TREE
from services.matching.adapters.projections import (
    intake_dispatcher,
    matching_dispatcher,
    sharing_dispatcher,
)
from services.matching.adapters.read_model import SqlContactPersons, SqlReadModel
from services.matching.config import MatchingSettings
from services.matching.entrypoints.api import router
from services.matching.entrypoints.pages.rendering import LOCALE, TEMPLATES
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.dependencies import MatchingDeps
from services.matching.service_layer.handlers import COMMAND_HANDLERS
from services.matching.service_layer.ranking import CandidatePool
from services.matching.service_layer.streams import Streams
from shared.eventlog.subscription import LogSubscription
from shared.messagebus import MessageBus, bind
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.guards import PageGuards
from shared.web.pages import Pages
from shared.web.service import ClientNames, WebService, auth_for

CLIENTS = "matching.clients"
"""Intake's client events -> which clients are active and consenting, per project."""
SHARING = "matching.intake_sharing"
"""Intake's consents to partner sharing -> whom matching's partner feeds hold back."""
READ_MODEL = "matching.read_model"
"""MatchingDeps's own events -> companies, leads, profiles, referrals, placements."""


def bootstrap(
    settings: MatchingSettings,
    sessions: SessionResolver | None = None,
    client_names: ClientNames | None = None,
) -> WebService:
    """``client_names``, when the composition can offer intake's, puts names on the pages."""
    runtime = open_runtime(settings, KafkaSettings(), [MATCHING_TREE])
    read = SqlReadModel(runtime.log.db).create()
    contacts = SqlContactPersons(runtime.log.db).create()
    runtime.subscribe(CLIENTS, upstream="intake", handler=intake_dispatcher())
    runtime.subscribe(SHARING, upstream="intake", handler=sharing_dispatcher())
    own = runtime.subscribe(READ_MODEL, upstream="matching", handler=matching_dispatcher())
    if not isinstance(own, LogSubscription):  # a service's own log is always polled
        raise TypeError("the read model must follow the service's own log directly")
    matching = MatchingDeps(Streams(runtime.log), read, contacts, pool=CandidatePool(read))

    def refresh() -> None:
        """Read-your-writes: the read model takes in what was just stored."""
        own.catch_up()

    bus = MessageBus(bind(COMMAND_HANDLERS, matching), after_write=refresh)
    auth = auth_for(sessions, settings.intake_url)
    pages = Pages(TEMPLATES, LOCALE)
    state = MatchingState(
        bus=bus,
        read=read,
        contacts=contacts,
        auth=auth,
        pages=pages,
        guards=PageGuards(auth, pages),
        today=matching.today,
        pool=matching.pool,
        client_names=client_names,
    )
    return WebService(runtime, router(runtime), state=state)
