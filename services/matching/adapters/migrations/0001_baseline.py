"""Baseline: the matching service's tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

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
    _create_clients_and_companies()
    _create_leads_and_referrals()


def _create_clients_and_companies() -> None:
    """Clients as matching knows them, companies, their needs, contacts and contact persons."""
    create_table(
        "matching_clients",
        uuid_column("client_id"),
        project_column(),
        uuid_column("coach_id"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
        indexes={"ix_matching_clients_project_id": ["project_id"]},
    )
    create_table(
        "matching_companies",
        uuid_column("company_id"),
        project_column(),
        sa.Column("business_id", sa.String(length=9), nullable=False),
        sa.Column("trade_name", sa.String(length=200), nullable=False),
        sa.Column("industry", sa.String(length=5), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("size_class", sa.String(length=8), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=True),
        sa.Column("relation_since", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("company_id"),
        unique={"matching_companies_by_business_id": ["project_id", "business_id"]},
    )
    create_table(
        "matching_company_needs",
        uuid_column("need_id"),
        uuid_column("company_id"),
        project_column(),
        sa.Column("need", sa.String(length=32), nullable=False),
        sa.Column("occupation_code", sa.String(length=4), nullable=True),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("need_id"),
        indexes={"ix_matching_company_needs_company_id": ["company_id"]},
    )
    create_table(
        "matching_contact_log",
        uuid_column("contact_log_id"),
        uuid_column("company_id"),
        project_column(),
        uuid_column("contact_id", nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        uuid_column("coach_id"),
        sa.Column("contacted_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("contact_log_id"),
        indexes={"ix_matching_contact_log_company_id": ["company_id"]},
    )
    create_table(
        "matching_contact_persons",
        uuid_column("contact_id"),
        uuid_column("company_id"),
        project_column(),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("contact_id"),
        indexes={"ix_matching_contact_persons_company_id": ["company_id"]},
    )


def _create_leads_and_referrals() -> None:
    """Job leads, the clients' job profiles, referrals and placements."""
    create_table(
        "matching_leads",
        uuid_column("lead_id"),
        project_column(),
        uuid_column("company_id"),
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
        indexes={
            "ix_matching_leads_company_id": ["company_id"],
            "ix_matching_leads_project_id": ["project_id"],
        },
    )
    create_table(
        "matching_placements",
        uuid_column("placement_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("company_id"),
        uuid_column("lead_id", nullable=True),
        uuid_column("referral_id", nullable=True),
        sa.Column("placement_type", sa.String(length=32), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("placement_id"),
        indexes={
            "ix_matching_placements_client_id": ["client_id"],
            "ix_matching_placements_company_id": ["company_id"],
            "ix_matching_placements_project_id": ["project_id"],
        },
    )
    create_table(
        "matching_profiles",
        uuid_column("client_id"),
        project_column(),
        sa.Column("target_occupations", sa.JSON(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("working_time", sa.String(length=16), nullable=False),
        sa.Column("driving_licence", sa.Boolean(), nullable=False),
        sa.Column("matching_consent", sa.Boolean(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
        indexes={"ix_matching_profiles_project_id": ["project_id"]},
    )
    create_table(
        "matching_referrals",
        uuid_column("referral_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("lead_id"),
        uuid_column("company_id"),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("referral_id"),
        indexes={
            "ix_matching_referrals_client_id": ["client_id"],
            "ix_matching_referrals_lead_id": ["lead_id"],
            "ix_matching_referrals_project_id": ["project_id"],
        },
    )


def downgrade() -> None:
    op.drop_table("matching_referrals")
    op.drop_table("matching_profiles")
    op.drop_table("matching_placements")
    op.drop_table("matching_leads")
    op.drop_table("matching_contact_persons")
    op.drop_table("matching_contact_log")
    op.drop_table("matching_company_needs")
    op.drop_table("matching_companies")
    op.drop_table("matching_clients")
