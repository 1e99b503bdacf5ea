"""Builders of test accounts."""

from __future__ import annotations

from services.intake.service_layer.accounts import AccountStore, User, create_user

PASSWORD = "correct horse battery staple"


def a_user(
    store: AccountStore,
    username: str = "coach-a",
    *,
    roles: tuple[str, ...] = ("coach",),
    projects: tuple[str, ...] = ("S21048",),
) -> User:
    return create_user(store, username=username, password=PASSWORD, roles=roles, projects=projects)
