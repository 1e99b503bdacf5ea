"""The final report's facts: services used, cost bookings, the approved budget and its
funding shares, the employer sector of companies (fact layout 4, rebuilt by a replay).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column
from shared.migrations.tables import columns_present

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "rp_services",
        project_column(),
        sa.Column("service_id", sa.String(length=160), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("service", sa.String(length=80), nullable=True),
        sa.Column("kind", sa.String(length=80), nullable=True),
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("label", sa.String(length=80), nullable=True),
        sa.Column("started_on", sa.String(length=10), nullable=True),
        sa.Column("ended_on", sa.String(length=10), nullable=True),
        sa.Column("positions", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "service_id", name="pk_rp_services"),
    )
    op.create_table(
        "rp_costs",
        project_column(),
        sa.Column("booking_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=80), nullable=True),
        sa.Column("period_start", sa.String(length=10), nullable=True),
        sa.Column("period_end", sa.String(length=10), nullable=True),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column("positions", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "booking_id", name="pk_rp_costs"),
    )
    companies, plans = columns_present("rp_companies"), columns_present("rp_plans")
    if "sector" not in companies:
        with op.batch_alter_table("rp_companies", schema=None) as batch_op:
            batch_op.add_column(sa.Column("sector", sa.String(length=80), nullable=True))
    with op.batch_alter_table("rp_plans", schema=None) as batch_op:
        if "budget_cents" not in plans:
            batch_op.add_column(sa.Column("budget_cents", sa.BigInteger(), nullable=True))
        if "funding" not in plans:
            batch_op.add_column(
                sa.Column("funding", sa.Text(), nullable=False, server_default="[]")
            )


def downgrade() -> None:
    with op.batch_alter_table("rp_plans", schema=None) as batch_op:
        batch_op.drop_column("funding")
        batch_op.drop_column("budget_cents")
    with op.batch_alter_table("rp_companies", schema=None) as batch_op:
        batch_op.drop_column("sector")
    op.drop_table("rp_costs")
    op.drop_table("rp_services")
