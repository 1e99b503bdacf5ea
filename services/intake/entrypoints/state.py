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
from services.intake.service_layer.privacy import Privacy
from services.intake.service_layer.views import IntakeViews
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


State = Annotated[IntakeState, Depends(state_of("intake"))]
"""A route's parameter ``state: State`` is intake's state."""
