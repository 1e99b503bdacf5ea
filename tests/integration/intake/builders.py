"""Builders of test accounts, hashed with cheap argon2 parameters."""

from __future__ import annotations

from argon2 import PasswordHasher

from services.intake.service_layer.accounts import AccountStore, User, create_user

PASSWORD = "correct horse battery staple"
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
"""Hashes in microseconds: for test users, and for the app that signs them in
(``bootstrap(settings, hasher=CHEAP_HASHER)``), which would otherwise rehash them."""


def a_user(
    store: AccountStore,
    username: str = "coach-a",
    *,
    roles: tuple[str, ...] = ("coach",),
    projects: tuple[str, ...] = ("S21048",),
) -> User:
    return create_user(
        store,
        username=username,
        password=PASSWORD,
        roles=roles,
        projects=projects,
        hasher=CHEAP_HASHER,
    )
