"""The record of processing activities (GDPR Art. 30), declared beside the code it describes.

Each service's tables are classified here by hand: what personal data a table holds, whose,
why, on what legal basis and for how long, or why it holds none. Everything else in the
document is read from the code, so it cannot drift: the columns come from the services'
SQLAlchemy metadata and the partner feeds' event types from the published contract
(``docs/events/contract.json``). ``duuni privacy record`` writes the document; a test
fails when the committed one differs, when a table exists that nobody classified, or when
a classified table or column no longer exists.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Final

from sqlalchemy import Table

from duuni.services import SERVICES, trees_of
from shared.partners import DEFAULT_CONTRACT

DEFAULT_RECORD: Final = Path(__file__).resolve().parents[1] / "docs" / "record-of-processing.md"

# Whose data.
CLIENTS: Final = "clients (participants)"
STAFF: Final = "the project's staff (users)"
CONTACTS: Final = "company contact persons"

# Legal bases, by the label the tables name them with.
PUBLIC_TASK: Final = "task"
SPECIAL: Final = "task + Art. 9"
FREE_TEXT_BASIS: Final = "task + Art. 9 in text"
SECURITY: Final = "security"
EMPLOYERS: Final = "employers"
BASES: Final = {
    PUBLIC_TASK: "Art. 6(1)(e), the ESF-funded project's task; Art. 6(1)(c), the funder's "
    "reporting and audit duties (CPR 2021/1060)",
    SPECIAL: "as *task*; Art. 9(2)(g) for the answers on health and background, which the "
    "person may decline",
    FREE_TEXT_BASIS: "as *task*; Art. 9(2)(g) where a text touches health",
    SECURITY: "Art. 6(1)(c), the security of processing and accountability (Art. 5(2), 32)",
    EMPLOYERS: "Art. 6(1)(e), the project's task of working with employers",
}

# Retention, by label.
PROJECT_RETENTION: Final = "retention, erased"
PROJECT_RECORDS: Final = "retention, by hand"
FOLLOWS_EVENTS: Final = "with the events"
EVENT_LOG: Final = "audit trail"
AUDIT_TRAIL: Final = "access trail"
ACCOUNT: Final = "account"
SECURITY_WINDOW: Final = "expiry"
HANDLED: Final = "until handled"
CLEARED: Final = "until cleared"
REVIEWED: Final = "until reviewed"
RETENTIONS: Final = {
    PROJECT_RETENTION: "until the project's retention day (31 December of the year of the "
    "project's end plus five years, CPR 2021/1060 Art. 82, or the day the funding decision "
    "names: `duuni privacy retention`); then `duuni privacy sweep` erases it by deleting "
    "the person's key; an erasure on request (`duuni privacy erase`) does so earlier; a "
    "request that must wait for the retention day (Art. 17(3)(b)) restricts the person's "
    "data to the data-protection role until then (`duuni privacy restrict`)",
    PROJECT_RECORDS: "until the project's retention day; not yet erased together with the "
    "person: remove by hand when the retention ends",
    FOLLOWS_EVENTS: "rebuilt from the event logs; pseudonymous ids only, which lead to no "
    "one once intake has erased the person's key",
    EVENT_LOG: "for good, as the verifiable audit trail; pseudonymous ids only, which lead "
    "to no one once intake has erased the person's key",
    AUDIT_TRAIL: "for good, append-only and hash-chained; it names ids only, so it stays "
    "after an erasure",
    ACCOUNT: "while the user's account exists",
    SECURITY_WINDOW: "until it expires or is replaced",
    HANDLED: "until an operator has handled it",
    REVIEWED: "the answers until a coach confirms or rejects them (confirmed ones live on in "
    "the events); the decision, who made it and when, until the person is erased (with the "
    "retention sweep or on request)",
    CLEARED: "failed attempts until the next successful sign-in of the same username from "
    "the same address; no time limit yet",
}


@dataclasses.dataclass(frozen=True)
class Holding:
    """A table that holds personal data or free text about a person."""

    table: str
    data: str
    """The categories of personal data, in words."""
    subjects: tuple[str, ...]
    purpose: str
    basis: str
    retention: str
    identifiers: tuple[str, ...] = ()
    """Columns that name, contact or identify a person directly (never in an event)."""
    free_text: tuple[str, ...] = ()
    """Columns of free text written about a person (never in an event)."""


@dataclasses.dataclass(frozen=True)
class NoPersonalData:
    """A table that holds no personal data, and why not."""

    table: str
    why: str


Entry = Holding | NoPersonalData


def _pseudonymous(
    table: str,
    data: str,
    purpose: str,
    *,
    retention: str = FOLLOWS_EVENTS,
    subjects: tuple[str, ...] = (CLIENTS,),
    basis: str = PUBLIC_TASK,
) -> Holding:
    """A table about people under their pseudonymous ids: personal data, but no name."""
    return Holding(table, data, subjects, purpose, basis, retention)


EVENT_LOG_TABLES: Final[tuple[Entry, ...]] = (
    Holding(
        "events",
        "the service's events: pseudonymous client, coach and contact ids, dates, codes",
        (CLIENTS, STAFF),
        "the verifiable record of what the project did, replayed for figures and audit",
        PUBLIC_TASK,
        EVENT_LOG,
    ),
    Holding(
        "dead_letters",
        "events that could not be handled, as received (pseudonymous ids)",
        (CLIENTS, STAFF),
        "repairing a consumer that failed",
        PUBLIC_TASK,
        HANDLED,
    ),
    NoPersonalData("idempotency_keys", "request keys and log positions"),
    NoPersonalData("log_head", "the log's last position and hash"),
    NoPersonalData("relay_checkpoints", "the relays' log positions"),
    NoPersonalData(
        "webhook_deliveries",
        "partner webhooks' endpoints, log positions, attempt times and last error (a status "
        "code or the transport error's kind, never what the receiver answered)",
    ),
    NoPersonalData("projection_layouts", "the read models' layout versions"),
    NoPersonalData("subscription_checkpoints", "the consumers' positions in other logs"),
)
"""Every service's own event log (``shared.eventlog``): the same tables in each store."""

RECORD: Final[dict[str, tuple[Entry, ...]]] = {
    "intake": (
        _pseudonymous(
            "links",
            "links sent to participants: which client, which form, language, who issued "
            "it, when it was opened, used, revoked or expires (the token's hash only)",
            "letting a participant fill in a form without an account",
            subjects=(CLIENTS, STAFF),
            retention=PROJECT_RETENTION,
        ),
        Holding(
            "link_proposals",
            "a participant's own answers through a link (start data incl. the background "
            "questions on health and origin, consents, situation after leaving) until a "
            "coach confirms or rejects them; then who decided and when",
            (CLIENTS, STAFF),
            "participants entering their own ESF data, checked by the project (EURA 2021)",
            SPECIAL,
            REVIEWED,
            free_text=("answers",),
        ),
        Holding(
            "persons",
            "first and last name, identity code, birth date, phone, e-mail, postal address, "
            "an imported participant's number in the project's earlier records "
            "(sealed with the person's own key), the keyed hash of the identity code, "
            "language, consent",
            (CLIENTS,),
            "identifying and contacting participants; the funder's participant data",
            PUBLIC_TASK,
            PROJECT_RETENTION,
            identifiers=("sealed", "identity_code_hash"),
        ),
        Holding(
            "client_documents",
            "documents kept with a client (CV, signed consent, employment contract, work-trial "
            "agreement, other): the file and its name sealed with the person's own key; the "
            "kind, media type, size, who added it and when",
            (CLIENTS, STAFF),
            "keeping the papers of a client's coaching and employment with the client",
            SPECIAL,
            PROJECT_RETENTION,
            identifiers=("sealed_name",),
            free_text=("sealed_content",),
        ),
        Holding(
            "person_keys",
            "each person's data key, wrapped by the master key",
            (CLIENTS,),
            "crypto-shredding: deleting the key erases the person everywhere at once",
            PUBLIC_TASK,
            PROJECT_RETENTION,
        ),
        _pseudonymous(
            "person_submissions",
            "which form submission made which client",
            "accepting a registration once",
            retention=PROJECT_RETENTION,
        ),
        Holding(
            "identity_code_reveals",
            "who was shown whose full identity code, when, and the reason given",
            (CLIENTS, STAFF),
            "accountability for reading identity codes (Art. 5(2))",
            SECURITY,
            AUDIT_TRAIL,
            free_text=("reason",),
        ),
        Holding(
            "private_reasons",
            "the words of the reasons for a start-data correction, an enrolment outside "
            "the target group (sealed with the person's own key) or a plan change; events "
            "name them by id and carry only a reason code",
            (CLIENTS, STAFF),
            "showing auditors why a record was changed, without putting words in events",
            FREE_TEXT_BASIS,
            PROJECT_RETENTION,
            free_text=("sealed", "text"),
        ),
        Holding(
            "access_log",
            "who read or wrote which client's data, when, why, from which address",
            (CLIENTS, STAFF),
            "accountability for every read and write of personal data (Art. 5(2), 32)",
            SECURITY,
            AUDIT_TRAIL,
            identifiers=("address",),
            free_text=("purpose",),
        ),
        _pseudonymous(
            "client_directory",
            "coach, municipality, status and dates of each client",
            "lists and search of the project's clients",
        ),
        _pseudonymous(
            "client_timeline",
            "the events about each client from every service (pseudonymous)",
            "the client's timeline and their own copy (Art. 15)",
        ),
        Holding(
            "users",
            "username, display name, password hash, roles",
            (STAFF,),
            "signing in and deciding who may see what",
            SECURITY,
            ACCOUNT,
            identifiers=("username", "display_name"),
        ),
        _pseudonymous(
            "memberships",
            "which user works in which project, in which role",
            "limiting each user to their own projects",
            retention=ACCOUNT,
            subjects=(STAFF,),
            basis=SECURITY,
        ),
        _pseudonymous(
            "sessions",
            "a signed-in user's session (token hash, times)",
            "keeping a user signed in",
            retention=SECURITY_WINDOW,
            subjects=(STAFF,),
            basis=SECURITY,
        ),
        Holding(
            "login_attempts",
            "username tried, address, time, whether it succeeded",
            (STAFF,),
            "slowing down password guessing",
            SECURITY,
            CLEARED,
            identifiers=("username", "address"),
        ),
        NoPersonalData("personal_data_keys", "the service's lookup secret"),
        NoPersonalData("person_changes", "a change count per project's persons"),
        NoPersonalData("project_directory", "projects' names and plans"),
        NoPersonalData("project_retention", "projects' retention rules"),
        _pseudonymous(
            "message_outbox",
            "messages to each client: kind, channel, when due, attempts and outcome, the "
            "template version; a form link's address until the message is done with; never "
            "the text or the client's address",
            "sending invitations, reminders and form links to clients who consented",
            retention=PROJECT_RECORDS,
        ),
        _pseudonymous(
            "message_appointments",
            "booked sessions and group meetings ahead: client or programme, coach, time, mode",
            "timing the invitations and reminders of appointments",
            retention=PROJECT_RECORDS,
            subjects=(CLIENTS, STAFF),
        ),
        _pseudonymous(
            "message_programme_members",
            "which client takes part in which group programme",
            "inviting a group's members to its meetings",
            retention=PROJECT_RECORDS,
        ),
        _pseudonymous(
            "message_programmes",
            "each group programme's coach",
            "naming the coach in a group meeting's messages",
            retention=PROJECT_RECORDS,
            subjects=(STAFF,),
        ),
        _pseudonymous(
            "message_templates",
            "the wording of the project's messages, every version, and which user saved it",
            "knowing which wording each message was sent with",
            retention=PROJECT_RECORDS,
            subjects=(STAFF,),
        ),
        NoPersonalData("message_settings", "projects' reminder hours"),
    ),
    "coaching": (
        Holding(
            "coaching_private_texts",
            "case notes, session notes, goal wording, task and in-work follow-on texts, "
            "the tasks shown at a work demonstration",
            (CLIENTS, STAFF),
            "the coach's working notes on a client; never in an event; a client's are "
            "deleted when intake erases the person (`intake.person_erased`)",
            FREE_TEXT_BASIS,
            PROJECT_RETENTION,
            free_text=("text",),
        ),
        _pseudonymous(
            "coaching_clients",
            "each client's coach, status and dates",
            "booking and listing a coach's clients",
        ),
        _pseudonymous(
            "coaching_client_facts",
            "municipality and entry day of each client",
            "telling two clients of the same name apart",
        ),
        _pseudonymous(
            "coaching_sharing_withdrawn",
            "each client's consent to sharing with partner projects: given or withdrawn",
            "keeping a withdrawn client's events out of coaching's partner feeds",
        ),
        _pseudonymous(
            "coaching_sessions",
            "coaching sessions: client, coach, day, mode, topic codes, status",
            "the coaches' calendars and figures",
            subjects=(CLIENTS, STAFF),
        ),
        _pseudonymous(
            "coaching_case_notes",
            "that a note was written: author, kind, day",
            "listing a client's notes",
        ),
        _pseudonymous(
            "coaching_goals",
            "a client's goals: target day, open or not",
            "following a client's plan",
        ),
        _pseudonymous(
            "coaching_tasks",
            "tasks about clients: owner, kind, due and done days",
            "the coach's working day",
            subjects=(CLIENTS, STAFF),
        ),
        _pseudonymous(
            "coaching_attendance",
            "a client's attendance at group meetings",
            "attendance lists and figures",
        ),
        _pseudonymous(
            "coaching_programme_members", "who belongs to which group programme", "group programmes"
        ),
        _pseudonymous(
            "coaching_programmes",
            "group programmes and their coach",
            "group programmes",
            subjects=(STAFF,),
        ),
        _pseudonymous(
            "coaching_course_participants",
            "a client's courses and completion",
            "courses and figures",
        ),
        _pseudonymous(
            "coaching_course_days", "the course days a client completed", "courses and figures"
        ),
        _pseudonymous(
            "coaching_in_work_plans", "a client's in-work support at a company", "in-work support"
        ),
        _pseudonymous(
            "coaching_in_work_reviews", "the last review of an in-work plan", "in-work support"
        ),
        _pseudonymous(
            "coaching_leavers",
            "clients who left: exit day, follow-up state",
            "follow-ups after leaving",
        ),
        _pseudonymous(
            "coaching_calendar_feeds",
            "a coach's calendar-feed secret (hash)",
            "a coach's calendar subscription",
            retention=SECURITY_WINDOW,
            subjects=(STAFF,),
            basis=SECURITY,
        ),
        _pseudonymous(
            "links",
            "links sent to employers' contact persons: which in-work coaching plan, which "
            "form, language, who issued it, when it was opened, used, revoked or expires "
            "(the token's hash only)",
            "letting an employer's contact person fill in a form without an account",
            subjects=(CLIENTS, STAFF),
            retention=PROJECT_RECORDS,
        ),
        Holding(
            "coaching_employer_forms",
            "the contact person a link went to (name as the coach wrote it, or matching's "
            "contact id); the employer's answers on the client's work (joint goals, "
            "work-demonstration tasks and assessment, follow-on plan, comments) until a coach "
            "confirms or rejects them; then who decided and when",
            (CLIENTS, CONTACTS, STAFF),
            "employers taking part in in-work coaching (DuuniPolku's työssävalmennus), "
            "checked by the coach",
            FREE_TEXT_BASIS,
            PROJECT_RECORDS,
            identifiers=("recipient",),
            free_text=("content",),
        ),
        NoPersonalData("coaching_companies", "companies (legal persons) by business id"),
        NoPersonalData("coaching_courses", "courses and their length"),
        NoPersonalData("coaching_meetings", "group meetings' days and lengths"),
    ),
    "matching": (
        Holding(
            "matching_contact_persons",
            "name, job title, phone and e-mail of a person at a company",
            (CONTACTS,),
            "contacting employers for placements",
            EMPLOYERS,
            PROJECT_RECORDS,
            identifiers=("full_name", "phone", "email"),
        ),
        Holding(
            "matching_contact_notes",
            "what was discussed at a contact, and the name of the staff member who made it",
            (CONTACTS, STAFF),
            "following up contacts with employers; never in an event",
            EMPLOYERS,
            PROJECT_RECORDS,
            identifiers=("made_by_name",),
            free_text=("note",),
        ),
        _pseudonymous(
            "matching_clients",
            "each client's coach, consents to matching and to being presented to employers",
            "respecting consent in matching",
        ),
        _pseudonymous(
            "matching_sharing_withdrawn",
            "each client's consent to sharing with partner projects: given or withdrawn",
            "keeping a withdrawn client's events out of matching's partner feeds",
        ),
        _pseudonymous(
            "matching_profiles",
            "a client's target occupations, skills, "
            "languages, areas, working time, driving licence",
            "matching clients to jobs",
        ),
        _pseudonymous(
            "matching_referrals",
            "a client referred to a job, the answer and its reason code",
            "referrals to employers",
        ),
        _pseudonymous(
            "matching_placements", "a client's placement at a company", "placements and figures"
        ),
        _pseudonymous(
            "matching_contact_log",
            "contacts with companies: contact person and coach ids, kind, day",
            "following up contacts with employers",
            subjects=(CONTACTS, STAFF),
        ),
        NoPersonalData("matching_companies", "companies (legal persons) by business id"),
        NoPersonalData("matching_company_needs", "companies' recruitment needs"),
        NoPersonalData("matching_leads", "job leads: occupation, area, skills asked"),
    ),
    "reporting": (
        Holding(
            "rp_participants",
            "each participant's age at entry, gender, education, labour status, answers "
            "on health and background (or that they declined), entry and exit",
            (CLIENTS,),
            "the ESF+ common indicators the funder requires",
            SPECIAL,
            FOLLOWS_EVENTS,
        ),
        _pseudonymous("rp_coaching", "each client's sessions and marks", "figures of coaching"),
        _pseudonymous("rp_services", "the services each client received", "figures of services"),
        _pseudonymous("rp_placements", "each client's placements", "figures of placements"),
        NoPersonalData("rp_companies", "figures per company (legal persons)"),
        NoPersonalData("rp_costs", "cost bookings"),
        NoPersonalData("rp_layout", "the fact tables' layout version"),
        NoPersonalData("rp_plans", "projects' plans and budgets"),
        NoPersonalData("rp_targets", "projects' targets"),
    ),
}
"""Each service's own tables (its event log's are ``EVENT_LOG_TABLES``)."""


def declared(service: str) -> dict[str, Entry]:
    """The classification of every table in the service's store, by table name."""
    return {entry.table: entry for entry in (*EVENT_LOG_TABLES, *RECORD[service])}


def actual_tables(service: str) -> dict[str, Table]:
    """The tables the service's code declares (its log's and its own), by name."""
    return {
        table.name: table
        for tree in trees_of(service)
        for metadata in tree.metadata
        for table in metadata.sorted_tables
    }


def gaps(service: str, tables: dict[str, Table] | None = None) -> list[str]:
    """What the declaration and the service's tables disagree on, in words: a table
    nobody classified, a classified table or a marked column that does not exist."""
    tables = actual_tables(service) if tables is None else tables
    entries = declared(service)
    found = [f"{service}: table {name} is not classified" for name in tables if name not in entries]
    for name, entry in entries.items():
        if name not in tables:
            found.append(f"{service}: the classified table {name} does not exist")
        elif isinstance(entry, Holding):
            columns = {column.name for column in tables[name].columns}
            found += [
                f"{service}: {name} has no column {column}"
                for column in (*entry.identifiers, *entry.free_text)
                if column not in columns
            ]
    return found


def identifying_columns() -> frozenset[str]:
    """Every column name the record marks as naming, contacting or identifying a person."""
    return frozenset(
        column
        for entries in (EVENT_LOG_TABLES, *RECORD.values())
        for entry in entries
        if isinstance(entry, Holding)
        for column in entry.identifiers
    )


def partner_events(contract: Path = DEFAULT_CONTRACT) -> dict[str, list[str]]:
    """Service → the event types (with versions) partner feeds may carry, by the contract."""
    document = json.loads(contract.read_text(encoding="utf-8"))
    feeds: dict[str, list[str]] = {service: [] for service in SERVICES}
    for name, entry in sorted(document["events"].items()):
        feeds.setdefault(str(entry["service"]), []).append(f"{name} v{entry['version']}")
    return feeds


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _columns(table: Table, entry: Holding) -> str:
    marked = []
    for column in table.columns:
        name = f"`{column.name}`"
        if column.name in entry.identifiers:
            name += " (identifying)"
        elif column.name in entry.free_text:
            name += " (free text)"
        marked.append(name)
    return ", ".join(marked)


HEADER: Final = """\
# Record of processing activities (GDPR Art. 30)

Generated by `duuni privacy record` from `duuni/privacy_record.py`, the services' table
definitions and the published event contract; a test fails when this file differs from
what the command writes, or when a table is not classified. Edit the declaration, not
this file.

- **Controller:** the organisation running the ESF-funded project (each project is kept
  apart: no project sees another's data); its data-protection officer reads the access
  log (see [privacy.md](privacy.md)).
- **Whose data:** clients (participants), the project's staff (users), and company
  contact persons.
- **Where:** each service keeps its data in its own database; names, identity codes and
  contact details of clients exist only in intake's, sealed with a key per person. Events
  carry pseudonymous ids, never names, identity codes, contact details or free text.
- **Security (Art. 32):** AES-256-GCM sealing per person with a master key outside the
  database, keyed hashes for identity-code search, a hash-chained access log of every
  read and write, hash-chained event logs, role- and project-based access.
- **Transfers to third countries:** none.
"""

RECIPIENTS: Final = """\
## Recipients

- **The funder and its auditors** receive figures and participant data as the funder's
  reporting requires (reporting's exports), and may audit the event logs.
- **Partner projects** subscribe to feeds of their entitled projects' events, one topic
  per service (`shared/partners.py`, `deploy/README.md`), or receive the same feeds by
  signed HTTPS webhook (`shared/webhooks/`). A feed carries only the event
  types and versions of the published contract (`docs/events/contract.json`); these
  carry pseudonymous ids and codes only, no names, identity codes, contact details or
  free text. Reporting publishes no events.
"""


def _holdings(entries: list[Holding], tables: dict[str, Table]) -> list[str]:
    lines = [
        "| Table | Data | Whose | Purpose | Basis | Kept | Columns |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        cells = (
            f"`{e.table}`",
            e.data,
            ", ".join(e.subjects),
            e.purpose,
            f"*{e.basis}*",
            f"*{e.retention}*",
            _columns(tables[e.table], e),
        )
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return [*lines, ""]


def _section(title: str, entries: list[Entry], tables: dict[str, Table]) -> list[str]:
    lines = [f"## {title}", ""]
    lines += _holdings([e for e in entries if isinstance(e, Holding)], tables)
    lines += ["Tables holding no personal data:", ""]
    lines += [f"- `{e.table}`: {e.why}" for e in entries if isinstance(e, NoPersonalData)]
    return [*lines, ""]


def _legend(title: str, labels: dict[str, str]) -> list[str]:
    return [f"## {title}", "", *(f"- *{label}*: {text}" for label, text in labels.items()), ""]


def render(contract: Path = DEFAULT_CONTRACT) -> str:
    """The whole document, from the declaration, the tables and the contract."""
    lines = [HEADER, *_legend("Legal bases", BASES), *_legend("Kept for how long", RETENTIONS)]
    lines += _section(
        "Every service's event log", list(EVENT_LOG_TABLES), actual_tables(next(iter(SERVICES)))
    )
    for service in SERVICES:
        lines += _section(service.capitalize(), list(RECORD[service]), actual_tables(service))
    lines.append(RECIPIENTS)
    for service, events in partner_events(contract).items():
        listed = ", ".join(f"`{event}`" for event in events) if events else "none"
        lines += [f"- **{service}** feeds may carry: {listed}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write(output: Path = DEFAULT_RECORD) -> Path:
    """Write the document to ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(), encoding="utf-8")
    return output
