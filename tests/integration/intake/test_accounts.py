"""Account handlers against intake's tables in SQLite: passwords, throttling, sessions, CSRF."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import delete

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.adapters.accounts import sessions as sessions_table
from services.intake.entrypoints.auth import own_sessions
from services.intake.service_layer.accounts import (
    AccountError,
    SessionPolicy,
    StoredUser,
    ThrottlePolicy,
    User,
    authenticate,
    create_user,
    csrf_matches,
    end_session,
    hash_token,
    needs_first_admin,
    resolve_session,
    resolve_sessions,
    start_session,
)
from tests.integration.intake.builders import CHEAP_HASHER, PASSWORD, a_user

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def refused(store: SqlAccountStore, password: str, now: datetime | None = None) -> str:
    with pytest.raises(AccountError) as caught:
        authenticate(store, username="coach-a", password=password, address="10.0.0.1", now=now)
    return caught.value.code


def test_a_password_is_stored_as_an_argon2id_hash_and_verifies(store: SqlAccountStore) -> None:
    user = a_user(store)

    stored = store.user_by_username("coach-a")
    signed_in = authenticate(
        store, username="Coach-A ", password=PASSWORD, address="10.0.0.1", hasher=CHEAP_HASHER
    )

    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert signed_in == user
    assert refused(store, "wrong password entirely") == "login_failed"


def test_an_unknown_user_fails_exactly_like_a_wrong_password(store: SqlAccountStore) -> None:
    with pytest.raises(AccountError) as caught:
        authenticate(store, username="nobody", password=PASSWORD, address="10.0.0.1")

    assert caught.value.code == "login_failed"


def test_an_outdated_hash_is_replaced_on_sign_in(store: SqlAccountStore) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    user = User(id="u-1", username="old", display_name="Old", roles=frozenset({"admin"}))
    store.add_user(StoredUser(user=user, password_hash=weak))

    authenticate(store, username="old", password=PASSWORD, address="10.0.0.1")

    stored = store.user_by_id("u-1")
    assert stored is not None and stored.password_hash != weak
    assert not PasswordHasher().check_needs_rehash(stored.password_hash)


def test_failures_slow_one_address_down_with_a_growing_wait(store: SqlAccountStore) -> None:
    a_user(store)
    for second in range(0, 50, 10):
        assert refused(store, "not the password", now=T0 + timedelta(seconds=second)) == (
            "login_failed"
        )

    # five failures: the next try waits 30 s after the last one, even with the right password
    assert refused(store, PASSWORD, now=T0 + timedelta(seconds=60)) == "login_throttled"
    assert refused(store, "still not it", now=T0 + timedelta(seconds=75)) == "login_failed"
    # six failures: the wait has doubled to a minute
    assert refused(store, PASSWORD, now=T0 + timedelta(seconds=120)) == "login_throttled"
    assert authenticate(
        store, username="coach-a", password=PASSWORD, address="10.0.0.1",
        now=T0 + timedelta(seconds=136), hasher=CHEAP_HASHER,
    )  # fmt: skip


def test_someone_guessing_from_elsewhere_never_locks_the_user_out(store: SqlAccountStore) -> None:
    a_user(store)
    policy = ThrottlePolicy(per_address=1000)
    for second in range(0, 600, 60):
        with pytest.raises(AccountError):
            authenticate(
                store, username="coach-a", password="a guess a guess", address="203.0.113.9",
                now=T0 + timedelta(seconds=second), throttle=policy, hasher=CHEAP_HASHER,
            )  # fmt: skip

    assert authenticate(
        store, username="coach-a", password=PASSWORD, address="10.0.0.1",
        now=T0 + timedelta(seconds=601), throttle=policy, hasher=CHEAP_HASHER,
    )  # fmt: skip


def test_failures_from_one_address_throttle_every_username(store: SqlAccountStore) -> None:
    a_user(store)
    policy = ThrottlePolicy(per_username=100, per_address=3)
    for name in ("anna", "bertil", "cecilia"):
        with pytest.raises(AccountError):
            authenticate(
                store, username=name, password="guess guess guess", address="10.0.0.9",
                hasher=CHEAP_HASHER,
            )  # fmt: skip

    assert authenticate(
        store, username="coach-a", password=PASSWORD, address="10.0.0.1", throttle=policy,
        hasher=CHEAP_HASHER,
    )  # fmt: skip
    with pytest.raises(AccountError, match="login_throttled"):
        authenticate(
            store, username="coach-a", password=PASSWORD, address="10.0.0.9", throttle=policy
        )


def test_a_session_slides_while_used_and_ends_when_idle(store: SqlAccountStore) -> None:
    user = a_user(store)
    policy = SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(hours=12))
    new = start_session(store, user, policy=policy, now=T0)

    kept = resolve_session(store, new.token, policy=policy, now=T0 + timedelta(minutes=50))
    still = resolve_session(store, new.token, policy=policy, now=T0 + timedelta(minutes=100))
    over = resolve_session(store, new.token, policy=policy, now=T0 + timedelta(minutes=161))

    assert kept is not None and kept.user == user
    assert still is not None and still.expires_at == T0 + timedelta(minutes=160)
    assert over is None
    assert resolve_session(store, new.token, policy=policy, now=T0) is None  # deleted


def test_a_session_ends_at_its_absolute_lifetime_however_busy(store: SqlAccountStore) -> None:
    policy = SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(hours=3))
    new = start_session(store, a_user(store), policy=policy, now=T0)
    for minutes in (50, 100, 150):
        assert resolve_session(store, new.token, policy=policy, now=T0 + timedelta(minutes=minutes))

    assert resolve_session(store, new.token, policy=policy, now=T0 + timedelta(minutes=181)) is None


def test_many_sessions_resolve_at_once_as_each_would_alone(store: SqlAccountStore) -> None:
    policy = SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(hours=12))
    coach = a_user(store, "coach-a", projects=("A",))
    colleague = a_user(store, "coach-b", projects=("A", "B"))
    leaver = a_user(store, "coach-c", projects=("B",))
    busy = start_session(store, coach, policy=policy, now=T0)
    second = start_session(store, coach, policy=policy, now=T0 + timedelta(minutes=40))
    other = start_session(store, colleague, policy=policy, now=T0 + timedelta(minutes=40))
    gone = start_session(store, leaver, policy=policy, now=T0 + timedelta(minutes=40))
    store.set_active(leaver.id, False)
    later = T0 + timedelta(minutes=70)

    found = resolve_sessions(
        store, [busy.token, "unknown", other.token, gone.token, second.token, other.token],
        policy=policy, now=later,
    )  # fmt: skip

    assert found[0] is None, "idle for over an hour"
    assert found[1] is None
    assert found[2] is not None and found[2].user == colleague
    assert found[2].user.memberships == colleague.memberships
    assert found[2].expires_at == later + timedelta(hours=1), "extended, as a request would"
    assert found[3] is None, "the user was deactivated"
    assert found[4] is not None and found[4].user == coach
    assert found[5] == found[2]
    assert store.session(hash_token(busy.token)) is None, "an ended session is deleted"
    assert store.session(hash_token(gone.token)) is None
    assert resolve_sessions(store, [], policy=policy, now=later) == []


def test_a_session_checked_as_unused_is_not_extended(store: SqlAccountStore) -> None:
    policy = SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(hours=12))
    new = start_session(store, a_user(store), policy=policy, now=T0)
    later = T0 + timedelta(minutes=30)

    (checked,) = resolve_sessions(store, [new.token], unused=[new.token], policy=policy, now=later)
    (used,) = resolve_sessions(store, [new.token], policy=policy, now=later)

    assert checked is not None and checked.expires_at == T0 + timedelta(hours=1)
    assert used is not None and used.expires_at == later + timedelta(hours=1)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_answer_is_reused_until_it_ages_out(store: SqlAccountStore) -> None:
    clock = Clock()
    sessions = own_sessions(store, SessionPolicy(), ttl_seconds=2.0, clock=clock)
    new = start_session(store, a_user(store))
    first = sessions(new.token)
    # As another process would: the store of this one hears nothing of it.
    with store.db.engine.begin() as conn:
        conn.execute(delete(sessions_table))

    clock.now += 1.9
    reused = sessions(new.token)
    clock.now += 0.2
    asked_again = sessions(new.token)

    assert first is not None and reused == first
    assert asked_again is None, "ended within the time an answer is kept"


def test_a_change_in_this_process_takes_effect_at_the_next_request(
    store: SqlAccountStore,
) -> None:
    sessions = own_sessions(store, SessionPolicy(), ttl_seconds=60.0, clock=Clock())
    leaver, stayer = a_user(store, "coach-a"), a_user(store, "coach-b")
    signed_out = start_session(store, stayer)
    kept = start_session(store, stayer)
    deactivated = start_session(store, leaver)
    for new in (signed_out, kept, deactivated):
        assert sessions(new.token) is not None
    pages = SqlAccountStore(store.db)  # another object on the same tables, as pages hold

    end_session(pages, signed_out.token)
    assert sessions(signed_out.token) is None
    assert sessions(kept.token) is not None

    pages.set_active(leaver.id, False)
    assert sessions(deactivated.token) is None


def test_the_sessions_in_use_are_kept_fresh_without_a_request_asking(
    store: SqlAccountStore,
) -> None:
    clock = Clock()
    sessions = own_sessions(store, SessionPolicy(), ttl_seconds=5.0, clock=clock)
    working = start_session(store, a_user(store, "coach-a"))
    gone = start_session(store, a_user(store, "coach-b"))
    assert sessions(working.token) is not None and sessions(gone.token) is not None
    clock.now += 3
    assert sessions.refresh() == 2, "both checked over 2 s ago, both used in the last minute"
    with store.db.engine.begin() as conn:  # as another process would end it
        conn.execute(
            delete(sessions_table).where(sessions_table.c.token_hash == hash_token(gone.token))
        )

    clock.now += 3  # 6 s after the requests' own answers: only the refresh's are fresh
    answered = sessions.peek(working.token)
    clock.now += 2.5
    sessions.refresh()

    assert answered is not None, "held, without a request asking the store"
    assert sessions.peek(gone.token) is None
    assert sessions.peek(working.token) is not None


def test_an_answer_is_not_reused_past_its_session_expiry(store: SqlAccountStore) -> None:
    # Long enough that a slow machine still finds the session alive at the first look.
    policy = SessionPolicy(idle=timedelta(seconds=2), absolute=timedelta(hours=1))
    sessions = own_sessions(store, policy, ttl_seconds=60.0, clock=Clock())
    new = start_session(store, a_user(store), policy=policy)
    found = sessions(new.token)
    assert found is not None

    time.sleep(max(0.0, (found.expires_at - datetime.now(UTC)).total_seconds()) + 0.05)

    assert sessions(new.token) is None


def test_only_a_hash_of_the_token_is_stored_and_sign_out_ends_it(store: SqlAccountStore) -> None:
    new = start_session(store, a_user(store))

    stored_session = store.session(new.token)
    end_session(store, new.token)

    assert stored_session is None
    assert resolve_session(store, new.token) is None


def test_the_csrf_token_belongs_to_its_session(store: SqlAccountStore) -> None:
    user = a_user(store)
    one, other = start_session(store, user), start_session(store, user)

    assert csrf_matches(one.signed_in, one.signed_in.csrf_token)
    assert not csrf_matches(one.signed_in, other.signed_in.csrf_token)
    assert not csrf_matches(one.signed_in, None)
    assert not csrf_matches(one.signed_in, "")


@pytest.mark.parametrize(
    ("username", "password", "roles", "projects", "code"),
    [
        ("a", PASSWORD, ("coach",), ("S1",), "invalid_username"),
        ("coach b", PASSWORD, ("coach",), ("S1",), "invalid_username"),
        ("coach-b", "eleven char", ("coach",), ("S1",), "password_too_short"),
        ("coach-b", PASSWORD, ("superuser",), ("S1",), "invalid_role"),
        ("coach-b", PASSWORD, (), ("S1",), "invalid_role"),
        ("coach-b", PASSWORD, ("coach",), (), "project_required"),
        ("coach-a", PASSWORD, ("coach",), ("S1",), "username_taken"),
    ],
)
def test_creating_a_user_refuses_with_a_code(
    store: SqlAccountStore,
    username: str,
    password: str,
    roles: tuple[str, ...],
    projects: tuple[str, ...],
    code: str,
) -> None:
    a_user(store)

    with pytest.raises(AccountError) as caught:
        create_user(store, username=username, password=password, roles=roles, projects=projects)

    assert caught.value.code == code


def test_a_first_start_needs_an_admin(store: SqlAccountStore) -> None:
    before = needs_first_admin(store)
    a_user(store, "admin", roles=("admin",), projects=())

    assert before and not needs_first_admin(store)
