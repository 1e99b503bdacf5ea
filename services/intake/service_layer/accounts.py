"""Accounts of the system's users: creating them, signing in and out, sessions (service layer).

Accounts are not clients' personal data and are not event-sourced: they live in intake's
own tables behind the ``AccountStore`` port. Failures carry a stable error code
(``login_failed``, ``login_throttled`` …) rather than a sentence; the UI translates it.

Passwords are hashed with argon2id (``argon2-cffi``) and rehashed on sign-in when the
parameters move on. Only a SHA-256 of a session token is stored, so a leaked table lets
nobody in. Sessions slide: each use extends them by the idle timeout, up to an absolute
lifetime.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import re
import secrets
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from services.intake.domain.errors import DomainError
from services.intake.domain.passwords import check_password
from shared.ids import uuid7_str
from shared.web.principal import (
    ADMIN,
    AUDITOR,
    COACH,
    PROJECT_MANAGER,
    PROJECT_ROLES,
    ROLES,
    Membership,
    SignedIn,
    User,
    csrf_matches,
)

__all__ = [
    "ADMIN",
    "AUDITOR",
    "COACH",
    "PROJECT_MANAGER",
    "PROJECT_ROLES",
    "ROLES",
    "AccountError",
    "AccountStore",
    "Membership",
    "SignedIn",
    "User",
    "csrf_matches",
]

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
_PROJECT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class AccountError(Exception):
    """A refusal with a stable code for the UI to translate; ``detail`` is for logs and CLIs."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclasses.dataclass(frozen=True, kw_only=True)
class StoredUser:
    user: User
    password_hash: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class StoredSession:
    token_hash: str
    user_id: str
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    last_seen_at: datetime


@dataclasses.dataclass(frozen=True, kw_only=True)
class NewSession:
    token: str
    """The cookie value; shown once, stored only as a SHA-256."""
    signed_in: SignedIn


@dataclasses.dataclass(frozen=True, kw_only=True)
class SessionPolicy:
    idle: timedelta = timedelta(hours=1)
    absolute: timedelta = timedelta(hours=12)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ThrottlePolicy:
    """How repeated failures slow sign-in down, counted within ``window``.

    Per username *and* address together: after ``per_username`` failures from one
    address, that address waits before trying that username again, and the wait doubles
    with each further failure (``first_wait``, twice that, … up to ``window``). Someone
    guessing from elsewhere therefore never locks the user out of their own machine.
    Per address alone: ``per_address`` failures, whatever the usernames, and the
    address is refused until the window has passed.
    """

    window: timedelta = timedelta(minutes=15)
    per_username: int = 5
    per_address: int = 20
    first_wait: timedelta = timedelta(seconds=30)

    def wait_after(self, failures: int) -> timedelta:
        """How long after the last failure the next attempt must wait."""
        if failures < self.per_username:
            return timedelta(0)
        doublings = min(failures - self.per_username, 16)
        wait: timedelta = self.first_wait * (1 << doublings)
        return min(wait, self.window)


class AccountStore(Protocol):
    """Where users, memberships, sessions and sign-in attempts are kept.

    A port so that handlers hold the rules and tests may use any implementation; the
    SQL adapter keeps them in intake's database.
    """

    def add_user(self, stored: StoredUser) -> None:
        """Raise ``AccountError("username_taken")`` when the username exists."""

    def user_by_username(self, username: str) -> StoredUser | None: ...

    def user_by_id(self, user_id: str) -> StoredUser | None: ...

    def all_users(self) -> list[User]:
        """Every user, the inactive too, by username, with their memberships."""
        ...

    def set_password_hash(self, user_id: str, password_hash: str) -> None: ...

    def count_users(self) -> int: ...

    def members_of(self, project_id: str, role: str | None = None) -> list[tuple[str, str]]:
        """(user id, display name) of the project's active members."""
        ...

    def roster(self, project_id: str) -> list[tuple[str, str, str]]:
        """(user id, display name, role) of the project's active members, by name."""
        ...

    def record_attempt(
        self, *, username: str, address: str, succeeded: bool, at: datetime
    ) -> None: ...

    def failures_since(
        self, *, username: str, address: str, since: datetime
    ) -> tuple[int, datetime | None, int]:
        """Since ``since``: failed attempts at this username from this address, the last
        of them, and failed attempts from this address at any username."""
        ...

    def clear_failures(self, username: str, address: str) -> None: ...

    def set_active(self, user_id: str, active: bool) -> None: ...

    def delete_sessions_of(self, user_id: str, keep: str | None = None) -> int:
        """End the user's sessions (but the one whose token hash is ``keep``); how many."""
        ...

    def add_session(self, session: StoredSession) -> None: ...

    def session(self, token_hash: str) -> StoredSession | None: ...

    def sessions_and_users(
        self, token_hashes: Collection[str]
    ) -> dict[str, tuple[StoredSession, StoredUser | None]]:
        """Each stored session of ``token_hashes`` and its user (``None`` if gone), in one
        read of a few queries whatever their number: every request asks for its own, and
        another service for all of its sessions at once."""
        ...

    def touch_session(
        self, token_hash: str, *, last_seen_at: datetime, expires_at: datetime
    ) -> None: ...

    def delete_session(self, token_hash: str) -> None: ...

    def delete_expired_sessions(self, now: datetime) -> int:
        """Forget sessions past their expiry; returns how many."""
        ...

    @property
    def changes(self) -> int:
        """A number that moves with every write that can end a session or change what it
        grants (a sign-out, a deactivation, a new password, a new user), made in this
        process through any store on the same tables."""
        ...


def _now() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """Verified against when the username is unknown, so that the refusal takes as long."""
    return hasher.hash(secrets.token_urlsafe(16))


def create_user(
    store: AccountStore,
    *,
    username: str,
    password: str,
    roles: Iterable[str],
    projects: Sequence[str] = (),
    display_name: str = "",
    hasher: PasswordHasher | None = None,
) -> User:
    """Validate and add a user; project roles apply in each of ``projects``.

    ``hasher``: the argon2id parameters (the default ones when ``None``); tests pass cheap
    ones, and the app that signs such users in must be given the same (``bootstrap``).
    """
    username = username.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise AccountError("invalid_username", "2–64 of a-z, 0-9, '.', '_' or '-'")
    _check_password(password, username)
    chosen = frozenset(roles)
    if not chosen or not chosen <= ROLES:
        raise AccountError("invalid_role", f"choose from {', '.join(sorted(ROLES))}")
    bad = [p for p in projects if not _PROJECT_ID.fullmatch(p)]
    if bad:
        raise AccountError("invalid_project", bad[0])
    project_roles = chosen & PROJECT_ROLES
    if project_roles and not projects:
        raise AccountError("project_required", f"role {sorted(project_roles)[0]} needs a project")
    memberships = tuple(
        Membership(project_id=p, role=r)
        for p in dict.fromkeys(projects)
        for r in sorted(project_roles)
    )
    user = User(
        id=uuid7_str(),
        username=username,
        display_name=display_name.strip() or username,
        roles=chosen,
        memberships=memberships,
    )
    store.add_user(StoredUser(user=user, password_hash=(hasher or _HASHER).hash(password)))
    return user


def authenticate(
    store: AccountStore,
    *,
    username: str,
    password: str,
    address: str,
    throttle: ThrottlePolicy = ThrottlePolicy(),
    now: datetime | None = None,
    hasher: PasswordHasher | None = None,
) -> User:
    """Check a password, refusing for a while after repeated failures.

    An unknown username costs the same hashing time as a wrong password, and both fail
    with the same code, so that neither reveals which usernames exist.
    """
    now = now or _now()
    username = username.strip().lower()
    together, last, by_address = store.failures_since(
        username=username, address=address, since=now - throttle.window
    )
    ready_at = now if last is None else last + throttle.wait_after(together)
    if by_address >= throttle.per_address:
        ready_at = max(ready_at, now + throttle.window)
    if ready_at > now:
        seconds = math.ceil((ready_at - now).total_seconds())
        raise AccountError("login_throttled", str(seconds))
    hasher = hasher or _HASHER
    stored = store.user_by_username(username)
    if not _verify(stored.password_hash if stored else _dummy_hash(hasher), password) or not (
        stored and stored.user.active
    ):
        store.record_attempt(username=username, address=address, succeeded=False, at=now)
        raise AccountError("login_failed")
    store.record_attempt(username=username, address=address, succeeded=True, at=now)
    store.clear_failures(username, address)
    if hasher.check_needs_rehash(stored.password_hash):
        store.set_password_hash(stored.user.id, hasher.hash(password))
    return stored.user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _check_password(password: str, username: str) -> None:
    try:
        check_password(password, username=username)
    except DomainError as refused:
        raise AccountError(refused.code, refused.detail) from None


def _stored(store: AccountStore, username: str) -> StoredUser:
    stored = store.user_by_username(username.strip().lower())
    if stored is None:
        raise AccountError("user_not_found", username)
    return stored


def change_password(
    store: AccountStore,
    user_id: str,
    *,
    current: str,
    new: str,
    keep_session: str | None = None,
    hasher: PasswordHasher | None = None,
) -> None:
    """A user's own change: the current password first; their other sessions end."""
    stored = store.user_by_id(user_id)
    if stored is None or not _verify(stored.password_hash, current):
        raise AccountError("wrong_password")
    _check_password(new, stored.user.username)
    store.set_password_hash(user_id, (hasher or _HASHER).hash(new))
    store.delete_sessions_of(user_id, keep=hash_token(keep_session) if keep_session else None)


def list_users(store: AccountStore) -> list[User]:
    """Every account, by username, for the administrator's list (the inactive too)."""
    return store.all_users()


def reset_password(
    store: AccountStore, username: str, new: str, *, hasher: PasswordHasher | None = None
) -> User:
    """An administrator's reset: a new password, and every session of the user ends."""
    stored = _stored(store, username)
    _check_password(new, stored.user.username)
    store.set_password_hash(stored.user.id, (hasher or _HASHER).hash(new))
    store.delete_sessions_of(stored.user.id)
    return stored.user


def set_user_active(store: AccountStore, username: str, active: bool) -> User:
    """Deactivate (every session ends at once; nothing of theirs is deleted) or reactivate."""
    stored = _stored(store, username)
    store.set_active(stored.user.id, active)
    if not active:
        store.delete_sessions_of(stored.user.id)
    return dataclasses.replace(stored.user, active=active)


def revoke_sessions(store: AccountStore, username: str) -> int:
    """Sign the user out everywhere (a lost phone, a shared computer); how many ended."""
    return store.delete_sessions_of(_stored(store, username).user.id)


def start_session(
    store: AccountStore,
    user: User,
    *,
    policy: SessionPolicy = SessionPolicy(),
    now: datetime | None = None,
) -> NewSession:
    now = now or _now()
    token = secrets.token_urlsafe(32)
    session = StoredSession(
        token_hash=hash_token(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=min(now + policy.idle, now + policy.absolute),
        last_seen_at=now,
    )
    store.add_session(session)
    store.delete_expired_sessions(now)  # each sign-in sweeps; the table stays small
    signed_in = SignedIn(user=user, csrf_token=session.csrf_token, expires_at=session.expires_at)
    return NewSession(token=token, signed_in=signed_in)


def resolve_session(
    store: AccountStore,
    token: str,
    *,
    policy: SessionPolicy = SessionPolicy(),
    now: datetime | None = None,
) -> SignedIn | None:
    """The signed-in user of a session token, extending the session; ``None`` when it is over."""
    return resolve_sessions(store, [token], policy=policy, now=now)[0]


def resolve_sessions(
    store: AccountStore,
    tokens: Sequence[str],
    *,
    unused: Collection[str] = (),
    policy: SessionPolicy = SessionPolicy(),
    now: datetime | None = None,
) -> list[SignedIn | None]:
    """``resolve_session`` of each token, in order, reading all their sessions at once;
    those also in ``unused`` are checked without being extended, since nobody used them."""
    now = now or _now()
    idle = {hash_token(token) for token in unused}
    hashes = [hash_token(token) for token in tokens]
    found = store.sessions_and_users(set(hashes))
    return [
        _live(store, token_hash, found.get(token_hash), policy, now, extend=token_hash not in idle)
        for token_hash in hashes
    ]


def _live(
    store: AccountStore,
    token_hash: str,
    found: tuple[StoredSession, StoredUser | None] | None,
    policy: SessionPolicy,
    now: datetime,
    *,
    extend: bool,
) -> SignedIn | None:
    """The session ``found`` for ``token_hash`` as a signed-in user, extended if ``extend``;
    one that is over, or whose user is gone or inactive, is deleted and gives
    ``None``."""
    if found is None:
        return None
    session, stored = found
    if session.expires_at <= now or stored is None or not stored.user.active:
        store.delete_session(token_hash)
        return None
    expires_at = min(now + policy.idle, session.created_at + policy.absolute)
    if extend and expires_at - session.expires_at >= _TOUCH_EVERY:
        store.touch_session(token_hash, last_seen_at=now, expires_at=expires_at)
    else:  # a request a second: spare the database a write each time
        expires_at = session.expires_at
    return SignedIn(user=stored.user, csrf_token=session.csrf_token, expires_at=expires_at)


_TOUCH_EVERY = timedelta(minutes=1)


def end_session(store: AccountStore, token: str) -> None:
    store.delete_session(hash_token(token))


def needs_first_admin(store: AccountStore) -> bool:
    """True on a first start: no users yet, so ``duuni users add … --role admin`` is due."""
    return store.count_users() == 0
