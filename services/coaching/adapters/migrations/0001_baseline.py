"""Baseline: the coaching service's tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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
    op.create_table(
        "coaching_attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "client_id"),
    )
    with op.batch_alter_table("coaching_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_attendance_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "coaching_clients",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("coach_id", sa.String(length=36), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("client_id"),
    )
    with op.batch_alter_table("coaching_clients", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_clients_by_project", ["project_id", "coach_id"], unique=False
        )

    op.create_table(
        "coaching_companies",
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("business_id", sa.String(length=16), nullable=False),
        sa.Column("trade_name", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("company_id"),
    )
    with op.batch_alter_table("coaching_companies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_companies_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "coaching_course_days",
        sa.Column("course_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("course_id", "client_id", "day"),
    )
    op.create_table(
        "coaching_course_participants",
        sa.Column("course_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("course_id", "client_id"),
    )
    with op.batch_alter_table("coaching_course_participants", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_courses_by_client", ["project_id", "client_id"], unique=False
        )

    op.create_table(
        "coaching_courses",
        sa.Column("course_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("course_id"),
    )
    with op.batch_alter_table("coaching_courses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_courses_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "coaching_in_work_plans",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("follow_on", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    with op.batch_alter_table("coaching_in_work_plans", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_in_work_by_client", ["project_id", "client_id"], unique=False
        )

    op.create_table(
        "coaching_private_texts",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=36), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key"),
    )
    op.create_table(
        "coaching_programme_members",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("programme_id", "client_id"),
    )
    with op.batch_alter_table("coaching_programme_members", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_members_by_client", ["project_id", "client_id"], unique=False
        )

    op.create_table(
        "coaching_programmes",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("coach_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("programme_id"),
    )
    with op.batch_alter_table("coaching_programmes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_programmes_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "coaching_sessions",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("coach_id", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.String(length=8), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("topics", sa.String(length=400), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cancel_reason", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("session_id"),
    )
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_sessions_by_client", ["project_id", "client_id"], unique=False
        )
        batch_op.create_index(
            "coaching_sessions_by_coach", ["project_id", "coach_id", "held_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.drop_index("coaching_sessions_by_coach")
        batch_op.drop_index("coaching_sessions_by_client")

    op.drop_table("coaching_sessions")
    with op.batch_alter_table("coaching_programmes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_programmes_project_id"))

    op.drop_table("coaching_programmes")
    with op.batch_alter_table("coaching_programme_members", schema=None) as batch_op:
        batch_op.drop_index("coaching_members_by_client")

    op.drop_table("coaching_programme_members")
    op.drop_table("coaching_private_texts")
    with op.batch_alter_table("coaching_in_work_plans", schema=None) as batch_op:
        batch_op.drop_index("coaching_in_work_by_client")

    op.drop_table("coaching_in_work_plans")
    with op.batch_alter_table("coaching_courses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_courses_project_id"))

    op.drop_table("coaching_courses")
    with op.batch_alter_table("coaching_course_participants", schema=None) as batch_op:
        batch_op.drop_index("coaching_courses_by_client")

    op.drop_table("coaching_course_participants")
    op.drop_table("coaching_course_days")
    with op.batch_alter_table("coaching_companies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_companies_project_id"))

    op.drop_table("coaching_companies")
    with op.batch_alter_table("coaching_clients", schema=None) as batch_op:
        batch_op.drop_index("coaching_clients_by_project")

    op.drop_table("coaching_clients")
    with op.batch_alter_table("coaching_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_attendance_programme_id"))

    op.drop_table("coaching_attendance")
