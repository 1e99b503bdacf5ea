"""A coach's working day: tasks, case notes, meetings, goals and leavers for Today and
the calendar (read models), the calendar feeds' secrets (a record), and an index of sessions by
status and day.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    create_table(
        "coaching_tasks",
        uuid_column("task_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("owner_id"),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("task_id"),
        indexes={
            "coaching_tasks_by_owner": ["project_id", "owner_id", "done_on"],
            "coaching_tasks_by_client": ["project_id", "client_id"],
        },
    )
    create_table(
        "coaching_case_notes",
        uuid_column("note_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("author_id"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("note_id"),
        indexes={"coaching_notes_by_client": ["project_id", "client_id", "noted_on"]},
    )
    create_table(
        "coaching_meetings",
        uuid_column("meeting_id"),
        project_column(),
        uuid_column("programme_id"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id"),
        indexes={"coaching_meetings_by_day": ["project_id", "held_on"]},
    )
    create_table(
        "coaching_in_work_reviews",
        uuid_column("plan_id"),
        project_column(),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    create_table(
        "coaching_goals",
        uuid_column("goal_id"),
        project_column(),
        uuid_column("client_id"),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("goal_id"),
        indexes={"coaching_goals_by_client": ["project_id", "client_id"]},
    )
    create_table(
        "coaching_leavers",
        uuid_column("client_id"),
        sa.Column("exited_on", sa.Date(), nullable=False),
        sa.Column("status_known", sa.Boolean(), nullable=False),
        sa.Column("upon_leaving_recorded", sa.Boolean(), nullable=False),
        sa.Column("followed_up_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("client_id"),
        indexes={"coaching_leavers_by_day": ["exited_on"]},
    )
    create_table(
        "coaching_calendar_feeds",
        project_column(),
        uuid_column("coach_id"),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "coach_id"),
        sa.UniqueConstraint("token_hash"),
    )

    # A database that 0.1 built from the code's tables may have it already.
    op.create_index(
        "coaching_sessions_by_status", "coaching_sessions", ["project_id", "status", "held_on"],
        unique=False, if_not_exists=True,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("coaching_sessions_by_status", table_name="coaching_sessions")
    op.drop_table("coaching_calendar_feeds")
    op.drop_table("coaching_goals")
    op.drop_table("coaching_leavers")
    op.drop_table("coaching_in_work_reviews")
    op.drop_table("coaching_meetings")
    op.drop_table("coaching_case_notes")
    op.drop_table("coaching_tasks")
