"""What intake's module-level routes find on ``app.state.intake`` (entrypoint layer).

``bootstrap`` builds it once: the bus every write goes through, the views and the
directory pages read, the accounts' auth, the page renderer and its guards.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import Depends

from services.intake.entrypoints.auth import Auth
from services.intake.service_layer.access_log import AccessLog
from services.intake.service_layer.directory import Directory
from services.intake.service_layer.documents import Documents
from services.intake.service_layer.links import Links, Proposals
from services.intake.service_layer.messages import MessageReads
from services.intake.service_layer.privacy import Privacy
from services.intake.service_layer.reasons import KeptReasons
from services.intake.service_layer.views import IntakeViews
from shared.links import RateLimiter
from shared.messagebus import MessageBus
from shared.web.guards import PageGuards
from shared.web.pages import Pages
from shared.web.service import state_of


@dataclasses.dataclass(frozen=True, slots=True)
class IntakeState:
    bus: MessageBus
    views: IntakeViews
    directory: Directory
    auth: Auth
    pages: Pages
    guards: PageGuards
    privacy: Privacy
    access: AccessLog
    """Every read of a client's personal data is appended here (``access_log``)."""
    links: Links
    """Links for participants without an account (``shared.links``)."""
    proposals: Proposals
    """What participants submitted through links, waiting for a coach."""
    link_limiter: RateLimiter
    """Requests per client address to the link pages."""
    documents: Documents | None = None
    """Clients' documents (read for the client page and downloads; written through the bus)."""
    reasons: KeptReasons | None = None
    """The words of reasons that events name by id, for the client's timeline."""
    messages: MessageReads | None = None
    """Messages to clients: the outbox, the templates and the reminder hours."""


State = Annotated[IntakeState, Depends(state_of("intake"))]
"""A route's parameter ``state: State`` is intake's state."""
