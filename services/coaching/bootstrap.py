"""Composition root of the coaching service: the one place its parts are wired together.

Coaching keeps, in its own database: its log, projections of intake's clients (fed by
the ``coaching.intake_clients`` and ``coaching.intake_client_facts`` subscriptions) and
of matching's companies (``coaching.matching_companies``), private text (case notes,
goal wording) and read models of its own events (the ``coaching.views`` subscription to
its own log). Every write goes through one message bus, which brings those read models
up to the write before the next read (read-your-writes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from services.coaching.adapters.clients import (
    SqlClientDirectory,
    client_projection,
    fact_projection,
)
from services.coaching.adapters.companies import SqlCompanies, company_projection
from services.coaching.adapters.day_store import (
    SqlCalendarFeeds,
    SqlWorkDay,
    leaver_projection,
    work_day_projection,
)
from services.coaching.adapters.employer_forms import SqlEmployerForms
from services.coaching.adapters.employer_forms import links as employer_links
from services.coaching.adapters.erasure import erasure_projection
from services.coaching.adapters.migrations import COACHING_TREE
from services.coaching.adapters.sharing import sharing_projection
from services.coaching.adapters.tables import coaching_metadata
from services.coaching.adapters.texts import SqlPrivateTexts
from services.coaching.adapters.views import SqlViews, own_projection
from services.coaching.config import CoachingSettings
from services.coaching.entrypoints.api import router
from services.coaching.entrypoints.state import CoachingState, coaching_pages
from services.coaching.service_layer.dependencies import Coaching
from services.coaching.service_layer.handlers import COMMAND_HANDLERS
from services.coaching.service_layer.ports import ClientNames
from services.coaching.service_layer.streams import coaching_streams
from shared.eventlog.subscription import LogSubscription
from shared.links import LinkStore
from shared.messagebus import MessageBus, bind
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import ClientFinder, StaffNames, WebService, auth_for

log = logging.getLogger(__name__)


def bootstrap(
    settings: CoachingSettings,
    sessions: SessionResolver | None = None,
    client_names: ClientNames | None = None,
    staff_names: StaffNames | None = None,
    *,
    client_finder: ClientFinder | None = None,
) -> WebService:
    """``client_names``, when the composition can offer intake's, puts names on the pages;
    ``staff_names`` likewise the project's users' (coaches in the calendar's filter);
    ``client_finder`` lets the client picker search names, identity codes and phones."""
    runtime = open_runtime(settings, KafkaSettings(), [COACHING_TREE])
    db = runtime.log.db
    db.create(coaching_metadata)
    runtime.subscribe("coaching.intake_clients", upstream="intake", handler=client_projection())
    runtime.subscribe("coaching.intake_client_facts", upstream="intake", handler=fact_projection())
    runtime.subscribe(
        "coaching.matching_companies", upstream="matching", handler=company_projection()
    )
    views = runtime.subscribe("coaching.views", upstream="coaching", handler=own_projection())
    runtime.subscribe("coaching.intake_leavers", upstream="intake", handler=leaver_projection())
    # An erasure in intake erases coaching's words about the person (idempotent).
    runtime.subscribe("coaching.intake_erasures", upstream="intake", handler=erasure_projection())
    # Intake's consents to partner sharing: coaching's partner feeds respect a withdrawal.
    runtime.subscribe("coaching.intake_sharing", upstream="intake", handler=sharing_projection())
    day = runtime.subscribe("coaching.work_day", upstream="coaching", handler=work_day_projection())
    employers = SqlCompanies(db)
    coaching = Coaching(
        coaching_streams(runtime.log), SqlClientDirectory(db), SqlPrivateTexts(db), employers,
        work_day=SqlWorkDay(db), feeds=SqlCalendarFeeds(db),
        links=LinkStore(db.engine, employer_links), employer_forms=SqlEmployerForms(db),
    )  # fmt: skip
    own = [s.catch_up for s in (views, day) if isinstance(s, LogSubscription)]

    def catch_up() -> int:
        return sum(step() for step in own)

    state = CoachingState(
        bus=MessageBus(bind(COMMAND_HANDLERS, coaching), after_write=refresh(catch_up)),
        coaching=coaching,
        views=SqlViews(db),
        companies=employers,
        auth=auth_for(sessions, settings.intake_url),
        pages=coaching_pages(),
        client_names=client_names,
        staff_names=staff_names,
        client_finder=client_finder,
    )
    return WebService(runtime, router(runtime), state=state)


def refresh(catch_up_views: Callable[[], int]) -> Callable[[], None]:
    """After a write, apply coaching's own new events to the read models now, so that the
    next list the user sees includes it (the background runner would, a moment later).

    Best effort: a clash with the background runner only delays the lists a moment.
    """

    def after_write() -> None:
        try:
            catch_up_views()
        except SQLAlchemyError as error:  # pragma: no cover - a race on a fresh checkpoint
            log.info("read models will catch up in the background: %s", error)

    return after_write
