"""Baseline: the coaching service's tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0001"
down_revision = None

TABLES = (
    "coaching_attendance",
    "coaching_clients",
    "coaching_companies",
    "coaching_course_days",
    "coaching_course_participants",
    "coaching_courses",
    "coaching_in_work_plans",
    "coaching_private_texts",
    "coaching_programme_members",
    "coaching_programmes",
    "coaching_sessions",
)
"""What this revision creates: a database from before migrations that has them all is
adopted at this revision instead of built anew."""


def upgrade() -> None:
    _create_attendance_to_courses()
    _create_in_work_plans_to_sessions()


def _create_attendance_to_courses() -> None:
    """The first half of the tables in name order: group attendance, clients, companies
    and online courses."""
    create_table(
        "coaching_attendance",
        uuid_column("meeting_id"),
        uuid_column("client_id"),
        uuid_column("programme_id"),
        project_column(),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "client_id"),
        indexes={"ix_coaching_attendance_programme_id": ["programme_id"]},
    )
    create_table(
        "coaching_clients",
        uuid_column("client_id"),
        project_column(),
        uuid_column("coach_id"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("client_id"),
        indexes={"coaching_clients_by_project": ["project_id", "coach_id"]},
    )
    create_table(
        "coaching_companies",
        uuid_column("company_id"),
        project_column(),
        sa.Column("business_id", sa.String(length=16), nullable=False),
        sa.Column("trade_name", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("company_id"),
        indexes={"ix_coaching_companies_project_id": ["project_id"]},
    )
    create_table(
        "coaching_course_days",
        uuid_column("course_id"),
        uuid_column("client_id"),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("course_id", "client_id", "day"),
    )
    create_table(
        "coaching_course_participants",
        uuid_column("course_id"),
        uuid_column("client_id"),
        project_column(),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("course_id", "client_id"),
        indexes={"coaching_courses_by_client": ["project_id", "client_id"]},
    )
    create_table(
        "coaching_courses",
        uuid_column("course_id"),
        project_column(),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("course_id"),
        indexes={"ix_coaching_courses_project_id": ["project_id"]},
    )


def _create_in_work_plans_to_sessions() -> None:
    """The second half in name order: in-work plans, private texts, group programmes and
    sessions."""
    create_table(
        "coaching_in_work_plans",
        uuid_column("plan_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("company_id"),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("follow_on", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("plan_id"),
        indexes={"coaching_in_work_by_client": ["project_id", "client_id"]},
    )
    create_table(
        "coaching_private_texts",
        sa.Column("kind", sa.String(length=32), nullable=False),
        uuid_column("key"),
        project_column(),
        sa.Column("text", sa.Text(), nullable=False),
        uuid_column("author"),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key"),
    )
    create_table(
        "coaching_programme_members",
        uuid_column("programme_id"),
        uuid_column("client_id"),
        project_column(),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("programme_id", "client_id"),
        indexes={"coaching_members_by_client": ["project_id", "client_id"]},
    )
    create_table(
        "coaching_programmes",
        uuid_column("programme_id"),
        project_column(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        uuid_column("coach_id"),
        sa.PrimaryKeyConstraint("programme_id"),
        indexes={"ix_coaching_programmes_project_id": ["project_id"]},
    )
    create_table(
        "coaching_sessions",
        uuid_column("session_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("coach_id"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.String(length=8), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("topics", sa.String(length=400), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cancel_reason", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("session_id"),
        indexes={
            "coaching_sessions_by_client": ["project_id", "client_id"],
            "coaching_sessions_by_coach": ["project_id", "coach_id", "held_on"],
        },
    )


def downgrade() -> None:
    op.drop_table("coaching_sessions")
    op.drop_table("coaching_programmes")
    op.drop_table("coaching_programme_members")
    op.drop_table("coaching_private_texts")
    op.drop_table("coaching_in_work_plans")
    op.drop_table("coaching_courses")
    op.drop_table("coaching_course_participants")
    op.drop_table("coaching_course_days")
    op.drop_table("coaching_companies")
    op.drop_table("coaching_clients")
    op.drop_table("coaching_attendance")
