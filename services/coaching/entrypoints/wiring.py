"""What every coaching route needs, handed over by ``bootstrap`` (entrypoint layer)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from services.coaching.adapters.companies import SqlCompanies
from services.coaching.adapters.views import SqlViews
from services.coaching.service_layer.handlers import Coaching
from services.coaching.service_layer.ports import ClientNames
from shared.web.auth import WebAuth

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class Wiring:
    auth: WebAuth
    coaching: Coaching
    views: SqlViews
    companies: SqlCompanies
    catch_up_views: Callable[[], int]
    """Apply coaching's own new events to the read models now (the runner does it anyway)."""
    client_names: ClientNames | None = None
    """Intake's names of clients for the pages; without it, clients show as short codes."""

    def refresh(self) -> None:
        """After a write, so that the next list the user sees includes it (read your writes).

        Best effort: a clash with the background runner only delays the lists a moment.
        """
        try:
            self.catch_up_views()
        except SQLAlchemyError as error:  # pragma: no cover - a race on a fresh checkpoint
            log.info("read models will catch up in the background: %s", error)
