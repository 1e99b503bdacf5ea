"""Composition root of the coaching service: the one place its parts are wired together.

Coaching keeps, in its own database: its log, a projection of intake's clients (fed by
the ``coaching.intake_clients`` subscription) and of matching's companies
(``coaching.matching_companies``), private text (case notes, goal wording) and read
models of its own events (the ``coaching.views`` subscription to its own log).
"""

from __future__ import annotations

from services.coaching.adapters.clients import SqlClientDirectory, client_projection
from services.coaching.adapters.companies import SqlCompanies, company_projection
from services.coaching.adapters.tables import coaching_metadata
from services.coaching.adapters.texts import SqlPrivateTexts
from services.coaching.adapters.views import SqlViews, own_projection
from services.coaching.config import CoachingSettings
from services.coaching.entrypoints.api import router
from services.coaching.entrypoints.wiring import Wiring
from services.coaching.service_layer.handlers import Coaching
from services.coaching.service_layer.ports import ClientNames
from services.coaching.service_layer.streams import Streams
from shared.eventlog.subscription import LogSubscription
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService, auth_for


def bootstrap(
    settings: CoachingSettings,
    sessions: SessionResolver | None = None,
    client_names: ClientNames | None = None,
) -> WebService:
    """``client_names``, when the composition can offer intake's, puts names on the pages."""
    runtime = open_runtime(settings, KafkaSettings())
    db = runtime.log.db
    db.create(coaching_metadata)
    runtime.subscribe("coaching.intake_clients", upstream="intake", handler=client_projection())
    runtime.subscribe(
        "coaching.matching_companies", upstream="matching", handler=company_projection()
    )
    views = runtime.subscribe("coaching.views", upstream="coaching", handler=own_projection())
    coaching = Coaching(Streams(runtime.log), SqlClientDirectory(db), SqlPrivateTexts(db))
    wiring = Wiring(
        auth=auth_for(sessions, settings.intake_url),
        coaching=coaching,
        views=SqlViews(db),
        companies=SqlCompanies(db),
        catch_up_views=views.catch_up if isinstance(views, LogSubscription) else lambda: 0,
        client_names=client_names,
    )
    return WebService(runtime, router(runtime, wiring))
