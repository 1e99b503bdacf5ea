"""The ``ReadModel`` and ``ContactPersons`` ports on matching's own tables (adapter layer).

Reads use ``Database.read()``, which on SQLite never takes the write lock; every query
names the project, so another project's rows are never returned.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy import Select, Table, delete, insert, or_, select

from services.matching.adapters import tables
from services.matching.domain import vocabulary
from services.matching.domain.profile import JobProfile
from services.matching.service_layer import views
from shared.eventlog.sql import Database
from shared.eventlog.sql.schema import checkpoints, consumer_metadata

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

V = TypeVar("V", bound="DataclassInstance")
E = TypeVar("E")

AVAILABLE = [vocabulary.LeadStatus.FOUND.value, vocabulary.LeadStatus.OPEN.value]


def create_tables(db: Database) -> None:
    db.create(tables.metadata)
    db.create(consumer_metadata)


class _OnTables:
    """A port on matching's own tables; ``create`` makes the missing ones first."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self) -> Self:
        create_tables(self.db)
        return self


class SqlReadModel(_OnTables):
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

    def client(self, project_id: str, client_id: str) -> views.ClientStanding | None:
        row = self._row(_of_project(tables.clients, project_id, client_id=client_id))
        return _standing(row) if row else None

    def clients(self, project_id: str) -> list[views.ClientStanding]:
        query = _of_project(tables.clients, project_id).order_by(tables.clients.c.client_id)
        return [_standing(row) for row in self._rows(query)]

    def profile(self, project_id: str, client_id: str) -> views.ProfileView | None:
        row = self._row(_of_project(tables.profiles, project_id, client_id=client_id))
        if row is None:
            return None
        return views.ProfileView(
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
                # never asked (NULL) or given: as ``presentation.presentable`` decides
                or_(c.employer_presentation.is_(None), c.employer_presentation.is_(True)),
                p.matching_consent.is_(True),
            )
        )  # fmt: skip
        preferences = {w.value: w for w in vocabulary.WorkingTimePreference}
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

    def company(self, project_id: str, company_id: str) -> views.CompanyView | None:
        row = self._row(_of_project(tables.companies, project_id, company_id=company_id))
        return _company(row) if row else None

    def company_with_business_id(self, project_id: str, business_id: str) -> str | None:
        c = tables.companies.c
        row = self._row(
            select(c.company_id).where(c.project_id == project_id, c.business_id == business_id)
        )
        return str(row["company_id"]) if row else None

    def companies(self, project_id: str) -> list[views.CompanyView]:
        c = tables.companies.c
        query = _of_project(tables.companies, project_id).order_by(c.trade_name, c.company_id)
        return [_company(row) for row in self._rows(query)]

    def contact_log(self, project_id: str, company_id: str) -> list[views.ContactLogEntry]:
        c = tables.contact_log.c
        query = _of_project(tables.contact_log, project_id, company_id=company_id)
        query = query.order_by(c.contacted_on.desc(), c.contact_log_id)
        return [_contact(row) for row in self._rows(query)]

    def needs(self, project_id: str, company_id: str) -> list[views.NeedView]:
        n = tables.needs.c
        query = _of_project(tables.needs, project_id, company_id=company_id)
        query = query.order_by(n.recorded_on.desc(), n.need_id)
        return [_need(row) for row in self._rows(query)]

    # Leads ---------------------------------------------------------------------------

    def lead(self, project_id: str, lead_id: str) -> views.LeadView | None:
        row = self._row(_of_project(tables.leads, project_id, lead_id=lead_id))
        return _lead(row) if row else None

    def leads(
        self, project_id: str, *, available_only: bool = False, company_id: str | None = None
    ) -> list[views.LeadView]:
        ld = tables.leads.c
        query = _of_project(tables.leads, project_id, company_id=company_id)
        if available_only:
            query = query.where(ld.status.in_(AVAILABLE))
        return [_lead(row) for row in self._rows(query.order_by(ld.found_on.desc(), ld.lead_id))]

    # Referrals and placements --------------------------------------------------------

    def referral(self, project_id: str, referral_id: str) -> views.ReferralView | None:
        row = self._row(_of_project(tables.referrals, project_id, referral_id=referral_id))
        return _referral(row) if row else None

    def referrals(
        self, project_id: str, *, lead_id: str | None = None, client_id: str | None = None
    ) -> list[views.ReferralView]:
        r = tables.referrals.c
        query = _of_project(tables.referrals, project_id, lead_id=lead_id, client_id=client_id)
        return [
            _referral(row)
            for row in self._rows(query.order_by(r.referred_on.desc(), r.referral_id))
        ]

    def placements(
        self, project_id: str, *, client_id: str | None = None, company_id: str | None = None
    ) -> list[views.PlacementView]:
        p = tables.placements.c
        query = _of_project(
            tables.placements, project_id, client_id=client_id, company_id=company_id
        )
        return [
            _placement(row)
            for row in self._rows(query.order_by(p.starts_on.desc(), p.placement_id))
        ]


class SqlContactPersons(_OnTables):
    """Contact persons of companies and contact notes: personal data and free text, in
    matching's database only."""

    def _replace(self, table: Table, key: str, record: DataclassInstance) -> None:
        """Store ``record`` as the row of its id, in place of a resubmitted form's.

        Only the project's own row is ever replaced. The table names its columns after the
        record's fields, as the reads below take them back.
        """
        row = dataclasses.asdict(record)
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(table).where(
                    table.c[key] == row[key], table.c.project_id == row["project_id"]
                )
            )
            conn.execute(insert(table).values(**row))

    def save(self, person: views.ContactPerson) -> None:
        self._replace(tables.contact_persons, "contact_id", person)

    def of_company(self, project_id: str, company_id: str) -> list[views.ContactPerson]:
        c = tables.contact_persons.c
        query = _of_project(tables.contact_persons, project_id, company_id=company_id)
        query = query.order_by(c.full_name, c.contact_id)
        with self.db.read() as conn:
            return [views.ContactPerson(**dict(row)) for row in conn.execute(query).mappings()]

    def save_note(self, note: views.ContactNote) -> None:
        self._replace(tables.contact_notes, "contact_log_id", note)

    def notes_of_company(self, project_id: str, company_id: str) -> dict[str, views.ContactNote]:
        query = _of_project(tables.contact_notes, project_id, company_id=company_id)
        with self.db.read() as conn:
            found = [views.ContactNote(**dict(row)) for row in conn.execute(query).mappings()]
        return {note.contact_log_id: note for note in found}

    def makers(self, project_id: str) -> dict[str, str]:
        n = tables.contact_notes.c
        query = (
            select(n.made_by_id, n.made_by_name)
            .where(n.project_id == project_id)
            .distinct()
            .order_by(n.made_by_name, n.made_by_id)
        )
        with self.db.read() as conn:
            return {str(user_id): str(name) for user_id, name in conn.execute(query)}


def _of_project(table: Table, project_id: str, **named: str | None) -> Select[Any]:
    """The project's rows of ``table``, narrowed to each named column's value when given."""
    chosen = [table.c[name] == value for name, value in named.items() if value is not None]
    return select(table).where(table.c.project_id == project_id, *chosen)


def _view(view: type[V], row: Mapping[str, Any], **converted: object) -> V:
    """A view from a row: its columns carry the view's field names, so each field is read
    from the column of its name; ``converted`` gives the fields that need more than that
    (an enum from its value, a tuple from a JSON list)."""
    plain = {f.name: row[f.name] for f in dataclasses.fields(view) if f.name not in converted}
    return view(**plain, **converted)


def _optional(kind: Callable[[str], E], value: str | None) -> E | None:
    """An optional enum column: empty stays ``None``."""
    return kind(value) if value else None


def _standing(row: Mapping[str, Any]) -> views.ClientStanding:
    return _view(views.ClientStanding, row)


def _profile(row: Mapping[str, Any]) -> JobProfile:
    return JobProfile(
        client_id=row["client_id"],
        target_occupations=frozenset(row["target_occupations"]),
        skills=frozenset(row["skills"]),
        languages=frozenset(row["languages"]),
        municipalities=frozenset(row["municipalities"]),
        working_time=vocabulary.WorkingTimePreference(row["working_time"]),
        driving_licence=row["driving_licence"],
    )


def _company(row: Mapping[str, Any]) -> views.CompanyView:
    return _view(
        views.CompanyView,
        row,
        size_class=vocabulary.SizeClass(row["size_class"]),
        relation=_optional(vocabulary.CompanyRelation, row["relation"]),
        sector=_optional(vocabulary.EmployerSector, row["sector"]),
    )


def _contact(row: Mapping[str, Any]) -> views.ContactLogEntry:
    return _view(views.ContactLogEntry, row, kind=vocabulary.ContactKind(row["kind"]))


def _need(row: Mapping[str, Any]) -> views.NeedView:
    return _view(views.NeedView, row, need=vocabulary.CompanyNeed(row["need"]))


def _lead(row: Mapping[str, Any]) -> views.LeadView:
    return _view(
        views.LeadView,
        row,
        kind=vocabulary.LeadKind(row["kind"]),
        working_time=vocabulary.WorkingTime(row["working_time"]),
        required_skills=tuple(row["required_skills"]),
        required_languages=tuple(row["required_languages"]),
        status=vocabulary.LeadStatus(row["status"]),
    )


def _referral(row: Mapping[str, Any]) -> views.ReferralView:
    return _view(
        views.ReferralView,
        row,
        answer=_optional(vocabulary.ReferralAnswer, row["answer"]),
        reason=_optional(vocabulary.AnswerReason, row["reason"]),
    )


def _placement(row: Mapping[str, Any]) -> views.PlacementView:
    return _view(
        views.PlacementView, row, placement_type=vocabulary.PlacementType(row["placement_type"])
    )
