"""The fact tables of reporting and the mapping of fact rows to table rows (adapter layer).

One table per fact kind, one table row per fact, whose columns are the fact's fields by
name; dates are stored as ISO text (portable, sortable, cheap to bulk-insert), id lists
and sensitive answers as JSON text. A client's coaching (nine in ten of all events)
keeps its sessions and its marks as two JSON objects by id, written and read in C by
orjson: a replay writes one row per client instead of one per session.

``fact_tables`` builds the live set (``rp_…``) or a set to build aside for a replay
(``rp_next_…``), whose keys get a uniquely named index once they are filled.
``LAYOUT_VERSION`` names this layout: a database built under another one is rebuilt.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Final

import orjson
from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from services.reporting.domain.facts import (
    COACHING,
    COMPANY,
    COST,
    KEY_FIELDS,
    KEY_OF,
    PARTICIPANT,
    PLACEMENT,
    PLAN,
    SERVICE,
    TARGET,
    Coaching,
    Company,
    Cost,
    Fact,
    Key,
    Participant,
    Placement,
    Plan,
    Service,
    Target,
)
from services.reporting.domain.upstream import day

LIVE: Final = "rp_"
ASIDE: Final = "rp_next_"
LAYOUT_VERSION: Final = 6
"""1: a table row per session and per mark; 2: a client's sessions and marks in one row;
3: a participant's exits closed by re-entries (``leavings``); 4: the final report's
services, cost bookings, budget and employer sectors, and each session's kind; 5: a
participant's exit kind and follow-ups after leaving (``exit_kind``, ``follow_ups``);
6: a mark's position before its attendance, as a session's before its kind."""

CLASSES: Final[dict[str, type[Any]]] = {
    PARTICIPANT: Participant,
    PLACEMENT: Placement,
    COACHING: Coaching,
    COMPANY: Company,
    TARGET: Target,
    PLAN: Plan,
    SERVICE: Service,
    COST: Cost,
}
TABLE_NAMES: Final = {
    PARTICIPANT: "participants",
    PLACEMENT: "placements",
    COACHING: "coaching",
    COMPANY: "companies",
    TARGET: "targets",
    PLAN: "plans",
    SERVICE: "services",
    COST: "costs",
}
KEYS: Final = KEY_FIELDS

_DATES: Final = frozenset(
    {"entered_on", "unemployed_since", "exited_on", "starts_on", "ends_on", "held_on",
     "cooperating_since", "supported_since", "started_on", "ended_on", "period_start",
     "period_end"}
)  # fmt: skip
_INTS: Final = frozenset({"age_at_entry", "entries", "corrections", "minutes", "contacts",
                          "leads", "planned", "planned_participants", "planned_companies",
                          "position"})  # fmt: skip
_JSON: Final = frozenset(
    {"positions", "sensitive", "sessions", "marks", "leavings", "funding", "follow_ups"}
)
_OPTIONAL_INTS: Final = frozenset({"age_at_entry", "planned_participants", "planned_companies",
                                   "budget_cents"})  # fmt: skip
_CENTS: Final = frozenset({"amount_cents", "budget_cents"})
"""Euro cents: a budget of more than 21 million euros does not fit an Integer."""


def _column(name: str, key: bool) -> Column[Any]:
    if name in _JSON:
        return Column(name, Text, nullable=False)
    if name in _CENTS:
        return Column(name, BigInteger, nullable=name in _OPTIONAL_INTS and not key)
    if name in _INTS:
        return Column(name, Integer, nullable=name in _OPTIONAL_INTS and not key)
    length = 10 if name in _DATES else 64 if name.endswith("_id") else 80
    if name == "service_id":  # the kind of service and up to two ids
        length = 160
    return Column(name, String(length), nullable=not key)


def column_names(kind: str) -> tuple[str, ...]:
    """The table's columns, in order: the fact's fields."""
    return tuple(f.name for f in dataclasses.fields(CLASSES[kind]))


def fact_tables(metadata: MetaData, prefix: str = LIVE) -> dict[str, Table]:
    """The live tables, keyed; or tables to fill aside, whose keys are indexed once full."""
    tables = {}
    for kind in CLASSES:
        name = f"{prefix}{TABLE_NAMES[kind]}"
        keys = KEYS[kind]
        columns = [_column(n, n in keys) for n in column_names(kind)]
        constraints = [PrimaryKeyConstraint(*keys, name=f"pk_{name}")] if prefix == LIVE else []
        tables[kind] = Table(name, metadata, *columns, *constraints)
    return tables


def unique_key_index(kind: str, table: str, quoted_table: str) -> str:
    """DDL of the key index of a table filled aside; building it after the rows is faster.

    Its name is unique, so that it can keep its name once the table is renamed into
    place, and the next replay can build aside again in the same schema.
    """
    name = f"ux_{table}_{uuid.uuid4().hex[:8]}"
    return f'CREATE UNIQUE INDEX "{name}" ON {quoted_table} ({", ".join(KEYS[kind])})'


WRITERS: Final = f"{ASIDE}writers"
"""Beside the tables a replay fills aside: how many shares have yet to write each kind,
and whether its key index is built."""


def writers_table(metadata: MetaData) -> Table:
    """The last share to write a kind builds its key index, while the other shares still
    read and fold: the swap, which nothing runs beside, indexes only what is left."""
    return Table(
        WRITERS,
        metadata,
        Column("kind", String(40), primary_key=True),
        Column("writers", Integer, nullable=False),
        Column("indexed", Integer, nullable=False),
    )


reporting_metadata = MetaData()
LIVE_TABLES: Final = fact_tables(reporting_metadata)
LAYOUT: Final = Table(
    "rp_layout",
    reporting_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)
"""One row: the ``LAYOUT_VERSION`` the live tables were built under."""


def _json_text(value: Any) -> str:
    """JSON text of a list or tuple; most of a replay's are empty (no re-entry, no
    follow-up), and those need no encoder."""
    return orjson.dumps(value).decode() if value else "[]"


class _IsoDays(dict[date, str]):
    """Each day's ISO text, worked out once: a replay writes a few thousand distinct days
    into hundreds of thousands of rows."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


_ISO_DAYS: Final = _IsoDays()


def _to_column(name: str) -> Callable[[Any], Any]:
    """How a field is stored, for a value that is not ``None`` (which stays NULL)."""
    if name in _JSON:
        return _json_text
    if name in _DATES:
        return _ISO_DAYS.__getitem__
    return lambda v: v


def _from_column(name: str) -> Callable[[Any], Any]:
    if name in ("positions", "leavings", "funding", "follow_ups"):
        return lambda v: list(orjson.loads(v))
    if name == "sensitive":
        return lambda v: tuple((str(a), str(b)) for a, b in orjson.loads(v))
    if name in _DATES:
        return lambda v: None if v is None else date.fromisoformat(v)
    return lambda v: v


@dataclasses.dataclass(frozen=True)
class RowCodec:
    """Fact ⇄ column tuple for one kind, in the table's column order."""

    kind: str
    names: tuple[str, ...]
    to_columns: tuple[Callable[[Any], Any], ...]
    from_columns: tuple[Callable[[Any], Any], ...]
    get: Callable[[Any], tuple[Any, ...]]
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]
    """Columns stored otherwise than as the fact holds them (dates, JSON), each with its
    conversion."""

    @classmethod
    def of(cls, kind: str) -> RowCodec:
        names = column_names(kind)
        return cls(
            kind,
            names,
            tuple(_to_column(n) for n in names),
            tuple(_from_column(n) for n in names),
            attrgetter(*names),
            tuple((i, _to_column(n)) for i, n in enumerate(names) if n in _DATES or n in _JSON),
        )

    def row(self, fact: Fact) -> Sequence[Any]:
        values = list(self.get(fact))
        for index, convert in self.converted:
            value = values[index]
            if value is not None:
                values[index] = convert(value)
        return values

    def fact(self, row: Any) -> Fact:
        values = {
            name: read(value)
            for name, read, value in zip(self.names, self.from_columns, row, strict=True)
        }
        result: Fact = CLASSES[self.kind](**values)
        return result


class CoachingCodec(RowCodec):
    """A client's coaching ⇄ (project, client, sessions, marks), the last two JSON objects
    from id to the entry's other fields, keys sorted so that the same coaching always
    gives the same bytes. The entries are tuples in the stored order, so orjson writes
    each object whole, without a Python call per session."""

    def row(self, fact: Fact) -> Sequence[Any]:
        assert isinstance(fact, Coaching)
        return (
            fact.project_id, fact.client_id,
            orjson.dumps(fact.sessions, option=orjson.OPT_SORT_KEYS).decode(),
            orjson.dumps(fact.marks, option=orjson.OPT_SORT_KEYS).decode(),
        )  # fmt: skip

    def fact(self, row: Any) -> Fact:
        project_id, client_id, sessions, marks = row
        return Coaching(
            project_id, client_id,
            {sid: (day(held), minutes, at, kind)
             for sid, (held, minutes, at, kind) in orjson.loads(sessions).items()},
            {mid: (day(held), minutes, at, mark)
             for mid, (held, minutes, at, mark) in orjson.loads(marks).items()},
        )  # fmt: skip


CODECS: Final[dict[str, RowCodec]] = {
    kind: CoachingCodec.of(kind) if kind == COACHING else RowCodec.of(kind) for kind in CLASSES
}


def fact_key(kind: str, fact: Fact) -> Key:
    """The key ``fold.STEPS`` files ``fact`` under, read back from the fact itself."""
    return KEY_OF[kind](fact)
