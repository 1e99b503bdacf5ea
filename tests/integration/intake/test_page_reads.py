"""The reads behind the client page, on SQLite and on PostgreSQL.

The page shows the last openings of a record that may have been opened thousands of
times, and names the project's members in several places; it asks the access log for the
last few openings only (no count of them all) and the account store for the project's
members once, with their roles.
"""

from __future__ import annotations

from services.intake.adapters.access_log import SqlAccessLog
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.service_layer.access_log import OPENING, Access, AccessQuery
from services.intake.service_layer.accounts import StoredUser
from shared.web.principal import COACH, PROJECT_MANAGER, Membership, User


def _access(client: str, action: str, user: str = "u-1", project: str = "A") -> Access:
    return Access(project_id=project, client_id=client, user_id=user, action=action)


def test_the_latest_openings_skip_lists_other_clients_and_other_projects(
    store: SqlAccountStore,
) -> None:
    log = SqlAccessLog(store.db).create()
    log.record([_access("c-1", "view", user="u-1"), _access("c-1", "search")])
    log.record([_access("c-2", "view"), _access("c-1", "view", project="B")])
    log.record([_access("c-1", "export", user="u-2"), _access("c-1", "search")])
    log.record([_access("c-1", "write", user="u-3"), _access("c-1", "search")])

    latest = log.latest(AccessQuery(project_id="A", client_id="c-1", actions=OPENING, limit=2))
    every = log.latest(AccessQuery(project_id="A", client_id="c-1", actions=OPENING))

    assert [(e.action, e.user_id) for e in latest] == [("write", "u-3"), ("export", "u-2")]
    assert [(e.action, e.user_id) for e in every] == [
        ("write", "u-3"), ("export", "u-2"), ("view", "u-1"),
    ]  # fmt: skip
    page, total = log.entries(AccessQuery(project_id="A", client_id="c-1", limit=2))
    assert total == 6 and [e.action for e in page] == ["search", "write"]


def _member(store: SqlAccountStore, user_id: str, name: str, *roles: str,
            active: bool = True) -> None:  # fmt: skip
    memberships = tuple(Membership(project_id="A", role=role) for role in roles)
    user = User(id=user_id, username=user_id, display_name=name, roles=frozenset(roles),
                memberships=memberships, active=active)  # fmt: skip
    store.add_user(StoredUser(user=user, password_hash="not a hash"))


def test_the_roster_gives_every_active_member_with_each_role_by_name(
    store: SqlAccountStore,
) -> None:
    _member(store, "u-2", "Börje", COACH, PROJECT_MANAGER)
    _member(store, "u-1", "Aino", COACH)
    _member(store, "u-3", "Cecilia", PROJECT_MANAGER)
    _member(store, "u-4", "Doris", COACH, active=False)

    roster = store.roster("A")

    assert roster == [
        ("u-1", "Aino", COACH),
        ("u-2", "Börje", COACH),
        ("u-2", "Börje", PROJECT_MANAGER),
        ("u-3", "Cecilia", PROJECT_MANAGER),
    ]
    assert [(u, n) for u, n, r in roster if r == COACH] == store.members_of("A", COACH)
    assert store.roster("B") == []
