"""The ``AccountStore`` port on intake's own database (adapter layer).

Users, their project memberships, sessions and sign-in attempts, in tables of their own
beside the event log; ``SqlAccountStore(db).create()`` creates them when missing, at
bootstrap or from ``duuni users add``. Times are stored in UTC.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.stored_moments import in_utc
from services.intake.service_layer.accounts import (
    AccountError,
    Membership,
    StoredSession,
    StoredUser,
    User,
)
from shared.eventlog.signal import append_signal
from shared.eventlog.sql import Database

accounts_metadata = MetaData()

users = Table(
    "users",
    accounts_metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("roles", String(200), nullable=False),  # space-separated
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

memberships = Table(
    "memberships",
    accounts_metadata,
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", String(64), primary_key=True),
    Column("role", String(32), primary_key=True),
)

sessions = Table(
    "sessions",
    accounts_metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)

login_attempts = Table(
    "login_attempts",
    accounts_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("login_attempts_by_username", "username", "at"),
    Index("login_attempts_by_address", "address", "at"),
)


def _user_of(row: RowMapping, held: tuple[Membership, ...]) -> User:
    return User(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        roles=frozenset(row["roles"].split()),
        memberships=held,
        active=bool(row["active"]),
    )


def _stored_session(row: RowMapping) -> StoredSession:
    return StoredSession(
        token_hash=row["token_hash"],
        user_id=row["user_id"],
        csrf_token=row["csrf_token"],
        created_at=in_utc(row["created_at"]),
        expires_at=in_utc(row["expires_at"]),
        last_seen_at=in_utc(row["last_seen_at"]),
    )


class SqlAccountStore(OwnTables):
    metadata = accounts_metadata

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        # Shared by every store on these tables in this process: the sign-out page's store
        # and the one answering who is signed in may be different objects.
        url = db.engine.url.render_as_string(hide_password=False)
        self._changed = append_signal(url, db.schema, "accounts")

    @property
    def changes(self) -> int:
        return self._changed.version

    def add_user(self, stored: StoredUser) -> None:
        user = stored.user
        try:
            with self.db.engine.begin() as conn:
                conn.execute(
                    insert(users).values(
                        id=user.id,
                        username=user.username,
                        display_name=user.display_name,
                        password_hash=stored.password_hash,
                        roles=" ".join(sorted(user.roles)),
                        active=user.active,
                        created_at=datetime.now(UTC),
                    )
                )
                if user.memberships:
                    conn.execute(
                        insert(memberships),
                        [
                            {"user_id": user.id, "project_id": m.project_id, "role": m.role}
                            for m in user.memberships
                        ],
                    )
        except IntegrityError as error:
            raise AccountError("username_taken", user.username) from error
        self._changed.notify()

    def user_by_username(self, username: str) -> StoredUser | None:
        return self._user(users.c.username == username)

    def user_by_id(self, user_id: str) -> StoredUser | None:
        return self._user(users.c.id == user_id)

    def all_users(self) -> list[User]:
        with self.db.read() as conn:
            rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
            held = self._all_memberships(conn)
        return [_user_of(row, held.get(row["id"], ())) for row in rows]

    def _user(self, where: ColumnElement[bool]) -> StoredUser | None:
        with self.db.read() as conn:
            return self._user_in(conn, where)

    def _user_in(self, conn: Connection, where: ColumnElement[bool]) -> StoredUser | None:
        row = conn.execute(select(users).where(where)).mappings().first()
        if row is None:
            return None
        held = self._memberships(conn, row["id"])
        return StoredUser(user=_user_of(row, held), password_hash=row["password_hash"])

    def members_of(self, project_id: str, role: str | None = None) -> list[tuple[str, str]]:
        """(user id, display name) of the project's active members, by name: the roster's
        members with ``role`` (any role if ``None``), each once."""
        found: dict[str, str] = {}
        for user_id, name, held in self.roster(project_id):
            if role is None or held == role:
                found.setdefault(user_id, name)
        return list(found.items())

    def roster(self, project_id: str) -> list[tuple[str, str, str]]:
        """(user id, display name, role) of the project's active members, by name, in one
        query: a member with two roles stands twice."""
        query = (
            select(users.c.id, users.c.display_name, memberships.c.role)
            .join(memberships, memberships.c.user_id == users.c.id)
            .where(memberships.c.project_id == project_id, users.c.active.is_(True))
            .order_by(users.c.display_name, users.c.id, memberships.c.role)
        )
        with self.db.read() as conn:
            return [(user_id, name, role) for user_id, name, role in conn.execute(query)]

    @staticmethod
    def _memberships(conn: Connection, user_id: str) -> tuple[Membership, ...]:
        rows = conn.execute(
            select(memberships.c.project_id, memberships.c.role)
            .where(memberships.c.user_id == user_id)
            .order_by(memberships.c.project_id, memberships.c.role)
        )
        return tuple(Membership(project_id=p, role=r) for p, r in rows)

    @staticmethod
    def _all_memberships(conn: Connection) -> dict[str, tuple[Membership, ...]]:
        """Every user's memberships at once (one query, not one per user)."""
        return SqlAccountStore._memberships_of(conn, None)

    @staticmethod
    def _memberships_of(
        conn: Connection, user_ids: list[str] | None
    ) -> dict[str, tuple[Membership, ...]]:
        """The memberships of ``user_ids`` (of every user if ``None``) in one query."""
        m = memberships.c
        query = select(m.user_id, m.project_id, m.role).order_by(m.user_id, m.project_id, m.role)
        if user_ids is not None:
            query = query.where(m.user_id.in_(user_ids))
        held: dict[str, list[Membership]] = {}
        for user_id, project_id, role in conn.execute(query):
            held.setdefault(user_id, []).append(Membership(project_id=project_id, role=role))
        return {user_id: tuple(found) for user_id, found in held.items()}

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                update(users).where(users.c.id == user_id).values(password_hash=password_hash)
            )
        self._changed.notify()

    def count_users(self) -> int:
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())

    def record_attempt(self, *, username: str, address: str, succeeded: bool, at: datetime) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                insert(login_attempts).values(
                    username=username[:64], address=address[:64], succeeded=succeeded, at=in_utc(at)
                )
            )

    def failures_since(
        self, *, username: str, address: str, since: datetime
    ) -> tuple[int, datetime | None, int]:
        a = login_attempts.c
        failed = and_(a.succeeded.is_(False), a.at >= in_utc(since))
        from_address = and_(failed, a.address == address[:64])
        together = select(func.count(), func.max(a.at)).where(
            from_address, a.username == username[:64]
        )
        with self.db.read() as conn:
            count, last = conn.execute(together).one()
            by_address = conn.execute(select(func.count()).where(from_address)).scalar_one()
        return int(count), in_utc(last) if last is not None else None, int(by_address)

    def clear_failures(self, username: str, address: str) -> None:
        a = login_attempts.c
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(login_attempts).where(
                    a.username == username[:64], a.address == address[:64], a.succeeded.is_(False)
                )
            )

    def set_active(self, user_id: str, active: bool) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(active=active))
        self._changed.notify()

    def delete_sessions_of(self, user_id: str, keep: str | None = None) -> int:
        ended = delete(sessions).where(sessions.c.user_id == user_id)
        if keep is not None:
            ended = ended.where(sessions.c.token_hash != keep)
        with self.db.engine.begin() as conn:
            count = conn.execute(ended).rowcount
        self._changed.notify()
        return count

    def add_session(self, session: StoredSession) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                insert(sessions).values(
                    token_hash=session.token_hash,
                    user_id=session.user_id,
                    csrf_token=session.csrf_token,
                    created_at=in_utc(session.created_at),
                    expires_at=in_utc(session.expires_at),
                    last_seen_at=in_utc(session.last_seen_at),
                )
            )

    def session(self, token_hash: str) -> StoredSession | None:
        with self.db.read() as conn:
            return self._session_in(conn, token_hash)

    def sessions_and_users(
        self, token_hashes: Collection[str]
    ) -> dict[str, tuple[StoredSession, StoredUser | None]]:
        query = select(sessions).where(sessions.c.token_hash.in_(list(token_hashes)))
        with self.db.read() as conn:
            found = [_stored_session(row) for row in conn.execute(query).mappings()]
            if not found:
                return {}
            user_ids = list({session.user_id for session in found})
            rows = conn.execute(select(users).where(users.c.id.in_(user_ids))).mappings().all()
            held = self._memberships_of(conn, user_ids)
        stored = {
            row["id"]: StoredUser(
                user=_user_of(row, held.get(row["id"], ())), password_hash=row["password_hash"]
            )
            for row in rows
        }
        return {session.token_hash: (session, stored.get(session.user_id)) for session in found}

    @staticmethod
    def _session_in(conn: Connection, token_hash: str) -> StoredSession | None:
        row = (
            conn.execute(select(sessions).where(sessions.c.token_hash == token_hash))
            .mappings()
            .first()
        )
        return None if row is None else _stored_session(row)

    def touch_session(
        self, token_hash: str, *, last_seen_at: datetime, expires_at: datetime
    ) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                update(sessions)
                .where(sessions.c.token_hash == token_hash)
                .values(last_seen_at=in_utc(last_seen_at), expires_at=in_utc(expires_at))
            )

    def delete_session(self, token_hash: str) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))
        self._changed.notify()

    def delete_expired_sessions(self, now: datetime) -> int:
        with self.db.engine.begin() as conn:
            result = conn.execute(delete(sessions).where(sessions.c.expires_at <= in_utc(now)))
        return result.rowcount
