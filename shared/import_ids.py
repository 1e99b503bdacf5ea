"""The ids of what a running project brings in from its earlier records (shared).

A participant imported into intake and the history of sessions imported into coaching
name the same person by the same row reference of the project's own records (the
participant id of Duuni's export, or the earlier system's number). Both services derive
the client id from it here, in one place, so that a sessions sheet finds the clients
the participants sheet created without either service asking the other.
"""

from __future__ import annotations

import uuid
from typing import Final

IMPORTED_CLIENTS: Final = uuid.UUID("6f1d1b2e-5d0c-4a8e-9a53-3c1f0f6b7e21")
"""Of the imported clients' ids: fixed, so that the same row gives the same id again."""


def imported_client_id(project_id: str, reference: str) -> str:
    """The client id of the project's participant ``reference``: the same every import."""
    return str(uuid.uuid5(IMPORTED_CLIENTS, f"{project_id}\x1f{reference.strip()}"))
