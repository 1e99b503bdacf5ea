"""Who may call intake's JSON routes, as FastAPI dependencies over the state's ``Auth``.

Module-level routes cannot name an ``Auth`` built at start-up, so these look it up on the
state. They are coroutines: the session is most often held in memory, and a plain
function would cost every request a trip to a worker thread. Another project's resources
answer 404, an auditor writing 403, a state-changing request without the session's CSRF
token 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.intake.entrypoints.state import State
from shared.web.principal import ADMIN, COACH, PROJECT_MANAGER, SignedIn, User


async def signed_in(request: Request, state: State) -> SignedIn:
    return await state.auth.session(request)


async def current_user(request: Request, state: State) -> User:
    return (await state.auth.session(request)).user


async def project_member(request: Request, project_id: str, state: State) -> User:
    return await state.auth.project_member(request, project_id)


async def project_writer(request: Request, project_id: str, state: State) -> User:
    return await state.auth.project_member(request, project_id, COACH, PROJECT_MANAGER)


async def admin(request: Request, state: State) -> User:
    return await state.auth.user_with_role(request, ADMIN)


async def csrf(request: Request, state: State) -> None:
    await state.auth.verify_csrf(request)


Member = Annotated[User, Depends(project_member)]
Writer = Annotated[User, Depends(project_writer)]
Admin = Annotated[User, Depends(admin)]
CSRF = [Depends(csrf)]
CurrentUser = Annotated[User, Depends(current_user)]
