"""``duuni demo``: fill an empty data directory with a living synthetic coaching project.

The demo is DuuniAgentti (S21048) as it could look two years into its run: over-50
unemployed people in Lohja, Vihti, Raasepori, Hanko and Karkkila enrolled over time,
coached one to one, in three-week job-seekers' and entrepreneurs' groups, on weekly
job-search days and on a 15-day online course; local companies with their hidden and gig
jobs, referrals, answers and placements; most participants exited with a realistic mix of
destinations. A second small project (DuuniPolku, Oulu) shows that projects are isolated.

Only the users and the two projects are written directly (there is no API to create the
first of them). Everything else goes through the services' public JSON APIs in-process,
signed in as the coach who would do it, exactly as the UI would: the demo exercises the
same rules as real use, and the event logs are what real use would leave. Coaching and
matching learn of intake's clients through their subscriptions, so the loader waits for
their lag to reach zero before it books or refers anyone.

Everything a coach chooses (dates, kinds, outcomes) comes from one ``random.Random(seed)``;
ids are fresh per run. Every creating request carries a ``submission_id``, and a second
load into a folder that has users is refused before anything is written.
"""

from __future__ import annotations

import dataclasses
import random
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PASSWORD = "duuni-demo-2026"
PROJECT = "S21048"
OULU_PROJECT = "S20999"
SERVICES = ["intake", "coaching", "matching"]
"""Reporting derives everything from these logs and catches up whenever it starts."""

MUNICIPALITIES = ("Lohja", "Vihti", "Raasepori", "Hanko", "Karkkila")
SWEDISH_SPEAKING = ("Raasepori", "Hanko")
CONSENT_VERSION = "2024-01"


class DemoError(Exception):
    """The demo cannot be loaded here (users exist already) or a service refused a step."""


@dataclasses.dataclass(frozen=True)
class DemoLogins:
    """Who can sign in to the demo; every account has the one ``password``."""

    project_id: str
    second_project_id: str
    password: str
    admin: str
    project_manager: str
    coaches: tuple[str, ...]
    auditor: str
    second_project_coach: str
    requests: int = 0
    """Requests sent to the APIs while loading."""
    seconds: float = 0.0

    def describe(self) -> str:
        """Who to sign in as, for the command line to print after loading."""
        rows = [
            (f"coaches ({self.project_id})", ", ".join(self.coaches)),
            ("project manager", self.project_manager),
            ("auditor", self.auditor),
            ("administrator", self.admin),
            (f"coach ({self.second_project_id})", self.second_project_coach),
        ]
        return "\n".join(
            [
                f"Demo projects: {self.project_id} (DuuniAgentti, Lohja area) and "
                f"{self.second_project_id} (DuuniPolku, Oulu). Password for every user: "
                f"{self.password}",
                *(f"  {label + ':':<20} {who}" for label, who in rows),
            ]
        )


@dataclasses.dataclass(frozen=True)
class _Account:
    username: str
    display_name: str
    roles: tuple[str, ...]
    projects: tuple[str, ...]


_ACCOUNTS = (
    _Account("admin", "Antti Ylläpitäjä", ("admin",), ()),
    _Account("paivi", "Päivi Projektipäällikkö", ("project_manager",), (PROJECT,)),
    _Account("kaisa", "Kaisa Korhonen", ("coach",), (PROJECT,)),
    _Account("mikko", "Mikko Mäkelä", ("coach",), (PROJECT,)),
    _Account("leena", "Leena Lindholm", ("coach",), (PROJECT,)),
    _Account("tarja", "Tarja Tarkastaja", ("auditor",), (PROJECT,)),
    _Account("olli", "Olli Ojala", ("coach",), (OULU_PROJECT,)),
)
COACH_OF = {
    "Lohja": "kaisa",
    "Karkkila": "kaisa",
    "Vihti": "mikko",
    "Raasepori": "leena",
    "Hanko": "leena",
}
"""Each coach has an area; a fifth of the clients go to whoever had room."""


def load_demo(
    data_dir: Path,
    *,
    clients: int = 300,
    seed: int = 2026,
    today: date | None = None,
    console: Console | None = None,
) -> DemoLogins:
    """Fill the empty ``data_dir`` with the demo; refuse (``DemoError``) if it has users.

    ``today`` (by default the calendar day) must not lie in the future: sessions and
    attendance are recorded as held, and the services refuse those after their today.
    """
    started = time.monotonic()
    today = today or date.today()
    if clients < 10:
        raise DemoError("the demo needs at least 10 clients")
    if today > date.today() + timedelta(days=1):
        raise DemoError(f"today ({today}) is in the future: sessions cannot be held then")
    data_dir.mkdir(parents=True, exist_ok=True)
    _refuse_if_used(data_dir)
    user_ids = _create_users_and_projects(data_dir, today)
    rng = random.Random(seed)
    console = console or Console()
    from duuni.app import create_app

    with warnings.catch_warnings():  # the in-process client's notice is for test suites
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with (
        TestClient(create_app(data_dir, SERVICES)) as http,
        Progress(
            TextColumn("{task.description:<34}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress,
    ):
        api = _Api(http, user_ids, progress)
        demo = _Demo(api, rng, today, seed, clients)
        demo.run()
    seconds = time.monotonic() - started
    console.print(
        f"Demo loaded: {clients} clients in {PROJECT}, {api.requests:,} API requests "
        f"in {seconds:.1f} s.",
        highlight=False,
    )
    return DemoLogins(
        project_id=PROJECT,
        second_project_id=OULU_PROJECT,
        password=PASSWORD,
        admin="admin",
        project_manager="paivi",
        coaches=("kaisa", "mikko", "leena"),
        auditor="tarja",
        second_project_coach="olli",
        requests=api.requests,
        seconds=seconds,
    )


# --- users and projects: written directly, as `duuni users add` and `projects add` do ---


@contextmanager
def _intake_database(data_dir: Path) -> Iterator[Any]:
    from duuni.services import settings_for
    from shared.eventlog.sql import open_database

    settings = settings_for("intake", data_dir)
    database = open_database(settings.resolved_database_url(), schema=settings.resolved_schema())
    try:
        yield database
    finally:
        database.dispose()


def _refuse_if_used(data_dir: Path) -> None:
    from services.intake.adapters.accounts import SqlAccountStore

    with _intake_database(data_dir) as database:
        users = SqlAccountStore(database).create().count_users()
    if users:
        raise DemoError(
            f"{data_dir} already has {users} user(s): the demo loads only into an empty "
            "data directory (remove it, or choose another, to load the demo again)"
        )


def _create_users_and_projects(data_dir: Path, today: date) -> dict[str, str]:
    from services.intake.adapters.accounts import SqlAccountStore
    from services.intake.domain.events import FundingShare, ProjectPlan
    from services.intake.domain.target_group import TargetGroupRule
    from services.intake.service_layer.accounts import create_user
    from services.intake.service_layer.projects import register_project
    from shared.eventlog.sql import SqlEventLog

    agentti = ProjectPlan(
        name="DuuniAgentti – tehokkaan työllistymisen asiamies",
        municipalities=MUNICIPALITIES,
        starts_on=date(today.year - 3, 8, 1),
        ends_on=date(today.year + 1, 7, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=500,
        planned_companies=220,
        funding=(
            FundingShare(source="esf", percent=65.0),
            FundingShare(source="state", percent=15.0),
            FundingShare(source="municipalities", percent=20.0),
        ),
    )
    polku = ProjectPlan(
        name="DuuniPolku",
        municipalities=("Oulu",),
        starts_on=date(today.year - 1, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
        target_group=TargetGroupRule(),
        planned_participants=120,
        planned_companies=40,
    )
    with _intake_database(data_dir) as database:
        log = SqlEventLog(database, "intake").create()
        register_project(log, PROJECT, agentti, actor="demo")
        register_project(log, OULU_PROJECT, polku, actor="demo")
        store = SqlAccountStore(database).create()
        return {
            account.username: create_user(
                store,
                username=account.username,
                password=PASSWORD,
                roles=account.roles,
                projects=account.projects,
                display_name=account.display_name,
            ).id
            for account in _ACCOUNTS
        }


# --- the JSON APIs, signed in as whoever does the work ---


class _Api:
    """The app's JSON APIs over an in-process client, each request as one signed-in user."""

    def __init__(self, http: TestClient, user_ids: dict[str, str], progress: Progress) -> None:
        self.http = http
        self.ids = user_ids
        self.progress = progress
        self.requests = 0
        self._sessions: dict[str, tuple[str, str]] = {}

    def _signed_in(self, username: str) -> tuple[str, str]:
        from shared.web.auth import COOKIE

        if username not in self._sessions:
            self.http.cookies.clear()
            answer = self.http.post(
                "/api/intake/session", json={"username": username, "password": PASSWORD}
            )
            self.requests += 1
            if answer.status_code != 200:
                raise DemoError(f"{username} could not sign in: {answer.status_code}")
            cookie = self.http.cookies.get(COOKIE)
            if cookie is None:
                raise DemoError(f"no session cookie for {username}")
            self._sessions[username] = (cookie, answer.json()["csrf_token"])
        return self._sessions[username]

    def send(self, as_user: str, method: str, path: str, body: object = None) -> Any:
        """The answer's JSON; a refusal stops the demo with what was refused and why."""
        from shared.web.auth import COOKIE, CSRF_HEADER

        cookie, csrf = self._signed_in(as_user)
        self.http.cookies.clear()
        headers = {"Cookie": f"{COOKIE}={cookie}", CSRF_HEADER: csrf}
        answer = self.http.request(method, path, json=body, headers=headers)
        self.requests += 1
        if answer.status_code >= 400:
            raise DemoError(f"{method} {path} as {as_user}: {answer.status_code} {answer.text}")
        return answer.json() if answer.content else None

    def post(self, as_user: str, path: str, body: object) -> Any:
        return self.send(as_user, "POST", path, body)

    def wait_for_consumers(self, timeout: float = 120.0) -> None:
        """Until coaching and matching have applied every event they follow (intake's
        clients, matching's companies for in-work coaching)."""
        deadline = time.monotonic() + timeout
        while True:
            lags = [
                sub.get("lag", 0)
                for service in ("coaching", "matching")
                for sub in self.http.get(f"/api/{service}/health").json()["subscriptions"].values()
            ]
            if all(lag == 0 for lag in lags):
                return
            if time.monotonic() > deadline:
                raise DemoError(f"coaching and matching still lag behind intake: {lags}")
            time.sleep(0.05)


# --- who the participants are and how their participation goes ---


@dataclasses.dataclass
class _Client:
    index: int
    project_id: str
    form: dict[str, Any]
    coach: str
    entered_on: date
    ends_on: date
    """The last day of participation: the exit date, or today when still active."""
    exit_status: str | None = None
    employment_type: str | None = None
    new_coach: tuple[str, date] | None = None
    re_entered_on: date | None = None
    placement_on: date | None = None
    in_work: bool = False
    client_id: str = ""
    hired_through: str | None = None
    """The referral that led to the placement."""
    employer: _Company | None = None

    @property
    def exits(self) -> bool:
        return self.exit_status is not None

    def coach_on(self, day: date) -> str:
        if self.new_coach is not None and day >= self.new_coach[1]:
            return self.new_coach[0]
        return self.coach

    def active_on(self, day: date) -> bool:
        return self.entered_on <= day <= self.ends_on


@dataclasses.dataclass
class _Company:
    index: int
    name: str
    municipality: str
    kind: _Trade
    first_contact: date
    company_id: str = ""
    contact_id: str | None = None


@dataclasses.dataclass(frozen=True)
class _Trade:
    name_fi: str
    name_sv: str
    industry: str
    occupations: tuple[str, ...]
    skills: tuple[str, ...]


@dataclasses.dataclass
class _Lead:
    index: int
    company: _Company
    kind: str
    occupation: str
    found_on: date
    lasts: int
    lead_id: str = ""
    status: str = "found"
    taken: bool = False
    filled_on: date | None = None

    def available_on(self, day: date) -> bool:
        return self.found_on <= day <= self.found_on + timedelta(days=self.lasts)


EXIT_STATUSES = (
    ("employed", 38),
    ("education_or_training", 11),
    ("entrepreneurship", 6),
    ("referred_to_other_services", 10),
    ("job_searching", 18),
    ("unemployed", 8),
    ("inactive", 3),
    ("unknown", 6),
)
EMPLOYMENT_TYPES = (
    ("open_market_full_time", 30),
    ("open_market_part_time", 22),
    ("fixed_term", 25),
    ("wage_subsidised", 17),
    ("apprenticeship", 6),
)
PLACEMENT_TYPE = {
    "open_market_full_time": "full_time",
    "open_market_part_time": "part_time",
    "fixed_term": "fixed_term",
    "wage_subsidised": "wage_subsidised",
    "apprenticeship": "apprenticeship",
}
LEAD_KINDS = (
    ("hidden_job", 35),
    ("gig_job", 20),
    ("open_vacancy", 20),
    ("work_trial", 15),
    ("apprenticeship", 10),
)
TRADES = (
    _Trade("Leipomo", "Bageri", "10711", ("7512", "9412", "5223"), ("hygieniapassi",)),
    _Trade("Kiinteistöhuolto", "Fastighetsservice", "81100", ("9622", "7126", "9112"), ()),
    _Trade("Siivouspalvelu", "Städservice", "81210", ("9112",), ("puhdistuspalvelu",)),
    _Trade("Kuljetus", "Transport", "49410", ("8332", "8322", "9333"), ("C-ajokortti",)),
    _Trade("Rautakauppa", "Järnhandel", "47521", ("5223", "4321", "5230"), ("asiakaspalvelu",)),
    _Trade("Puutarha", "Trädgård", "01300", ("6113", "9214"), ()),
    _Trade("Ravintola", "Restaurang", "56101", ("5120", "5131", "9412"), ("hygieniapassi",)),
    _Trade("Hoivakoti", "Vårdhem", "87300", ("5321", "5322", "9112"), ("lääkelupa",)),
    _Trade("Konepaja", "Verkstad", "25620", ("7212", "9329", "8344"), ("trukkikortti",)),
    _Trade("Autokorjaamo", "Bilverkstad", "45200", ("7231",), ()),
    _Trade("Rakennus", "Bygg", "41200", ("7115", "9313", "7112"), ("työturvallisuuskortti",)),
    _Trade("Sähkö", "El", "43210", ("7411",), ("sähköturvallisuus",)),
    _Trade("Tilitoimisto", "Bokföringsbyrå", "69200", ("3313", "4110"), ("excel",)),
    _Trade("Logistiikka", "Logistik", "52100", ("4321", "8344", "9321"), ("trukkikortti",)),
    _Trade("Vartiointi", "Bevakning", "80100", ("5414",), ("vartijakortti",)),
    _Trade("Kampaamo", "Frisersalong", "96021", ("5141",), ()),
    _Trade("Elintarvike", "Livsmedel", "10890", ("8160", "9321"), ("hygieniapassi",)),
    _Trade("Asiakaspalvelu", "Kundtjänst", "82200", ("4222",), ("asiakaspalvelu",)),
    _Trade("IT-tuki", "IT-support", "62090", ("3512",), ("microsoft 365",)),
    _Trade("Päiväkoti", "Daghem", "88911", ("5311",), ()),
)
GENITIVE = {
    "Lohja": "Lohjan",
    "Vihti": "Vihdin",
    "Raasepori": "Raaseporin",
    "Hanko": "Hangon",
    "Karkkila": "Karkkilan",
}
SWEDISH_PLACE = {"Raasepori": "Raseborgs", "Hanko": "Hangö"}
FIRST_NAMES_FI = (
    ("female", "Aila Anne Arja Eija Helena Hilkka Irma Jaana Kirsi Leila Liisa Maarit Marja "
     "Merja Mirja Paula Pirjo Raija Riitta Sari Seija Sirpa Tarja Tuula Ulla"),
    ("male", "Antero Ari Erkki Esa Hannu Heikki Jari Jorma Juha Jukka Kari Kalevi Markku "
     "Matti Pasi Pekka Petri Raimo Reijo Risto Seppo Tapio Timo Vesa"),
)  # fmt: skip
FIRST_NAMES_SV = (
    ("female", "Anita Birgitta Carina Eva Gunilla Ingrid Kristina Margareta Monica Ulrika"),
    ("male", "Bengt Björn Göran Håkan Lars Mats Nils Rolf Stefan Sven"),
)
LAST_NAMES_FI = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
    "Aaltonen",
    "Manninen",
]
LAST_NAMES_SV = [
    "Lindqvist",
    "Nyström",
    "Holmberg",
    "Eriksson",
    "Lindroos",
    "Westerlund",
    "Sjöberg",
    "Grönroos",
    "Lindholm",
    "Forsman",
]
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def identity_code(born: date, individual: int) -> str:
    """A synthetic Finnish personal identity code with its check character (intake validates it)."""
    ddmmyy = born.strftime("%d%m%y")
    sign = "-" if born.year < 2000 else "A"
    check = CHECK_CHARACTERS[int(f"{ddmmyy}{individual:03d}") % 31]
    return f"{ddmmyy}{sign}{individual:03d}{check}"


def business_id(rng: random.Random, taken: set[str]) -> str:
    """A valid Finnish Business ID (Y-tunnus), its check digit computed from the weights."""
    while True:
        digits = f"{rng.randrange(2_000_000, 3_300_000):07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True))
        remainder %= 11
        if remainder == 1:
            continue
        found = f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        if found not in taken:
            taken.add(found)
            return found


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _weekday(day: date) -> date:
    """The day itself, or the Monday after a weekend day."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    """A working day from ``first`` to ``last`` (the Friday before, if ``last`` is a weekend)."""
    day = _weekday(_between(rng, first, last))
    if day <= last:
        return day
    return last - timedelta(days=max(0, last.weekday() - 4))


# --- the loader: one phase after another, each a task of the progress bar ---


_Phase = Callable[[], Sequence[Callable[[], object]]]
"""A phase: plans its steps and returns them, each a request or a few."""


class _Demo:
    """The demo project, phase by phase: each phase plans its steps, then sends them.

    Plans draw only on the seeded generator and on earlier plans, never on the ids the
    services hand out, so one seed always gives the same project. Coaching and matching
    accept work only for clients active at the time of the request, so everything about a
    participation is recorded before the exits, which come last.
    """

    def __init__(self, api: _Api, rng: random.Random, today: date, seed: int, size: int) -> None:
        self.api = api
        self.rng = rng
        self.today = today
        self.size = size
        self.tag = f"demo{seed}"
        self.first_day = today - timedelta(days=730)
        self.clients: list[_Client] = []
        self.companies: list[_Company] = []
        self.leads: list[_Lead] = []
        self.used_codes: set[str] = set()

    def run(self) -> None:
        """Run every phase; after some, wait until the consumers have caught up with them."""
        phases: list[tuple[str, _Phase, bool]] = [
            ("Enrolling DuuniAgentti's clients", self.enrolments, True),
            ("Correcting and reassigning", self.corrections_and_coach_changes, True),
            ("Registering companies", self.company_work, False),
            ("Recording job leads", self.lead_work, False),
            ("Coaching sessions", self.session_work, False),
            ("Groups and job-search days", self.programme_work, False),
            ("VerkkoAgentti online course", self.course_work, False),
            ("Goals and pre-coaching", self.plan_work, False),
            ("Referrals and placements", self.matching_work, True),
            ("In-work coaching", self.in_work_work, False),
            ("Exits and re-entries", self.exit_work, True),
            ("Coaching the returners", self.return_work, False),
            ("DuuniPolku (Oulu)", self.oulu_work, True),
        ]
        progress = self.api.progress
        tasks: list[TaskID] = [progress.add_task(name, total=None) for name, _, _ in phases]
        for task, (_, plan, from_intake) in zip(tasks, phases, strict=True):
            steps = plan()
            progress.update(task, total=len(steps))
            for step in steps:
                step()
                progress.advance(task)
            if from_intake:
                self.api.wait_for_consumers()

    def _real_today(self) -> date:
        """The services' today: bookings must come after it, goals are set on it."""
        return max(self.today, date.today())

    def _sid(self, *parts: object) -> str:
        return "-".join([self.tag, *map(str, parts)])

    def _url(self, service: str, path: str, project: str = PROJECT) -> str:
        return f"/api/{service}/projects/{project}{path}"

    # --- intake ---

    def _person(self, index: int, project: str, entered: date, municipality: str) -> _Client:
        rng = self.rng
        swedish = municipality in SWEDISH_SPEAKING and rng.random() < 0.45
        gender = _pick(rng, (("female", 53), ("male", 45), ("non_binary", 1), ("other", 1)))
        names = FIRST_NAMES_SV if swedish else FIRST_NAMES_FI
        pool = dict(names)["male" if gender == "male" else "female"].split()
        first = rng.choice(pool)
        last = rng.choice(LAST_NAMES_SV if swedish else LAST_NAMES_FI)
        if gender == "other":
            gender = "prefer_not_to_say"
        min_age = 50 if project == PROJECT else 20
        age_days = rng.randint(min_age * 365 + 40, 63 * 365)
        born = entered - timedelta(days=age_days)
        code = identity_code(born, rng.randint(2, 899))
        while code in self.used_codes:
            code = identity_code(born, rng.randint(2, 899))
        self.used_codes.add(code)
        status = _pick(
            rng,
            (("unemployed", 84), ("employed", 5), ("self_employed", 2), ("inactive", 6),
             ("in_education", 3)),
        )  # fmt: skip
        since = None
        if status == "unemployed":
            long_term = rng.random() < 0.6
            since = entered - timedelta(
                days=rng.randint(366, 2200) if long_term else rng.randint(30, 360)
            )
        form: dict[str, Any] = {
            "identity_code": code,
            "first_name": first,
            "last_name": last,
            "email": f"{_ascii(first)}.{_ascii(last)}{index}@example.fi",
            "language": "sv" if swedish else "fi",
            "consent_version": CONSENT_VERSION,
            "consented_at": datetime.combine(entered, datetime.min.time(), UTC)
            .replace(hour=rng.randint(7, 12))
            .isoformat(),
            "entry_date": entered.isoformat(),
            "entry_route": _pick(
                rng,
                (
                    ("employment_office_referral", 40),
                    ("guidance_point", 30),
                    ("self_referral", 20),
                    ("municipality", 10),
                ),
            ),
            "gender": gender,
            "education": _pick(rng, (("isced_0_2", 22), ("isced_3_4", 50), ("isced_5_8", 28))),
            "labour_market_status": status,
            "unemployed_since": since.isoformat() if since else None,
            "municipality": municipality,
            "sensitive": {
                "disability": _pick(
                    rng, (("no", 70), ("yes", 8), ("declined", 7), ("not_asked", 15))
                ),
                "foreign_background": _pick(rng, (("no", 80), ("yes", 6), ("not_asked", 14))),
            },
            "submission_id": self._sid(project, "enrol", index),
        }
        coach = COACH_OF.get(municipality, "olli")
        if project == PROJECT and rng.random() < 0.2:
            coach = rng.choice(("kaisa", "mikko", "leena"))
        return _Client(index, project, form, coach, entered, self.today)

    def _plan_clients(self) -> None:
        rng = self.rng
        latest_entry = self.today - timedelta(days=5)
        for index in range(self.size):
            municipality = _pick(
                rng,
                (("Lohja", 40), ("Vihti", 20), ("Raasepori", 20), ("Hanko", 10), ("Karkkila", 10)),
            )
            entered = _day_between(rng, self.first_day, latest_entry)
            client = self._person(index, PROJECT, entered, municipality)
            length = rng.randint(50, 300)
            exit_on = _weekday(entered + timedelta(days=length))
            if exit_on < self.today - timedelta(days=2):
                client.ends_on = exit_on
                client.exit_status = _pick(rng, EXIT_STATUSES)
                if client.exit_status == "employed":
                    client.employment_type = _pick(rng, EMPLOYMENT_TYPES)
                    if rng.random() < 0.75:
                        client.placement_on = exit_on
            if rng.random() < 0.07 and (client.ends_on - entered).days > 60:
                others = [c for c in ("kaisa", "mikko", "leena") if c != client.coach]
                client.new_coach = (
                    rng.choice(others),
                    entered + timedelta(days=(client.ends_on - entered).days // 2),
                )
            self.clients.append(client)
        exited = [c for c in self.clients if c.exits]
        returners = [
            c
            for c in exited
            if c.exit_status in ("job_searching", "unemployed", "unknown")
            and c.ends_on < self.today - timedelta(days=90)
        ]
        for client in rng.sample(returners, k=min(len(returners), max(1, self.size // 60))):
            client.re_entered_on = _weekday(client.ends_on + timedelta(days=rng.randint(40, 80)))
        in_work = [
            c
            for c in exited
            if c.employment_type in ("wage_subsidised", "apprenticeship", "fixed_term")
            and c.placement_on is not None
            and (c.ends_on - c.entered_on).days > 150
        ]
        for client in rng.sample(in_work, k=min(len(in_work), max(1, self.size // 75))):
            client.in_work = True
            assert client.placement_on is not None
            client.placement_on = _weekday(client.ends_on - timedelta(days=110))

    def enrolments(self) -> list[Callable[[], object]]:
        self._plan_clients()
        return [partial(self._enrol, c) for c in sorted(self.clients, key=lambda c: c.entered_on)]

    def _enrol(self, client: _Client) -> None:
        coach_id = self.api.ids[client.coach]
        body = {**client.form, "coach_id": coach_id}
        url = self._url("intake", "/clients", client.project_id)
        client.client_id = self.api.post(client.coach, url, body)["id"]

    def corrections_and_coach_changes(self) -> list[Callable[[], object]]:
        rng = self.rng
        steps: list[Callable[[], object]] = []
        corrected = rng.sample(self.clients, k=max(2, self.size // 40))
        for client in sorted(corrected, key=lambda c: c.index):
            steps.append(partial(self._correct, client))
        for client in self.clients:
            if client.new_coach is not None:
                steps.append(partial(self._reassign, client))
        return steps

    def _correct(self, client: _Client) -> None:
        form = client.form
        fields = (
            "gender", "education", "labour_market_status", "unemployed_since", "municipality",
            "sensitive",
        )  # fmt: skip
        body: dict[str, Any] = {k: form[k] for k in fields}
        if form["labour_market_status"] == "unemployed" and self.rng.random() < 0.5:
            since = date.fromisoformat(form["unemployed_since"]) - timedelta(days=400)
            body["unemployed_since"] = since.isoformat()
            body["reason"] = "Työttömyyden alkupäivä tarkistettu TE-toimiston asiakastiedoista"
        else:
            levels = ["isced_0_2", "isced_3_4", "isced_5_8"]
            levels.remove(form["education"])
            body["education"] = self.rng.choice(levels)
            body["reason"] = "Koulutustieto korjattu tutkintotodistuksen perusteella"
        form.update({k: body[k] for k in fields})
        self.api.post(
            "paivi", self._url("intake", f"/clients/{client.client_id}/corrections"), body
        )

    def _reassign(self, client: _Client) -> None:
        assert client.new_coach is not None
        body = {"coach_id": self.api.ids[client.new_coach[0]]}
        self.api.post("paivi", self._url("intake", f"/clients/{client.client_id}/coach"), body)

    def exit_work(self) -> list[Callable[[], object]]:
        steps: list[Callable[[], object]] = []
        for client in self.clients:
            if client.exits:
                steps.append(partial(self._exit, client))
        for client in self.clients:
            if client.re_entered_on is not None:
                steps.append(partial(self._re_enter, client))
        return steps

    def return_work(self) -> list[Callable[[], object]]:
        """A few sessions in the second participation of those who came back."""
        steps: list[Callable[[], object]] = []
        for client in self.clients:
            if client.re_entered_on is None:
                continue
            days = {
                _day_between(self.rng, client.re_entered_on, self.today)
                for _ in range(self.rng.randint(1, 3))
            }
            for n, day in enumerate(sorted(d for d in days if d <= self.today)):
                steps.append(partial(self._session, client, day, 100 + n))
        return steps

    def _exit(self, client: _Client) -> None:
        body = {
            "exit_date": client.ends_on.isoformat(),
            "exit_status": client.exit_status,
            "employment_type": client.employment_type,
        }
        url = self._url("intake", f"/clients/{client.client_id}/exit")
        self.api.post(client.coach_on(client.ends_on), url, body)

    def _re_enter(self, client: _Client) -> None:
        assert client.re_entered_on is not None
        coach = client.coach_on(client.ends_on)
        body = {
            **client.form,
            "coach_id": self.api.ids[coach],
            "entry_date": client.re_entered_on.isoformat(),
            "submission_id": self._sid(PROJECT, "re-enter", client.index),
        }
        answer = self.api.post(coach, self._url("intake", "/clients"), body)
        if not answer["re_entry"]:
            raise DemoError(f"client {client.index} was enrolled anew instead of re-entered")

    # --- matching: companies and leads ---

    def company_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        count = max(12, min(60, self.size // 5))
        taken_names: set[str] = set()
        while len(self.companies) < count:
            municipality = _pick(
                rng,
                (("Lohja", 35), ("Vihti", 20), ("Raasepori", 20), ("Hanko", 12), ("Karkkila", 13)),
            )
            trade = rng.choice(TRADES)
            style = rng.random()
            if municipality in SWEDISH_PLACE and style < 0.5:
                name = f"{SWEDISH_PLACE[municipality]} {trade.name_sv} Ab"
            elif style < 0.6:
                name = f"{GENITIVE[municipality]} {trade.name_fi} Oy"
            else:
                name = f"{trade.name_fi} {rng.choice(LAST_NAMES_FI)} Oy"
            if name in taken_names:
                continue
            taken_names.add(name)
            first = _day_between(rng, self.first_day, self.today - timedelta(days=20))
            self.companies.append(_Company(len(self.companies), name, municipality, trade, first))
        self.companies.sort(key=lambda c: c.first_contact)
        ids: set[str] = set()
        steps: list[Callable[[], object]] = []
        for company in self.companies:
            code = business_id(rng, ids)
            steps.append(partial(self._register, company, code))
            if rng.random() < 0.5:
                steps.append(partial(self._contact_person, company))
            later = (
                _day_between(rng, company.first_contact, self.today - timedelta(days=3))
                for _ in range(rng.randint(0, 3))
            )
            contacts = [company.first_contact, *sorted(later)]
            for n, day in enumerate(contacts):
                kind = _pick(rng, (("visit", 35), ("call", 35), ("email", 20), ("event", 10)))
                steps.append(partial(self._contact, company, day, kind, n))
            relation = _pick(rng, (("cooperating", 60), ("supported", 22), ("", 18)))
            if relation:
                steps.append(partial(self._relation, company, relation))
            if rng.random() < 0.4:
                need = _pick(
                    rng,
                    (("recruitment", 35), ("seasonal_staff", 15), ("work_trial", 15),
                     ("apprenticeship", 10), ("wage_subsidy_advice", 15), ("training", 10)),
                )  # fmt: skip
                occupation = rng.choice(company.kind.occupations)
                headcount = rng.randint(1, 4)
                steps.append(partial(self._need, company, need, occupation, headcount))
        return steps

    def _register(self, company: _Company, code: str) -> None:
        body = {
            "business_id": code,
            "trade_name": company.name,
            "industry": company.kind.industry,
            "municipality": company.municipality,
            "size_class": _pick(
                self.rng, (("micro", 55), ("small", 30), ("medium", 12), ("large", 3))
            ),
            "registered_on": company.first_contact.isoformat(),
            "submission_id": self._sid("company", company.index),
        }
        coach = self._coach_of_area(company.municipality)
        company.company_id = self.api.post(coach, self._url("matching", "/companies"), body)["id"]

    def _coach_of_area(self, municipality: str) -> str:
        return COACH_OF.get(municipality, "kaisa")

    def _contact_person(self, company: _Company) -> None:
        first = self.rng.choice(dict(FIRST_NAMES_FI)[self.rng.choice(("female", "male"))].split())
        last = self.rng.choice(LAST_NAMES_FI)
        body = {
            "full_name": f"{first} {last}",
            "job_title": self.rng.choice(
                ("toimitusjohtaja", "HR-päällikkö", "tuotantopäällikkö", "yrittäjä", "esihenkilö")
            ),
            "email": f"{_ascii(first)}.{_ascii(last)}@example.fi",
            "submission_id": self._sid("contact-person", company.index),
        }
        url = self._url("matching", f"/companies/{company.company_id}/contacts")
        company.contact_id = self.api.post(self._coach_of_area(company.municipality), url, body)[
            "id"
        ]

    def _contact(self, company: _Company, day: date, kind: str, n: int) -> None:
        body = {
            "kind": kind,
            "contacted_on": day.isoformat(),
            "contact_id": company.contact_id,
            "submission_id": self._sid("contact", company.index, n),
        }
        url = self._url("matching", f"/companies/{company.company_id}/contact-log")
        self.api.post(self._coach_of_area(company.municipality), url, body)

    def _relation(self, company: _Company, relation: str) -> None:
        body = {"relation": relation, "since": company.first_contact.isoformat()}
        url = self._url("matching", f"/companies/{company.company_id}/relation")
        self.api.post(self._coach_of_area(company.municipality), url, body)

    def _need(self, company: _Company, need: str, occupation: str, headcount: int) -> None:
        body = {
            "need": need,
            "occupation_code": occupation,
            "headcount": headcount,
            "recorded_on": company.first_contact.isoformat(),
            "submission_id": self._sid("need", company.index),
        }
        url = self._url("matching", f"/companies/{company.company_id}/needs")
        self.api.post(self._coach_of_area(company.municipality), url, body)

    def lead_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        placements = sum(1 for c in self.clients if c.placement_on is not None)
        count = max(len(self.companies) * 2, placements + self.size // 6)
        for index in range(count):
            company = rng.choice(self.companies)
            since = company.first_contact
            if rng.random() < 0.2:  # a fresh crop still looking for someone
                since = max(since, self.today - timedelta(days=45))
            found = _day_between(rng, since, self.today - timedelta(days=2))
            kind = _pick(rng, LEAD_KINDS)
            lasts = 14 if kind == "gig_job" else rng.randint(30, 90)
            occupation = rng.choice(company.kind.occupations)
            self.leads.append(_Lead(index, company, kind, occupation, found, lasts))
        self.leads.sort(key=lambda lead: lead.found_on)
        steps: list[Callable[[], object]] = [
            partial(self._record_lead, lead) for lead in self.leads
        ]
        for lead in self.leads:
            if rng.random() < 0.6:
                steps.append(partial(self._lead_status, lead, "open", lead.found_on))
        return steps

    def _record_lead(self, lead: _Lead) -> None:
        company = lead.company
        working_time = {"gig_job": "gig"}.get(
            lead.kind, _pick(self.rng, (("full_time", 60), ("part_time", 40)))
        )
        languages = ["fi", "sv"] if company.municipality in SWEDISH_SPEAKING else ["fi"]
        body = {
            "company_id": company.company_id,
            "kind": lead.kind,
            "occupation_code": lead.occupation,
            "municipality": company.municipality,
            "working_time": working_time,
            "found_on": lead.found_on.isoformat(),
            "starts_on": (lead.found_on + timedelta(days=self.rng.randint(7, 30))).isoformat(),
            "wage_subsidy_eligible": self.rng.random() < 0.3,
            "required_skills": list(company.kind.skills),
            "required_languages": languages,
            "driving_licence_required": company.kind.industry in ("49410", "81100")
            or self.rng.random() < 0.1,
            "submission_id": self._sid("lead", lead.index),
        }
        url = self._url("matching", "/leads")
        lead.lead_id = self.api.post(self._coach_of_area(company.municipality), url, body)["id"]

    def _lead_status(self, lead: _Lead, status: str, day: date) -> None:
        body = {"status": status, "changed_on": day.isoformat()}
        url = self._url("matching", f"/leads/{lead.lead_id}/status")
        self.api.post(self._coach_of_area(lead.company.municipality), url, body)
        lead.status = status

    # --- coaching ---

    def session_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        steps: list[Callable[[], object]] = []
        for client in self.clients:
            count = _pick(
                rng, (("2", 10), ("3", 20), ("4", 22), ("5", 18), ("6", 12), ("7", 10), ("8", 8))
            )
            last = min(client.ends_on, self.today)
            days = sorted({_day_between(rng, client.entered_on, last) for _ in range(int(count))})
            days = [d for d in days if d <= last] or [client.entered_on]
            for n, day in enumerate(days):
                steps.append(partial(self._session, client, day, n))
            if not client.exits and rng.random() < 0.7:
                ahead = _weekday(self._real_today() + timedelta(days=rng.randint(2, 14)))
                cancel = rng.random() < 0.12
                steps.append(partial(self._booking, client, ahead, cancel))
        return steps

    def _details(self, client: _Client, day: date, n: int) -> dict[str, Any]:
        rng = self.rng
        if n == 0:
            kind = (
                "guidance_point_visit"
                if client.form["entry_route"] == "guidance_point"
                else "personal_coaching"
            )
            topics = ["career_planning", rng.choice(("cv", "digital_skills", "wellbeing"))]
        else:
            kind = _pick(
                rng, (("personal_coaching", 50), ("job_search_help", 35), ("follow_up", 15))
            )
            topics = rng.sample(
                ["cv", "job_applications", "interview", "hidden_jobs", "education",
                 "digital_skills", "work_trial", "benefits", "wellbeing", "entrepreneurship"],
                k=rng.randint(1, 3),
            )  # fmt: skip
        if client.exit_status == "entrepreneurship" and "entrepreneurship" not in topics:
            topics.append("entrepreneurship")
        return {
            "held_on": day.isoformat(),
            "starts_at": f"{rng.choice((9, 10, 11, 12, 13, 14)):02d}:{rng.choice((0, 30)):02d}",
            "duration_minutes": rng.choice((45, 60, 60, 60, 90)),
            "mode": _pick(rng, (("in_person", 60), ("online", 25), ("phone", 15))),
            "kind": kind,
            "topics": topics,
            "coach_id": self.api.ids[client.coach_on(day)],
        }

    def _session(self, client: _Client, day: date, n: int) -> None:
        notes = (
            "Käytiin läpi työnhakusuunnitelma ja sovittiin seuraavat askeleet.",
            "Päivitettiin CV ja harjoiteltiin työhaastattelua.",
            "Selvitettiin piilotyöpaikkoja alueen yrityksistä.",
            "",
        )
        body = {
            **self._details(client, day, n),
            "client_id": client.client_id,
            "note": self.rng.choice(notes),
            "submission_id": self._sid("session", client.index, n),
        }
        self.api.post(client.coach_on(day), self._url("coaching", "/sessions/held"), body)

    def _booking(self, client: _Client, day: date, cancel: bool) -> None:
        body = {
            **self._details(client, day, 1),
            "client_id": client.client_id,
            "submission_id": self._sid("booking", client.index),
        }
        coach = client.coach_on(self.today)
        done = self.api.post(coach, self._url("coaching", "/sessions"), body)
        if cancel:
            url = self._url("coaching", f"/sessions/{done['id']}/cancel")
            self.api.post(coach, url, {"reason": "cancelled_by_client"})

    def programme_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        steps: list[Callable[[], object]] = []
        start = _weekday(self.first_day + timedelta(days=40))
        start -= timedelta(days=start.weekday())
        n = 0
        places = ("Lohja", "Vihti", "Raasepori", "Lohja", "Karkkila", "Hanko")
        while start <= self.today + timedelta(days=21):
            kind = "entrepreneurs_group" if n % 4 == 3 else "job_seekers_group"
            title = "YrittäjäKaverit" if kind == "entrepreneurs_group" else "DuuniKaverit"
            place = places[n % len(places)]
            ends = start + timedelta(days=18)
            meetings = [start + timedelta(days=d) for w in range(3) for d in (7 * w + 1, 7 * w + 3)]
            steps.extend(
                self._programme(
                    n,
                    kind,
                    f"{title} {place} {start.month}/{start.year}",
                    place,
                    start,
                    ends,
                    meetings,
                    6,
                    10,
                )
            )
            n += 1
            start += timedelta(weeks=rng.randint(9, 12))  # Mondays, every two or three months
        first = self.today - timedelta(days=182)
        first += timedelta(days=(2 - first.weekday()) % 7)  # Wednesdays
        wednesdays = [
            first + timedelta(weeks=w)
            for w in range(27)
            if first + timedelta(weeks=w) <= self.today
        ]
        for m, place in enumerate(("Lohja", "Vihti")):
            steps.extend(
                self._programme(
                    100 + m, "job_search_day", f"Työnhakupäivät {place}", place, first,
                    self.today + timedelta(days=60), wednesdays, 8, 14,
                )
            )  # fmt: skip
        return steps

    def _programme(
        self,
        n: int,
        kind: str,
        title: str,
        place: str,
        starts: date,
        ends: date,
        meetings: list[date],
        least: int,
        most: int,
    ) -> list[Callable[[], object]]:
        rng = self.rng
        wanted = rng.randint(least, most)
        if kind == "job_search_day":  # weekly and open: people join along the way
            here = [c for c in self.clients if c.form["municipality"] == place]
            during = [c for c in here if c.ends_on >= starts]
            members = rng.sample(during, k=min(wanted, len(during)))
        else:  # a closed group of those in coaching when it starts, locals first
            day = min(starts, self.today)
            local = [
                c for c in self.clients if c.active_on(day) and c.form["municipality"] == place
            ]
            near = [c for c in self.clients if c.active_on(day) and c not in local]
            if kind == "entrepreneurs_group":  # those who will start a business come first
                keen = [c for c in local + near if c.exit_status == "entrepreneurship"]
                local = keen + [c for c in local if c not in keen]
                near = [c for c in near if c not in keen]
            extra = rng.sample(near, k=min(len(near), max(0, wanted - len(local))))
            members = (local + extra)[:wanted]
        members.sort(key=lambda c: c.index)
        joined = {c.index: max(starts, c.entered_on) for c in members}
        coach = COACH_OF[place]
        state: dict[str, str] = {}
        steps: list[Callable[[], object]] = []

        def plan() -> None:
            body = {
                "kind": kind,
                "title": title,
                "municipality": place,
                "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(),
                "coach_id": self.api.ids[coach],
                "submission_id": self._sid("programme", n),
            }
            state["id"] = self.api.post(coach, self._url("coaching", "/programmes"), body)["id"]

        steps.append(plan)
        meeting_minutes = 240 if kind == "job_search_day" else 180
        for m, day in enumerate(meetings):

            def schedule(day: date = day, m: int = m) -> None:
                url = self._url("coaching", f"/programmes/{state['id']}/meetings")
                body = {"held_on": day.isoformat(), "duration_minutes": meeting_minutes}
                state[f"m{m}"] = self.api.post(coach, url, body)["id"]

            steps.append(schedule)
        for client in members:

            def join(c: _Client = client) -> None:
                url = self._url("coaching", f"/programmes/{state['id']}/members")
                body = {"client_id": c.client_id, "joined_on": joined[c.index].isoformat()}
                self.api.post(coach, url, body)

            steps.append(join)
        for m, day in enumerate(meetings):
            if day > self.today:
                continue
            marks = {
                c.index: _pick(rng, (("present", 84), ("excused", 9), ("absent", 7)))
                for c in members
                if joined[c.index] <= day and c.active_on(day)
            }
            if not marks:
                continue

            def attend(m: int = m, marks: dict[int, str] = marks) -> None:
                ids = {c.index: c.client_id for c in members}
                url = self._url(
                    "coaching", f"/programmes/{state['id']}/meetings/{state[f'm{m}']}/attendance"
                )
                self.api.send(coach, "PUT", url, {"marks": {ids[i]: v for i, v in marks.items()}})

            steps.append(attend)
        return steps

    def course_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        state: dict[str, str] = {}

        def offer() -> None:
            body = {
                "title": "VerkkoAgentti – työnhaku ja urasuunnittelu verkossa",
                "days": 15,
                "submission_id": self._sid("course"),
            }
            state["id"] = self.api.post("kaisa", self._url("coaching", "/courses"), body)["id"]

        steps: list[Callable[[], object]] = [offer]
        takers = rng.sample(self.clients, k=max(3, self.size // 12))
        for client in sorted(takers, key=lambda c: c.index):
            enrolled = _day_between(rng, client.entered_on, min(client.ends_on, self.today))
            coach = client.coach_on(enrolled)

            def enrol(c: _Client = client, day: date = enrolled, coach: str = coach) -> None:
                url = self._url("coaching", f"/courses/{state['id']}/participants")
                self.api.post(
                    coach, url, {"client_id": c.client_id, "enrolled_on": day.isoformat()}
                )

            steps.append(enrol)
            days = 15 if rng.random() < 0.45 else rng.randint(2, 14)
            done_on = enrolled
            for day_number in range(1, days + 1):
                if done_on > min(self.today, client.ends_on):
                    break

                def complete(
                    c: _Client = client, n: int = day_number, on: date = done_on, coach: str = coach
                ) -> None:
                    url = self._url(
                        "coaching", f"/courses/{state['id']}/participants/{c.client_id}/days"
                    )
                    self.api.post(coach, url, {"day": n, "completed_on": on.isoformat()})

                steps.append(complete)
                done_on = _weekday(done_on + timedelta(days=rng.choice((1, 1, 1, 2, 3))))
        return steps

    def plan_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        steps: list[Callable[[], object]] = []
        for client in self.clients:
            if client.exits:
                continue
            for g in range(rng.choice((1, 1, 2))):
                area = _pick(
                    rng,
                    (("employment", 40), ("job_search", 25), ("education", 10), ("skills", 15),
                     ("wellbeing", 5), ("entrepreneurship", 5)),
                )  # fmt: skip
                target = self._real_today() + timedelta(days=rng.randint(30, 150))
                review = _pick(
                    rng, (("", 60), ("in_progress", 25), ("changed", 10), ("achieved", 5))
                )
                steps.append(partial(self._goal, client, g, area, target, review))
        for client in rng.sample(self.clients, k=max(2, self.size // 10)):
            done = _weekday(client.entered_on + timedelta(days=rng.randint(10, 30)))
            if done <= min(client.ends_on, self.today):
                steps.append(partial(self._pre_coaching, client, done))
        return steps

    def _goal(self, client: _Client, g: int, area: str, target: date, review: str) -> None:
        coach = client.coach_on(self.today)
        texts = {
            "employment": "Työpaikka omalta alalta tai läheltä sitä",
            "job_search": "Kaksi hakemusta viikossa, myös piilotyöpaikkoihin",
            "education": "Selvittää täydennyskoulutuksen vaihtoehdot",
            "skills": "Digitaitojen vahvistaminen",
        }
        body = {
            "area": area,
            "target_date": target.isoformat(),
            "text": texts.get(area, ""),
            "submission_id": self._sid("goal", client.index, g),
        }
        url = self._url("coaching", f"/clients/{client.client_id}/plan/goals")
        goal_id = self.api.post(coach, url, body)["id"]
        if review:
            new = (target + timedelta(days=60)).isoformat() if review == "changed" else None
            self.api.post(
                coach, f"{url}/{goal_id}/reviews", {"outcome": review, "new_target_date": new}
            )

    def _pre_coaching(self, client: _Client, done: date) -> None:
        rng = self.rng
        body = {
            "completed_on": done.isoformat(),
            "skills_mapped": rng.random() < 0.9,
            "motivation": _pick(rng, (("high", 45), ("medium", 40), ("low", 15))),
            "support_need": _pick(rng, (("low", 30), ("medium", 45), ("high", 25))),
            "cv_done": rng.random() < 0.7,
        }
        url = self._url("coaching", f"/clients/{client.client_id}/pre-coaching")
        self.api.post(client.coach_on(done), url, body)

    # --- matching: profiles, referrals, answers, placements ---

    def matching_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        steps: list[Callable[[], object]] = []
        profiled: set[int] = set()
        referred: set[tuple[int, int]] = set()
        placed_leads: list[_Lead] = []
        for client in self.clients:
            if client.placement_on is not None:
                lead = self._lead_for(client, client.placement_on, taken=True)
                if lead is not None and rng.random() < 0.85:
                    lead.taken = True
                    lead.filled_on = min(self.today, client.placement_on)
                    placed_leads.append(lead)
                    referred_on = max(
                        lead.found_on,
                        client.entered_on,
                        client.placement_on - timedelta(days=rng.randint(10, 40)),
                    )
                    self._profile_step(steps, client, lead, profiled)
                    referred.add((client.index, lead.index))
                    hired = ("accepted", "hired")
                    steps.append(partial(self._refer, client, lead, referred_on, hired))
                    steps.append(partial(self._place, client, lead.company, lead))
                else:
                    company = rng.choice(self.companies)
                    steps.append(partial(self._place, client, company, None))
        for client in self.clients:
            if rng.random() > 0.35:
                continue
            for _ in range(rng.randint(1, 2)):
                day = _day_between(rng, client.entered_on, min(client.ends_on, self.today))
                lead = self._lead_for(client, day, taken=False)
                if lead is None or (client.index, lead.index) in referred:
                    continue
                referred.add((client.index, lead.index))
                self._profile_step(steps, client, lead, profiled)
                answer = rng.choice(
                    (("declined", "skills_did_not_match"), ("declined", "position_filled"),
                     ("declined", "timing"), ("accepted", "interview_agreed"),
                     ("accepted", "work_trial_agreed"), ("no_answer", "no_response"))
                )  # fmt: skip
                steps.append(partial(self._refer, client, lead, day, answer))
        for lead in self.leads:
            end = lead.found_on + timedelta(days=lead.lasts)
            if lead.filled_on is not None:
                steps.append(partial(self._lead_status, lead, "filled", lead.filled_on))
            elif end < self.today:
                status = _pick(rng, (("expired", 50), ("closed", 35), ("filled", 15)))
                steps.append(partial(self._lead_status, lead, status, end))
        return steps

    def _lead_for(self, client: _Client, day: date, *, taken: bool) -> _Lead | None:
        """A lead available that day, in the client's area if possible, not yet filled."""
        open_leads = [lead for lead in self.leads if not lead.taken and lead.available_on(day)]
        if taken:
            open_leads = [lead for lead in open_leads if lead.found_on <= day]
        local = [
            lead for lead in open_leads if lead.company.municipality == client.form["municipality"]
        ]
        pool = local or open_leads
        return self.rng.choice(pool) if pool else None

    def _profile_step(
        self,
        steps: list[Callable[[], object]],
        client: _Client,
        lead: _Lead,
        profiled: set[int],
    ) -> None:
        if client.index in profiled:
            return
        profiled.add(client.index)
        steps.append(partial(self._profile, client, lead))

    def _profile(self, client: _Client, lead: _Lead) -> None:
        occupations = sorted(
            {lead.occupation, *self.rng.sample(lead.company.kind.occupations, k=1)}
        )
        body = {
            "target_occupations": occupations,
            "skills": list(lead.company.kind.skills),
            "languages": ["fi", "sv"] if client.form["language"] == "sv" else ["fi"],
            "municipalities": [client.form["municipality"], "Lohja"],
            "working_time": "any",
            "driving_licence": self.rng.random() < 0.7,
            "matching_consent": True,
        }
        url = self._url("matching", f"/clients/{client.client_id}/profile")
        self.api.send(client.coach_on(client.entered_on), "PUT", url, body)

    def _refer(self, client: _Client, lead: _Lead, day: date, answer: tuple[str, str]) -> None:
        coach = client.coach_on(day)
        body = {
            "client_id": client.client_id,
            "lead_id": lead.lead_id,
            "referred_on": day.isoformat(),
            "submission_id": self._sid("referral", client.index, lead.index),
        }
        referral_id = self.api.post(coach, self._url("matching", "/referrals"), body)["id"]
        answered = _weekday(day + timedelta(days=self.rng.randint(2, 12)))
        if answered <= self.today:
            body = {"answer": answer[0], "reason": answer[1], "answered_on": answered.isoformat()}
            self.api.post(coach, self._url("matching", f"/referrals/{referral_id}/answer"), body)
        if answer[1] == "hired":
            client.hired_through = referral_id

    def _place(self, client: _Client, company: _Company, lead: _Lead | None) -> None:
        assert client.placement_on is not None and client.employment_type is not None
        kind = PLACEMENT_TYPE[client.employment_type]
        ends = client.placement_on + timedelta(days=self.rng.randint(120, 365))
        body = {
            "client_id": client.client_id,
            "company_id": company.company_id,
            "lead_id": lead.lead_id if lead else None,
            "referral_id": client.hired_through if lead else None,
            "placement_type": kind,
            "starts_on": client.placement_on.isoformat(),
            "ends_on": ends.isoformat() if kind in ("fixed_term", "wage_subsidised") else None,
            "submission_id": self._sid("placement", client.index),
        }
        self.api.post(
            client.coach_on(client.placement_on), self._url("matching", "/placements"), body
        )
        client.employer = company

    # --- in-work coaching ---

    def in_work_work(self) -> list[Callable[[], object]]:
        return [
            partial(self._in_work, client)
            for client in self.clients
            if client.in_work and client.employer is not None
        ]

    def _in_work(self, client: _Client) -> None:
        assert client.placement_on is not None and client.employer is not None
        company = client.employer
        start = client.placement_on
        coach = client.coach_on(start)
        body = {
            "client_id": client.client_id,
            "company_id": company.company_id,
            "started_on": start.isoformat(),
            "coach_id": self.api.ids[coach],
            "submission_id": self._sid("in-work", client.index),
        }
        plan_id = self.api.post(coach, self._url("coaching", "/in-work-plans"), body)["id"]
        url = self._url("coaching", f"/in-work-plans/{plan_id}")
        agreed = _weekday(start + timedelta(days=7))
        for area, weeks in (("work_community", 8), ("skills", 14)):
            goal = {
                "area": area,
                "target_date": (start + timedelta(weeks=weeks)).isoformat(),
                "agreed_on": agreed.isoformat(),
            }
            self.api.post(coach, f"{url}/goals", goal)
        steps = (
            (
                start + timedelta(days=45),
                "reviews",
                {"progress": _pick(self.rng, (("on_track", 70), ("needs_support", 30)))},
                "reviewed_on",
            ),
            (
                start + timedelta(days=85),
                "demonstration",
                {"result": _pick(self.rng, (("passed", 80), ("partly", 20)))},
                "held_on",
            ),
            (client.ends_on, "end", {"follow_on": "continued_employment"}, "ended_on"),
        )
        for day, path, payload, field in steps:
            if _weekday(day) <= self.today:
                self.api.post(coach, f"{url}/{path}", {**payload, field: _weekday(day).isoformat()})

    # --- the second project ---

    def oulu_work(self) -> list[Callable[[], object]]:
        rng = self.rng
        people: list[_Client] = []
        first = max(date(self.today.year - 1, 1, 1), self.today - timedelta(days=300))
        for n in range(max(3, min(6, self.size // 50))):
            entered = _day_between(rng, first, self.today - timedelta(days=20))
            client = self._person(10_000 + n, OULU_PROJECT, entered, "Oulu")
            client.coach = "olli"
            people.append(client)
        company = _Company(10_000, "Oulun Konepaja Oy", "Oulu", TRADES[8], first)
        steps: list[Callable[[], object]] = [partial(self._enrol, c) for c in people]
        steps.append(partial(self._oulu_company, company, rng))
        steps.append(self.api.wait_for_consumers)
        for client in people:
            days = sorted({_day_between(rng, client.entered_on, self.today) for _ in range(3)})
            for n, day in enumerate(days):
                kind = "pre_coaching" if n < 2 else "personal_coaching"
                steps.append(partial(self._oulu_session, client, day, kind, n))
            done = _weekday(client.entered_on + timedelta(days=14))
            if done <= self.today:
                steps.append(partial(self._pre_coaching_oulu, client, done))
        steps.append(partial(self._oulu_in_work, people[0], company))
        return steps

    def _oulu_company(self, company: _Company, rng: random.Random) -> None:
        body = {
            "business_id": business_id(rng, set()),
            "trade_name": company.name,
            "industry": company.kind.industry,
            "municipality": "Oulu",
            "size_class": "small",
            "registered_on": company.first_contact.isoformat(),
            "submission_id": self._sid("oulu-company"),
        }
        url = self._url("matching", "/companies", OULU_PROJECT)
        company.company_id = self.api.post("olli", url, body)["id"]

    def _oulu_session(self, client: _Client, day: date, kind: str, n: int) -> None:
        body = {
            **self._details(client, day, n),
            "kind": kind,
            "client_id": client.client_id,
            "submission_id": self._sid("oulu-session", client.index, n),
        }
        self.api.post("olli", self._url("coaching", "/sessions/held", OULU_PROJECT), body)

    def _pre_coaching_oulu(self, client: _Client, day: date) -> None:
        body = {
            "completed_on": day.isoformat(),
            "skills_mapped": True,
            "motivation": "high",
            "support_need": _pick(self.rng, (("low", 40), ("medium", 60))),
            "cv_done": True,
        }
        url = self._url("coaching", f"/clients/{client.client_id}/pre-coaching", OULU_PROJECT)
        self.api.post("olli", url, body)

    def _oulu_in_work(self, client: _Client, company: _Company) -> None:
        start = _day_between(self.rng, client.entered_on + timedelta(days=21), self.today)
        body = {
            "client_id": client.client_id,
            "company_id": company.company_id,
            "started_on": start.isoformat(),
            "submission_id": self._sid("oulu-in-work"),
        }
        self.api.post("olli", self._url("coaching", "/in-work-plans", OULU_PROJECT), body)
