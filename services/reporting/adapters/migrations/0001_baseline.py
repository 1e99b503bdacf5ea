"""Baseline: the reporting service's tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column

revision = "0001"
down_revision = None

TABLES = (
    "rp_coaching",
    "rp_companies",
    "rp_layout",
    "rp_participants",
    "rp_placements",
    "rp_plans",
    "rp_targets",
)
"""What this revision creates: a database from before migrations that has them all is
adopted at this revision instead of built anew."""


def upgrade() -> None:
    op.create_table(
        "rp_coaching",
        project_column(),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("sessions", sa.Text(), nullable=False),
        sa.Column("marks", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "client_id", name="pk_rp_coaching"),
    )
    op.create_table(
        "rp_companies",
        project_column(),
        sa.Column("company_id", sa.String(length=64), nullable=False),
        sa.Column("size_class", sa.String(length=80), nullable=True),
        sa.Column("industry", sa.String(length=80), nullable=True),
        sa.Column("cooperating_since", sa.String(length=10), nullable=True),
        sa.Column("supported_since", sa.String(length=10), nullable=True),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.Column("leads", sa.Integer(), nullable=False),
        sa.Column("positions", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "company_id", name="pk_rp_companies"),
    )
    op.create_table(
        "rp_layout",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "rp_participants",
        project_column(),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("entered_on", sa.String(length=10), nullable=True),
        sa.Column("age_at_entry", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(length=80), nullable=True),
        sa.Column("education", sa.String(length=80), nullable=True),
        sa.Column("labour_status", sa.String(length=80), nullable=True),
        sa.Column("unemployed_since", sa.String(length=10), nullable=True),
        sa.Column("sensitive", sa.Text(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column("exited_on", sa.String(length=10), nullable=True),
        sa.Column("exit_status", sa.String(length=80), nullable=True),
        sa.Column("employment_type", sa.String(length=80), nullable=True),
        sa.Column("positions", sa.Text(), nullable=False),
        sa.Column("leavings", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "client_id", name="pk_rp_participants"),
    )
    op.create_table(
        "rp_placements",
        project_column(),
        sa.Column("placement_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("company_id", sa.String(length=64), nullable=True),
        sa.Column("placement_type", sa.String(length=80), nullable=True),
        sa.Column("starts_on", sa.String(length=10), nullable=True),
        sa.Column("ends_on", sa.String(length=10), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "placement_id", name="pk_rp_placements"),
    )
    op.create_table(
        "rp_plans",
        project_column(),
        sa.Column("planned_participants", sa.Integer(), nullable=True),
        sa.Column("planned_companies", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", name="pk_rp_plans"),
    )
    op.create_table(
        "rp_targets",
        project_column(),
        sa.Column("figure", sa.String(length=80), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "figure", name="pk_rp_targets"),
    )


def downgrade() -> None:
    op.drop_table("rp_targets")
    op.drop_table("rp_plans")
    op.drop_table("rp_placements")
    op.drop_table("rp_participants")
    op.drop_table("rp_layout")
    op.drop_table("rp_companies")
    op.drop_table("rp_coaching")
