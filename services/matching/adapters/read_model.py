"""The ``ReadModel`` and ``ContactPersons`` ports on matching's own tables (adapter layer).

Reads use ``Database.read()``, which on SQLite never takes the write lock; every query
names the project, so another project's rows are never returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, and_, delete, insert, select

from services.matching.adapters import tables
from services.matching.domain.profile import JobProfile
from services.matching.domain.vocabulary import (
    AnswerReason,
    CompanyNeed,
    CompanyRelation,
    ContactKind,
    LeadKind,
    LeadStatus,
    PlacementType,
    ReferralAnswer,
    SizeClass,
    WorkingTime,
    WorkingTimePreference,
)
from services.matching.service_layer.views import (
    ClientStanding,
    CompanyView,
    ContactLogEntry,
    ContactPerson,
    LeadView,
    NeedView,
    PlacementView,
    ProfileView,
    ReferralView,
)
from shared.eventlog.sql import Database
from shared.eventlog.sql.schema import checkpoints, consumer_metadata

AVAILABLE = [LeadStatus.FOUND.value, LeadStatus.OPEN.value]


def create_tables(db: Database) -> None:
    db.create(tables.metadata)
    db.create(consumer_metadata)


class SqlReadModel:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self) -> SqlReadModel:
        create_tables(self.db)
        return self

    def _rows(self, query: Select[Any]) -> list[Mapping[str, Any]]:
        with self.db.read() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def _row(self, query: Select[Any]) -> Mapping[str, Any] | None:
        rows = self._rows(query)
        return rows[0] if rows else None

    def version(self) -> tuple[int, ...]:
        """The checkpoints of matching's subscriptions: they move with every applied batch."""
        c = checkpoints.c
        query = (
            select(c.position, c.next_offset)
            .where(c.subscription.like("matching.%"))
            .order_by(c.subscription, c.source, c.partition)
        )
        with self.db.read() as conn:
            return tuple(value for row in conn.execute(query) for value in row)

    # Clients and profiles ------------------------------------------------------------

    def client(self, project_id: str, client_id: str) -> ClientStanding | None:
        c = tables.clients.c
        row = self._row(
            select(tables.clients).where(c.project_id == project_id, c.client_id == client_id)
        )
        return _standing(row) if row else None

    def clients(self, project_id: str) -> list[ClientStanding]:
        c = tables.clients.c
        query = select(tables.clients).where(c.project_id == project_id).order_by(c.client_id)
        return [_standing(row) for row in self._rows(query)]

    def profile(self, project_id: str, client_id: str) -> ProfileView | None:
        p = tables.profiles.c
        row = self._row(
            select(tables.profiles).where(p.project_id == project_id, p.client_id == client_id)
        )
        if row is None:
            return None
        return ProfileView(
            project_id=row["project_id"],
            profile=_profile(row),
            matching_consent=row["matching_consent"],
            updated_on=row["updated_on"],
            municipalities_as_typed=tuple(row["municipalities"]),
        )

    def candidates(self, project_id: str) -> list[JobProfile]:
        """Read as plain tuples: for ten thousand clients, every copy counts."""
        p, c = tables.profiles.c, tables.clients.c
        query = (
            select(p.client_id, p.target_occupations, p.skills, p.languages, p.municipalities,
                   p.working_time, p.driving_licence)
            .join_from(tables.profiles, tables.clients, c.client_id == p.client_id)
            .where(
                p.project_id == project_id,
                c.project_id == project_id,
                c.active.is_(True),
                c.consent_given.is_(True),
                p.matching_consent.is_(True),
            )
        )  # fmt: skip
        preferences = {w.value: w for w in WorkingTimePreference}
        with self.db.read() as conn:
            return [
                JobProfile(
                    client_id=client_id,
                    target_occupations=frozenset(occupations),
                    skills=frozenset(skills),
                    languages=frozenset(languages),
                    municipalities=frozenset(places),
                    working_time=preferences[working_time],
                    driving_licence=licence,
                )
                for client_id, occupations, skills, languages, places, working_time, licence
                in conn.execute(query)
            ]  # fmt: skip

    # Companies -----------------------------------------------------------------------

    def company(self, project_id: str, company_id: str) -> CompanyView | None:
        c = tables.companies.c
        row = self._row(
            select(tables.companies).where(c.project_id == project_id, c.company_id == company_id)
        )
        return _company(row) if row else None

    def company_with_business_id(self, project_id: str, business_id: str) -> str | None:
        c = tables.companies.c
        row = self._row(
            select(c.company_id).where(c.project_id == project_id, c.business_id == business_id)
        )
        return str(row["company_id"]) if row else None

    def companies(self, project_id: str) -> list[CompanyView]:
        c = tables.companies.c
        query = select(tables.companies).where(c.project_id == project_id)
        return [_company(row) for row in self._rows(query.order_by(c.trade_name, c.company_id))]

    def contact_log(self, project_id: str, company_id: str) -> list[ContactLogEntry]:
        c = tables.contact_log.c
        query = (
            select(tables.contact_log)
            .where(c.project_id == project_id, c.company_id == company_id)
            .order_by(c.contacted_on.desc(), c.contact_log_id)
        )
        return [
            ContactLogEntry(
                contact_log_id=row["contact_log_id"],
                company_id=row["company_id"],
                contact_id=row["contact_id"],
                kind=ContactKind(row["kind"]),
                coach_id=row["coach_id"],
                contacted_on=row["contacted_on"],
            )
            for row in self._rows(query)
        ]

    def needs(self, project_id: str, company_id: str) -> list[NeedView]:
        n = tables.needs.c
        query = (
            select(tables.needs)
            .where(n.project_id == project_id, n.company_id == company_id)
            .order_by(n.recorded_on.desc(), n.need_id)
        )
        return [
            NeedView(
                need_id=row["need_id"],
                company_id=row["company_id"],
                need=CompanyNeed(row["need"]),
                occupation_code=row["occupation_code"],
                headcount=row["headcount"],
                recorded_on=row["recorded_on"],
            )
            for row in self._rows(query)
        ]

    # Leads ---------------------------------------------------------------------------

    def lead(self, project_id: str, lead_id: str) -> LeadView | None:
        ld = tables.leads.c
        row = self._row(
            select(tables.leads).where(ld.project_id == project_id, ld.lead_id == lead_id)
        )
        return _lead(row) if row else None

    def leads(
        self, project_id: str, *, available_only: bool = False, company_id: str | None = None
    ) -> list[LeadView]:
        ld = tables.leads.c
        conditions = [ld.project_id == project_id]
        if available_only:
            conditions.append(ld.status.in_(AVAILABLE))
        if company_id is not None:
            conditions.append(ld.company_id == company_id)
        query = select(tables.leads).where(and_(*conditions))
        return [_lead(row) for row in self._rows(query.order_by(ld.found_on.desc(), ld.lead_id))]

    # Referrals and placements --------------------------------------------------------

    def referral(self, project_id: str, referral_id: str) -> ReferralView | None:
        r = tables.referrals.c
        row = self._row(
            select(tables.referrals).where(r.project_id == project_id, r.referral_id == referral_id)
        )
        return _referral(row) if row else None

    def referrals(
        self, project_id: str, *, lead_id: str | None = None, client_id: str | None = None
    ) -> list[ReferralView]:
        r = tables.referrals.c
        conditions = [r.project_id == project_id]
        if lead_id is not None:
            conditions.append(r.lead_id == lead_id)
        if client_id is not None:
            conditions.append(r.client_id == client_id)
        query = select(tables.referrals).where(and_(*conditions))
        query = query.order_by(r.referred_on.desc(), r.referral_id)
        return [_referral(row) for row in self._rows(query)]

    def placements(
        self, project_id: str, *, client_id: str | None = None, company_id: str | None = None
    ) -> list[PlacementView]:
        p = tables.placements.c
        conditions = [p.project_id == project_id]
        if client_id is not None:
            conditions.append(p.client_id == client_id)
        if company_id is not None:
            conditions.append(p.company_id == company_id)
        query = select(tables.placements).where(and_(*conditions))
        query = query.order_by(p.starts_on.desc(), p.placement_id)
        return [
            PlacementView(
                placement_id=row["placement_id"],
                project_id=row["project_id"],
                client_id=row["client_id"],
                company_id=row["company_id"],
                lead_id=row["lead_id"],
                referral_id=row["referral_id"],
                placement_type=PlacementType(row["placement_type"]),
                starts_on=row["starts_on"],
                ends_on=row["ends_on"],
            )
            for row in self._rows(query)
        ]


class SqlContactPersons:
    """Contact persons of companies: personal data, in matching's database only."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self) -> SqlContactPersons:
        create_tables(self.db)
        return self

    def save(self, person: ContactPerson) -> None:
        t = tables.contact_persons
        with self.db.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.contact_id == person.contact_id))
            conn.execute(
                insert(t).values(
                    contact_id=person.contact_id,
                    company_id=person.company_id,
                    project_id=person.project_id,
                    full_name=person.full_name,
                    job_title=person.job_title,
                    phone=person.phone,
                    email=person.email,
                )
            )

    def of_company(self, project_id: str, company_id: str) -> list[ContactPerson]:
        c = tables.contact_persons.c
        query = (
            select(tables.contact_persons)
            .where(c.project_id == project_id, c.company_id == company_id)
            .order_by(c.full_name, c.contact_id)
        )
        with self.db.read() as conn:
            return [ContactPerson(**dict(row)) for row in conn.execute(query).mappings()]


def _standing(row: Mapping[str, Any]) -> ClientStanding:
    return ClientStanding(
        client_id=row["client_id"],
        project_id=row["project_id"],
        coach_id=row["coach_id"],
        active=row["active"],
        consent_given=row["consent_given"],
    )


def _profile(row: Mapping[str, Any]) -> JobProfile:
    return JobProfile(
        client_id=row["client_id"],
        target_occupations=frozenset(row["target_occupations"]),
        skills=frozenset(row["skills"]),
        languages=frozenset(row["languages"]),
        municipalities=frozenset(row["municipalities"]),
        working_time=WorkingTimePreference(row["working_time"]),
        driving_licence=row["driving_licence"],
    )


def _company(row: Mapping[str, Any]) -> CompanyView:
    return CompanyView(
        company_id=row["company_id"],
        project_id=row["project_id"],
        business_id=row["business_id"],
        trade_name=row["trade_name"],
        industry=row["industry"],
        municipality=row["municipality"],
        size_class=SizeClass(row["size_class"]),
        registered_on=row["registered_on"],
        relation=CompanyRelation(row["relation"]) if row["relation"] else None,
        relation_since=row["relation_since"],
    )


def _lead(row: Mapping[str, Any]) -> LeadView:
    return LeadView(
        lead_id=row["lead_id"],
        project_id=row["project_id"],
        company_id=row["company_id"],
        kind=LeadKind(row["kind"]),
        occupation_code=row["occupation_code"],
        occupation_label=row["occupation_label"],
        esco_code=row["esco_code"],
        municipality=row["municipality"],
        working_time=WorkingTime(row["working_time"]),
        found_on=row["found_on"],
        starts_on=row["starts_on"],
        wage_subsidy_eligible=row["wage_subsidy_eligible"],
        required_skills=tuple(row["required_skills"]),
        required_languages=tuple(row["required_languages"]),
        status=LeadStatus(row["status"]),
        status_changed_on=row["status_changed_on"],
    )


def _referral(row: Mapping[str, Any]) -> ReferralView:
    return ReferralView(
        referral_id=row["referral_id"],
        project_id=row["project_id"],
        client_id=row["client_id"],
        lead_id=row["lead_id"],
        company_id=row["company_id"],
        referred_on=row["referred_on"],
        answer=ReferralAnswer(row["answer"]) if row["answer"] else None,
        reason=AnswerReason(row["reason"]) if row["reason"] else None,
        answered_on=row["answered_on"],
    )
