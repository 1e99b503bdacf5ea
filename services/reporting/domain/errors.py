"""The refusals of reporting's rules (domain layer).

Reporting writes little (the targets a project manager sets) and reads by periods; each
refusal carries a stable code, translated at the edge, and the field it concerns.
"""

from __future__ import annotations

from typing import Final

from shared.refusal import Refusal

FIELDS: Final = {
    "unknown_figure": "figure",
    "invalid_planned": "planned",
    "start_after_end": "start",
}
"""The form field each refusal concerns; the others concern the request as a whole."""

FORBIDDEN: Final = "forbidden"
"""The actor's role does not allow the command."""
PROJECT_NOT_FOUND: Final = "project_not_found"
"""The command names another project than the one it is sent in."""


class DomainError(Refusal):
    """A command or a query broke a reporting rule; nothing was stored."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, FIELDS.get(code), detail=detail)
