"""Composition root of the matching service: the one place its parts are wired together."""

from __future__ import annotations

from services.matching.adapters.projections import intake_dispatcher, matching_dispatcher
from services.matching.adapters.read_model import SqlContactPersons, SqlReadModel
from services.matching.config import MatchingSettings
from services.matching.entrypoints.api import router
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.ranking import CandidatePool
from services.matching.service_layer.streams import Streams
from shared.eventlog.subscription import LogSubscription
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import ClientNames, WebService, auth_for

CLIENTS = "matching.clients"
"""Intake's client events -> which clients are active and consenting, per project."""
READ_MODEL = "matching.read_model"
"""Matching's own events -> companies, leads, profiles, referrals, placements."""


def bootstrap(
    settings: MatchingSettings,
    sessions: SessionResolver | None = None,
    client_names: ClientNames | None = None,
) -> WebService:
    """``client_names``, when the composition can offer intake's, puts names on the pages."""
    runtime = open_runtime(settings, KafkaSettings())
    read = SqlReadModel(runtime.log.db).create()
    contacts = SqlContactPersons(runtime.log.db).create()
    runtime.subscribe(CLIENTS, upstream="intake", handler=intake_dispatcher())
    own = runtime.subscribe(READ_MODEL, upstream="matching", handler=matching_dispatcher())
    if not isinstance(own, LogSubscription):  # a service's own log is always polled
        raise TypeError("the read model must follow the service's own log directly")
    matching = Matching(
        Streams(runtime.log), read, contacts, refresh=own.catch_up, pool=CandidatePool(read)
    )
    auth = auth_for(sessions, settings.intake_url)
    return WebService(runtime, router(runtime, auth, matching, client_names))
