"""Each project's retention rule in intake's database (adapter layer).

A project without a row keeps the default rule (``DEFAULT_RETENTION_YEARS`` after the
year of its end); a row sets other years, or the day its funding decision names.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, delete, insert, select

from services.intake.adapters.own_tables import OwnTables
from services.intake.domain.privacy import RetentionRule

retention_metadata = MetaData()

project_retention = Table(
    "project_retention",
    retention_metadata,
    Column("project_id", String(64), primary_key=True),
    Column("years", Integer, nullable=False),
    Column("until", Date, nullable=True),
)


class SqlRetention(OwnTables):
    metadata = retention_metadata

    def rule_of(self, project_id: str) -> RetentionRule:
        query = select(project_retention).where(project_retention.c.project_id == project_id)
        with self.db.read() as conn:
            row = conn.execute(query).mappings().first()
        return RetentionRule(years=row["years"], until=row["until"]) if row else RetentionRule()

    def set_rule(self, project_id: str, rule: RetentionRule) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(project_retention).where(project_retention.c.project_id == project_id)
            )
            conn.execute(
                insert(project_retention).values(
                    project_id=project_id, years=rule.years, until=rule.until
                )
            )
