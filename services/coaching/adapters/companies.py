"""Coaching's projection of matching's companies: the employers an in-work coaching plan
can name (adapter layer). Fed by a subscription to matching, written with upserts.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from services.coaching.adapters.tables import companies, put, row_as
from services.coaching.domain.upstream import CompanyRegistered, matching_readers
from services.coaching.service_layer.read_models import Company
from shared.eventlog.sql import Database
from shared.eventlog.subscription import Dispatcher
from shared.events.envelope import RecordedEvent


def _registered(event: CompanyRegistered, _recorded: RecordedEvent, conn: Connection) -> None:
    put(conn, companies, event)


def company_projection() -> Dispatcher:
    """The handler of the ``coaching.matching_companies`` subscription."""
    return Dispatcher(matching_readers()).on(CompanyRegistered, _registered)


class SqlCompanies:
    def __init__(self, db: Database) -> None:
        self.db = db

    def in_project(self, project_id: str) -> list[Company]:
        query = (
            select(companies)
            .where(companies.c.project_id == project_id)
            .order_by(companies.c.trade_name, companies.c.business_id)
        )
        with self.db.read() as conn:
            return [row_as(Company, row) for row in conn.execute(query)]

    def known(self, project_id: str, company_id: str) -> bool:
        query = select(companies.c.company_id).where(
            companies.c.project_id == project_id, companies.c.company_id == company_id
        )
        with self.db.read() as conn:
            return conn.execute(query).first() is not None
