"""Baseline: the matching service's tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

TABLES = (
    "matching_clients",
    "matching_companies",
    "matching_company_needs",
    "matching_contact_log",
    "matching_contact_persons",
    "matching_leads",
    "matching_placements",
    "matching_profiles",
    "matching_referrals",
)
"""What this revision creates: a database from before migrations that has them all is
adopted at this revision instead of built anew."""


def upgrade() -> None:
    op.create_table(
        "matching_clients",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("coach_id", sa.String(length=36), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )
    with op.batch_alter_table("matching_clients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_clients_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "matching_companies",
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("business_id", sa.String(length=9), nullable=False),
        sa.Column("trade_name", sa.String(length=200), nullable=False),
        sa.Column("industry", sa.String(length=5), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("size_class", sa.String(length=8), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=True),
        sa.Column("relation_since", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("company_id"),
    )
    with op.batch_alter_table("matching_companies", schema=None) as batch_op:
        batch_op.create_index(
            "matching_companies_by_business_id", ["project_id", "business_id"], unique=True
        )

    op.create_table(
        "matching_company_needs",
        sa.Column("need_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("need", sa.String(length=32), nullable=False),
        sa.Column("occupation_code", sa.String(length=4), nullable=True),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("need_id"),
    )
    with op.batch_alter_table("matching_company_needs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_company_needs_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "matching_contact_log",
        sa.Column("contact_log_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("coach_id", sa.String(length=36), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("contact_log_id"),
    )
    with op.batch_alter_table("matching_contact_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_contact_log_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "matching_contact_persons",
        sa.Column("contact_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("contact_id"),
    )
    with op.batch_alter_table("matching_contact_persons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_contact_persons_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "matching_leads",
        sa.Column("lead_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occupation_code", sa.String(length=4), nullable=False),
        sa.Column("occupation_label", sa.String(length=200), nullable=False),
        sa.Column("esco_code", sa.String(length=200), nullable=True),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("working_time", sa.String(length=16), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("wage_subsidy_eligible", sa.Boolean(), nullable=False),
        sa.Column("required_skills", sa.JSON(), nullable=False),
        sa.Column("required_languages", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("status_changed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("lead_id"),
    )
    with op.batch_alter_table("matching_leads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_leads_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_leads_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "matching_placements",
        sa.Column("placement_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("lead_id", sa.String(length=36), nullable=True),
        sa.Column("referral_id", sa.String(length=36), nullable=True),
        sa.Column("placement_type", sa.String(length=32), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("placement_id"),
    )
    with op.batch_alter_table("matching_placements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_placements_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_placements_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_placements_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "matching_profiles",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("target_occupations", sa.JSON(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("working_time", sa.String(length=16), nullable=False),
        sa.Column("driving_licence", sa.Boolean(), nullable=False),
        sa.Column("matching_consent", sa.Boolean(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )
    with op.batch_alter_table("matching_profiles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_profiles_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "matching_referrals",
        sa.Column("referral_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("lead_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("referral_id"),
    )
    with op.batch_alter_table("matching_referrals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_referrals_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_referrals_lead_id"), ["lead_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_referrals_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("matching_referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_referrals_project_id"))
        batch_op.drop_index(batch_op.f("ix_matching_referrals_lead_id"))
        batch_op.drop_index(batch_op.f("ix_matching_referrals_client_id"))

    op.drop_table("matching_referrals")
    with op.batch_alter_table("matching_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_profiles_project_id"))

    op.drop_table("matching_profiles")
    with op.batch_alter_table("matching_placements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_placements_project_id"))
        batch_op.drop_index(batch_op.f("ix_matching_placements_company_id"))
        batch_op.drop_index(batch_op.f("ix_matching_placements_client_id"))

    op.drop_table("matching_placements")
    with op.batch_alter_table("matching_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_leads_project_id"))
        batch_op.drop_index(batch_op.f("ix_matching_leads_company_id"))

    op.drop_table("matching_leads")
    with op.batch_alter_table("matching_contact_persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_contact_persons_company_id"))

    op.drop_table("matching_contact_persons")
    with op.batch_alter_table("matching_contact_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_contact_log_company_id"))

    op.drop_table("matching_contact_log")
    with op.batch_alter_table("matching_company_needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_company_needs_company_id"))

    op.drop_table("matching_company_needs")
    with op.batch_alter_table("matching_companies", schema=None) as batch_op:
        batch_op.drop_index("matching_companies_by_business_id")

    op.drop_table("matching_companies")
    with op.batch_alter_table("matching_clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_clients_project_id"))

    op.drop_table("matching_clients")
