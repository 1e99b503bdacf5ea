"""A coach's working day: tasks, case notes, meetings, goals and leavers for Today and
the calendar (read models), the calendar feeds' secrets (a record), and an index of sessions by
status and day.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "coaching_tasks",
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("task_id"),
    )
    with op.batch_alter_table("coaching_tasks", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_tasks_by_owner", ["project_id", "owner_id", "done_on"], unique=False
        )
        batch_op.create_index("coaching_tasks_by_client", ["project_id", "client_id"], unique=False)

    op.create_table(
        "coaching_case_notes",
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("note_id"),
    )
    with op.batch_alter_table("coaching_case_notes", schema=None) as batch_op:
        batch_op.create_index(
            "coaching_notes_by_client", ["project_id", "client_id", "noted_on"], unique=False
        )

    op.create_table(
        "coaching_meetings",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id"),
    )
    with op.batch_alter_table("coaching_meetings", schema=None) as batch_op:
        batch_op.create_index("coaching_meetings_by_day", ["project_id", "held_on"], unique=False)

    op.create_table(
        "coaching_in_work_reviews",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("plan_id"),
    )

    op.create_table(
        "coaching_goals",
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("goal_id"),
    )
    with op.batch_alter_table("coaching_goals", schema=None) as batch_op:
        batch_op.create_index("coaching_goals_by_client", ["project_id", "client_id"], unique=False)

    op.create_table(
        "coaching_leavers",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=False),
        sa.Column("status_known", sa.Boolean(), nullable=False),
        sa.Column("upon_leaving_recorded", sa.Boolean(), nullable=False),
        sa.Column("followed_up_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("client_id"),
    )
    with op.batch_alter_table("coaching_leavers", schema=None) as batch_op:
        batch_op.create_index("coaching_leavers_by_day", ["exited_on"], unique=False)

    op.create_table(
        "coaching_calendar_feeds",
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("coach_id", sa.String(length=36), nullable=False),
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
    with op.batch_alter_table("coaching_goals", schema=None) as batch_op:
        batch_op.drop_index("coaching_goals_by_client")
    op.drop_table("coaching_goals")
    with op.batch_alter_table("coaching_leavers", schema=None) as batch_op:
        batch_op.drop_index("coaching_leavers_by_day")
    op.drop_table("coaching_leavers")
    op.drop_table("coaching_in_work_reviews")
    with op.batch_alter_table("coaching_meetings", schema=None) as batch_op:
        batch_op.drop_index("coaching_meetings_by_day")
    op.drop_table("coaching_meetings")
    with op.batch_alter_table("coaching_case_notes", schema=None) as batch_op:
        batch_op.drop_index("coaching_notes_by_client")
    op.drop_table("coaching_case_notes")
    with op.batch_alter_table("coaching_tasks", schema=None) as batch_op:
        batch_op.drop_index("coaching_tasks_by_client")
        batch_op.drop_index("coaching_tasks_by_owner")
    op.drop_table("coaching_tasks")
