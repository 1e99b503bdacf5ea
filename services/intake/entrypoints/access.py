"""Who may call intake's JSON routes, as FastAPI dependencies over the state's ``Auth``.

Module-level routes cannot name an ``Auth`` built at start-up, so these look it up on the
state: another project's resources answer 404, an auditor writing 403, a state-changing
request without the session's CSRF token 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.intake.entrypoints.state import State
from shared.web.principal import ADMIN, COACH, PROJECT_MANAGER, SignedIn, User


def signed_in(request: Request, state: State) -> SignedIn:
    return state.auth.signed_in(request)


def current_user(request: Request, state: State) -> User:
    return state.auth.current_user(request)


def project_member(request: Request, project_id: str, state: State) -> User:
    return state.auth.require_project_member()(request, project_id)


def project_writer(request: Request, project_id: str, state: State) -> User:
    return state.auth.require_project_member(COACH, PROJECT_MANAGER)(request, project_id)


def admin(request: Request, state: State) -> User:
    return state.auth.require_role(ADMIN)(request)


async def csrf(request: Request, state: State) -> None:
    await state.auth.verify_csrf(request)


Member = Annotated[User, Depends(project_member)]
Writer = Annotated[User, Depends(project_writer)]
Admin = Annotated[User, Depends(admin)]
CSRF = [Depends(csrf)]
CurrentUser = Annotated[User, Depends(current_user)]
