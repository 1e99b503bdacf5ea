"""Links without accounts, as coaching's handlers use them (service layer): the project's
link store (``shared.links``) on coaching's own ``links`` table, as a port.

A link is signed by its random token (only the token's SHA-256 is kept), for one purpose
and one subject (here: an employer form on one in-work coaching plan), expiring,
revocable, and used once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from shared.links import LinkGrant, LinkRefused

__all__ = ["LinkGrant", "LinkRefused", "Links"]


class Links(Protocol):
    def issue(
        self,
        *,
        project_id: str,
        purpose: str,
        subject_id: str,
        language: str,
        created_by: str,
        now: datetime,
        valid_for: timedelta,
        single_use: bool = False,
    ) -> tuple[LinkGrant, str]:
        """A new link and its token (shown once, never kept)."""
        ...

    def find(self, token: str) -> LinkGrant | None: ...

    def open(self, token: str, now: datetime) -> LinkGrant:
        """The link of ``token``, its first opening recorded; raises ``LinkRefused``."""
        ...

    def mark_done(self, link_id: str, now: datetime) -> None: ...

    def revoke(self, link_id: str, now: datetime) -> None: ...

    def for_subject(self, project_id: str, subject_id: str) -> list[LinkGrant]: ...
