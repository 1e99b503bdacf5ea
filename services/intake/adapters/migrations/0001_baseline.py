"""Baseline: the intake service's tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0001"
down_revision = None

TABLES = (
    "client_directory",
    "client_timeline",
    "login_attempts",
    "memberships",
    "person_submissions",
    "personal_data_keys",
    "persons",
    "project_directory",
    "sessions",
    "users",
)
"""What this revision creates: a database from before migrations that has them all is
adopted at this revision instead of built anew."""


def persons_columns() -> list[sa.schema.SchemaItem]:
    """``persons`` as this revision makes it, readable: revision 0003 seals it, and its
    dry run copies the table from these."""
    return [
        uuid_column("client_id"),
        project_column(),
        sa.Column("identity_code_hash", sa.String(length=64), nullable=True),
        sa.Column("identity_code", sa.String(length=11), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("search_name", sa.String(length=401), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("consent_version", sa.String(length=64), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    ]


def upgrade() -> None:
    _create_accounts()
    _create_personal_data()
    _create_directory()


def _create_accounts() -> None:
    """Users, their memberships, sign-in sessions and failed attempts."""
    create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        indexes={
            "login_attempts_by_address": ["address", "at"],
            "login_attempts_by_username": ["username", "at"],
        },
    )
    create_table(
        "users",
        uuid_column("id"),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    create_table(
        "memberships",
        uuid_column("user_id"),
        project_column(),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "project_id", "role"),
    )
    create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        uuid_column("user_id"),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )


def _create_personal_data() -> None:
    """Persons, their keys and their submissions."""
    create_table(
        "person_submissions",
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        uuid_column("client_id"),
        sa.PrimaryKeyConstraint("submission_id"),
    )
    create_table(
        "personal_data_keys",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    create_table(
        "persons",
        *persons_columns(),
        unique={"persons_by_identity_code": ["project_id", "identity_code_hash"]},
        indexes={"persons_by_name": ["project_id", "last_name", "first_name", "client_id"]},
    )


def _create_directory() -> None:
    """The client list's, the timeline's and the projects' read models."""
    create_table(
        "client_directory",
        uuid_column("client_id"),
        project_column(),
        uuid_column("coach_id"),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.Column("exit_status", sa.String(length=40), nullable=True),
        sa.Column("participations", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
        indexes={
            "client_directory_by_municipality": ["project_id", "municipality"],
            "client_directory_by_project": ["project_id", "status", "coach_id"],
        },
    )
    create_table(
        "client_timeline",
        uuid_column("event_id"),
        uuid_column("client_id"),
        project_column(),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=100), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
        indexes={"client_timeline_by_client": ["project_id", "client_id", "occurred_at"]},
    )
    create_table(
        "project_directory",
        project_column(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plan", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("project_id"),
    )


def downgrade() -> None:
    op.drop_table("project_directory")
    op.drop_table("client_timeline")
    op.drop_table("client_directory")
    op.drop_table("persons")
    op.drop_table("personal_data_keys")
    op.drop_table("person_submissions")
    op.drop_table("sessions")
    op.drop_table("memberships")
    op.drop_table("users")
    op.drop_table("login_attempts")
