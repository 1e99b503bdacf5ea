"""Privacy built in: persons sealed with a key each, the access log, retention rules.

Existing persons are sealed here: each gets a data key (wrapped by the master key, see
``services.intake.adapters.sealing``) and their names, identity code, birth date and
contact details become one sealed value; the readable columns are dropped. On SQLite
the freed pages are overwritten (``secure_delete``). A database whose ``persons`` table
is already sealed (made as the code declares it) only gets what it lacks.

On PostgreSQL the master key must be in ``DUUNI_MASTER_KEY`` when persons exist: the
data folder's key file is the embedded default's alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import orjson
import sqlalchemy as sa
from alembic import context, op

from services.intake.adapters.personal_data import SEALED_FIELDS, seal_person
from services.intake.adapters.sealing import MasterKey, data_cipher, key_folder, open_sealed
from shared.migrations.columns import project_column, uuid_column

revision = "0003"
down_revision = "0002"

PLAIN = ("identity_code", "birth_date", "first_name", "last_name", "search_name", "phone",
         "email")  # fmt: skip


def _master(bind: sa.Connection) -> MasterKey:
    url = bind.engine.url.render_as_string(hide_password=False)
    return MasterKey(key_folder(url, None))


def upgrade() -> None:
    if context.is_offline_mode():
        _offline()
        return
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete = ON")
    inspector = sa.inspect(bind)
    tables = set(inspector.get_table_names())
    for name, create in NEW_TABLES.items():
        if name not in tables:
            create()
    columns = {c["name"] for c in inspector.get_columns("persons")}
    indexes = {i["name"] for i in inspector.get_indexes("persons")}
    if "first_name" in columns:
        _seal_persons(bind, "sealed" in columns, "persons_by_name" in indexes)
        indexes.discard("persons_by_name")
    if "persons_by_project" not in indexes:
        with op.batch_alter_table("persons", schema=None) as batch_op:
            batch_op.create_index("persons_by_project", ["project_id", "client_id"], unique=False)


def _offline() -> None:
    """The SQL of a dry run: what a database without persons gets. Persons are sealed with
    the master key, which SQL alone cannot do: ``duuni migrate upgrade`` does that."""
    op.execute("-- persons, if any, are sealed by 'duuni migrate upgrade', not by this SQL")
    for create in NEW_TABLES.values():
        create()
    with op.batch_alter_table("persons", schema=None, copy_from=_persons_of_0001()) as batch_op:
        batch_op.drop_index("persons_by_name")
        for name in PLAIN:
            batch_op.drop_column(name)
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=False))
        batch_op.create_index("persons_by_project", ["project_id", "client_id"], unique=False)


def _persons_of_0001() -> sa.Table:
    """``persons`` as revision 0001 made it: what an offline SQLite batch copies from."""
    baseline = context.script.get_revision("0001")
    assert baseline is not None
    return sa.Table(
        "persons",
        sa.MetaData(),
        *baseline.module.persons_columns(),
        sa.Index("persons_by_identity_code", "project_id", "identity_code_hash", unique=True),
        sa.Index("persons_by_name", "project_id", "last_name", "first_name", "client_id"),
    )


def _create_person_keys() -> None:
    op.create_table(
        "person_keys",
        uuid_column("client_id"),
        project_column(),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )


def _create_project_retention() -> None:
    op.create_table(
        "project_retention",
        project_column(),
        sa.Column("years", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("project_id"),
    )


def _create_access_log() -> None:
    op.create_table(
        "access_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        uuid_column("entry_id"),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        project_column(),
        uuid_column("client_id", nullable=True),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index("access_log_by_client", ["project_id", "client_id", "seq"])
        batch_op.create_index("access_log_by_user", ["project_id", "user_id", "seq"])
        batch_op.create_index("access_log_previous", ["previous_hash"], unique=True)


NEW_TABLES: dict[str, Callable[[], None]] = {
    "person_keys": _create_person_keys,
    "access_log": _create_access_log,
    "project_retention": _create_project_retention,
}
"""The tables this revision adds, in the order it creates them (a database whose tables
were made as the code declares them may have some already)."""


def _seal_persons(bind: sa.Connection, has_sealed: bool, has_name_index: bool) -> None:
    """Seal every readable person, then drop the readable columns."""
    if not has_sealed:
        op.add_column("persons", sa.Column("sealed", sa.LargeBinary(), nullable=True))
    persons = sa.table(
        "persons",
        sa.column("client_id", sa.String),
        sa.column("project_id", sa.String),
        sa.column("identity_code", sa.String),
        sa.column("birth_date", sa.Date),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("phone", sa.String),
        sa.column("email", sa.String),
        sa.column("sealed", sa.LargeBinary),
    )
    keys = sa.table(
        "person_keys",
        sa.column("client_id", sa.String),
        sa.column("project_id", sa.String),
        sa.column("wrapped_key", sa.LargeBinary),
    )
    rows = bind.execute(sa.select(persons)).mappings().all()
    master = _master(bind) if rows else None
    for row in rows:
        assert master is not None
        fields = {name: row[name] for name in SEALED_FIELDS}
        fields["birth_date"] = row["birth_date"].isoformat()
        wrapped, sealed = seal_person(master, row["client_id"], orjson.dumps(fields))
        bind.execute(sa.delete(keys).where(keys.c.client_id == row["client_id"]))
        bind.execute(
            sa.insert(keys).values(
                client_id=row["client_id"], project_id=row["project_id"], wrapped_key=wrapped
            )
        )
        bind.execute(
            sa.update(persons)
            .where(persons.c.client_id == row["client_id"])
            .values(
                sealed=sealed, identity_code=None, first_name="", last_name="", phone="", email=""
            )
        )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        if has_name_index:
            batch_op.drop_index("persons_by_name")
        for name in PLAIN:
            batch_op.drop_column(name)
        batch_op.alter_column("sealed", existing_type=sa.LargeBinary(), nullable=False)


def downgrade() -> None:
    """Back to readable persons (with the master key), without the access log and rules."""
    bind = op.get_bind()
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index("persons_by_project")
        batch_op.add_column(sa.Column("identity_code", sa.String(length=11), nullable=True))
        for name, kind in (("birth_date", sa.Date()), ("first_name", sa.String(200)),
                           ("last_name", sa.String(200)), ("search_name", sa.String(401)),
                           ("phone", sa.String(50)), ("email", sa.String(254))):  # fmt: skip
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    persons = sa.table(
        "persons",
        sa.column("client_id", sa.String),
        sa.column("sealed", sa.LargeBinary),
        *(sa.column(name, sa.Date if name == "birth_date" else sa.String) for name in PLAIN),
    )
    keys = sa.table("person_keys", sa.column("client_id"), sa.column("wrapped_key"))
    query = sa.select(persons.c.client_id, persons.c.sealed, keys.c.wrapped_key).join(
        keys, keys.c.client_id == persons.c.client_id
    )
    rows = bind.execute(query).all()
    master = _master(bind) if rows else None
    for client_id, sealed, wrapped in rows:
        assert master is not None
        data_key = master.unwrap(wrapped, client_id)
        fields = orjson.loads(open_sealed(data_cipher(data_key), sealed, client_id.encode()))
        fields["birth_date"] = date.fromisoformat(fields["birth_date"])
        fields["search_name"] = f"{fields['first_name']} {fields['last_name']}".lower()
        bind.execute(sa.update(persons).where(persons.c.client_id == client_id).values(**fields))
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_column("sealed")
        for name in PLAIN[1:]:
            batch_op.alter_column(name, existing_type=sa.String(), nullable=False)
        batch_op.create_index("persons_by_name", ["project_id", "last_name", "first_name",
                                                  "client_id"])  # fmt: skip
    op.drop_table("project_retention")
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("access_log_previous")
        batch_op.drop_index("access_log_by_user")
        batch_op.drop_index("access_log_by_client")
    op.drop_table("access_log")
    op.drop_table("person_keys")
