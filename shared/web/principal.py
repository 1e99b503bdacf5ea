"""Who is acting: users, their roles and the projects they belong to.

Accounts live in intake, but every service checks the same roles and the same project
membership, so the signed-in principal is a shared value type. A user never sees another
project's clients; an admin sees every project.
"""

from __future__ import annotations

import dataclasses
import hmac
from datetime import datetime
from typing import Final

ADMIN: Final = "admin"
COACH: Final = "coach"
PROJECT_MANAGER: Final = "project_manager"
AUDITOR: Final = "auditor"
PROJECT_ROLES: Final = frozenset({COACH, PROJECT_MANAGER, AUDITOR})
"""Roles held in a project; ``admin`` is global and sees every project."""
ROLES: Final = PROJECT_ROLES | {ADMIN}
WRITERS: Final = (COACH, PROJECT_MANAGER)
"""Roles that record work in a project; auditors only read."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class Membership:
    project_id: str
    role: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class User:
    id: str
    username: str
    display_name: str
    roles: frozenset[str]
    """Every role the user holds: ``admin`` and the roles of their memberships."""
    memberships: tuple[Membership, ...] = ()
    active: bool = True

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    def projects(self) -> frozenset[str]:
        return frozenset(m.project_id for m in self.memberships)

    def can_see_project(self, project_id: str) -> bool:
        """A user never sees another project's clients; an admin sees every project."""
        return self.is_admin or project_id in self.projects()

    def roles_in(self, project_id: str) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships if m.project_id == project_id)

    def can_write_in(self, project_id: str) -> bool:
        return self.is_admin or bool(self.roles_in(project_id) & set(WRITERS))


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignedIn:
    """A resolved session: who is signed in and the CSRF token their forms must carry."""

    user: User
    csrf_token: str
    expires_at: datetime


def csrf_matches(signed_in: SignedIn, submitted: str | None) -> bool:
    """Compare in constant time, so the token cannot be guessed a character at a time."""
    if not submitted:
        return False
    return hmac.compare_digest(signed_in.csrf_token.encode(), submitted.encode())
