"""Matching's own tables, in its own database (adapter layer, SQLAlchemy Core).

Two kinds: the read model, which the subscriptions rebuild from events (intake's clients,
matching's companies, leads, profiles, referrals, placements), and the contact persons and
contact notes, which are personal data or free text written directly and never put in an
event.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, MetaData, String, Table, Text

from shared.partner_consent import withdrawn_table

metadata = MetaData()

ID = 36
"""UUID strings."""

clients = Table(
    "matching_clients",
    metadata,
    Column("client_id", String(ID), primary_key=True),
    Column("project_id", String(64), nullable=False, index=True),
    Column("coach_id", String(ID), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("consent_given", Boolean, nullable=False),
    Column("exited_on", Date, nullable=True),
    Column("employer_presentation", Boolean, nullable=True),
    Column("presentation_seen", Integer, nullable=True),
)
"""``employer_presentation``: intake's consent to being presented to employers, NULL when
never asked; ``presentation_seen``: the version of the client's consent stream that
decided it, so that an older, redelivered decision is not applied over a newer one."""

sharing_withdrawn = withdrawn_table(metadata, "matching")
"""Intake's decisions on sharing with partner projects, per client asked: matching's
partner feeds hold back events about clients who withdrew (``shared.partner_consent``)."""

profiles = Table(
    "matching_profiles",
    metadata,
    Column("client_id", String(ID), primary_key=True),
    Column("project_id", String(64), nullable=False, index=True),
    Column("target_occupations", JSON, nullable=False),
    Column("skills", JSON, nullable=False),
    Column("languages", JSON, nullable=False),
    Column("municipalities", JSON, nullable=False),
    Column("working_time", String(16), nullable=False),
    Column("driving_licence", Boolean, nullable=False),
    Column("matching_consent", Boolean, nullable=False),
    Column("updated_on", Date, nullable=False),
)

companies = Table(
    "matching_companies",
    metadata,
    Column("company_id", String(ID), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("business_id", String(9), nullable=False),
    Column("trade_name", String(200), nullable=False),
    Column("industry", String(5), nullable=False),
    Column("municipality", String(100), nullable=False),
    Column("size_class", String(8), nullable=False),
    Column("registered_on", Date, nullable=False),
    Column("relation", String(16), nullable=True),
    Column("relation_since", Date, nullable=True),
    Column("sector", String(16), nullable=True),
    Index("matching_companies_by_business_id", "project_id", "business_id", unique=True),
)

contact_persons = Table(
    "matching_contact_persons",
    metadata,
    Column("contact_id", String(ID), primary_key=True),
    Column("company_id", String(ID), nullable=False, index=True),
    Column("project_id", String(64), nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("job_title", String(200), nullable=False),
    Column("phone", String(50), nullable=False),
    Column("email", String(254), nullable=False),
)

contact_log = Table(
    "matching_contact_log",
    metadata,
    Column("contact_log_id", String(ID), primary_key=True),
    Column("company_id", String(ID), nullable=False, index=True),
    Column("project_id", String(64), nullable=False),
    Column("contact_id", String(ID), nullable=True),
    Column("kind", String(8), nullable=False),
    Column("coach_id", String(ID), nullable=False),
    Column("contacted_on", Date, nullable=False),
)

contact_notes = Table(
    "matching_contact_notes",
    metadata,
    Column("contact_log_id", String(ID), primary_key=True),
    Column("company_id", String(ID), nullable=False, index=True),
    Column("project_id", String(64), nullable=False),
    Column("note", Text, nullable=False),
    Column("made_by_id", String(ID), nullable=False),
    Column("made_by_name", String(200), nullable=False),
)
"""What was discussed at a contact and who made it (free text and a person's name): kept
here, referenced by the contact-log id, never put in an event."""

needs = Table(
    "matching_company_needs",
    metadata,
    Column("need_id", String(ID), primary_key=True),
    Column("company_id", String(ID), nullable=False, index=True),
    Column("project_id", String(64), nullable=False),
    Column("need", String(32), nullable=False),
    Column("occupation_code", String(4), nullable=True),
    Column("headcount", Integer, nullable=True),
    Column("recorded_on", Date, nullable=False),
)

leads = Table(
    "matching_leads",
    metadata,
    Column("lead_id", String(ID), primary_key=True),
    Column("project_id", String(64), nullable=False, index=True),
    Column("company_id", String(ID), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("occupation_code", String(4), nullable=False),
    Column("occupation_label", String(200), nullable=False),
    Column("esco_code", String(200), nullable=True),
    Column("municipality", String(100), nullable=False),
    Column("working_time", String(16), nullable=False),
    Column("found_on", Date, nullable=False),
    Column("starts_on", Date, nullable=True),
    Column("wage_subsidy_eligible", Boolean, nullable=False),
    Column("required_skills", JSON, nullable=False),
    Column("required_languages", JSON, nullable=False),
    Column("status", String(8), nullable=False),
    Column("status_changed_on", Date, nullable=True),
)

referrals = Table(
    "matching_referrals",
    metadata,
    Column("referral_id", String(ID), primary_key=True),
    Column("project_id", String(64), nullable=False, index=True),
    Column("client_id", String(ID), nullable=False, index=True),
    Column("lead_id", String(ID), nullable=False, index=True),
    Column("company_id", String(ID), nullable=False),
    Column("referred_on", Date, nullable=False),
    Column("answer", String(16), nullable=True),
    Column("reason", String(32), nullable=True),
    Column("answered_on", Date, nullable=True),
)

placements = Table(
    "matching_placements",
    metadata,
    Column("placement_id", String(ID), primary_key=True),
    Column("project_id", String(64), nullable=False, index=True),
    Column("client_id", String(ID), nullable=False, index=True),
    Column("company_id", String(ID), nullable=False, index=True),
    Column("lead_id", String(ID), nullable=True),
    Column("referral_id", String(ID), nullable=True),
    Column("placement_type", String(32), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=True),
)
