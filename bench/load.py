"""``duuni bench load``: concurrent coaches against the services, and the capacity search.

Two deployments. ``multi`` is the one the end-to-end tests run: each service its own
``duuni serve`` process on PostgreSQL, relaying to Apache Kafka (Tansu where no Java
runs). ``embedded`` is what ``duuni up`` runs: all four services in one process on SQLite.
Simulated coaches sign in, then repeat a weighted mix of what coaches do all day, each
waiting a think time between clicks; every request's latency is recorded per action.
``--find`` steps the number of coaches (bench.capacity) to the highest load at which every
action keeps its p99 under the target.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import functools
import gc
import os
import random
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import aiohttp
import orjson
from rich.console import Console
from rich.progress import Progress, TaskID

from bench.capacity import StepResult, capacity, capacity_line, next_load, steps_table
from bench.cluster import PASSWORD, SERVICES, Cluster, proxied_broker
from bench.embedded import embedded
from bench.intake import FIRST_NAMES, LAST_NAMES, MUNICIPALITIES, people, register_bench_project
from bench.latency import LatencyRow, latency_table, row_of, server_timing, timing_table
from bench.server_cpu import CpuMeter, CpuSpent
from shared.eventlog.sql import Database

PROJECT = "S21048"
TARGET_P99_MS = 200.0
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEPLOYMENTS = ("multi", "embedded")


class Deployment(Protocol):
    """Where the services answer, and intake's database (to register the coaches)."""

    def url(self, name: str, path: str) -> str: ...

    def open_intake(self) -> Database: ...

    def server_pids(self) -> list[int]: ...


class AnswerError(Exception):
    """A seeding or sign-in request was refused."""


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """What a request got back, read whole; parsed only where the step needs it."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    def json(self) -> Any:
        return orjson.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise AnswerError(f"{self.status_code}: {self.text[:500]}")


@dataclasses.dataclass
class CoachSession:
    """One simulated coach: their own cookies, CSRF token and random choices.

    Requests go out through aiohttp: the coaches share the two cores with the services
    they measure, and httpx spent about seven times aiohttp's CPU a request here (700
    against 100 µs on a bare endpoint), CPU that the services then lacked."""

    http: aiohttp.ClientSession
    cluster: Deployment
    csrf: str
    user_id: str
    rng: random.Random
    clients: list[str]
    forms: Iterator[dict[str, Any]]
    companies: list[str]
    leads: list[str]

    async def post(self, service: str, path: str, body: dict[str, Any]) -> Answer:
        return await self.send("POST", service, path, json=body)

    async def put(self, service: str, path: str, body: dict[str, Any]) -> Answer:
        return await self.send("PUT", service, path, json=body)

    async def get(self, service: str, path: str, **params: Any) -> Answer:
        return await self.send("GET", service, path, params=params)

    async def send(self, method: str, service: str, path: str, **options: Any) -> Answer:
        headers = {"X-CSRF-Token": self.csrf} if method != "GET" else None
        url = self.cluster.url(service, path)
        async with self.http.request(method, url, headers=headers, **options) as response:
            return Answer(response.status, response.headers, await response.read())


Step = Callable[[CoachSession], Awaitable[Answer]]


@dataclasses.dataclass(frozen=True)
class Action:
    name: str
    weight: int
    step: Step


async def _enrol(coach: CoachSession) -> Answer:
    form = next(coach.forms)
    answer = await coach.post("intake", f"/api/intake/projects/{PROJECT}/clients", form)
    if answer.status_code == 201:
        coach.clients.append(answer.json()["id"])
    return answer


async def _search(coach: CoachSession) -> Answer:
    word = coach.rng.choice((*FIRST_NAMES, *LAST_NAMES)).lower()[:4]
    return await coach.get("intake", f"/api/intake/projects/{PROJECT}/clients", q=word)


async def _client_page(coach: CoachSession) -> Answer:
    client = coach.rng.choice(coach.clients)
    return await coach.get("intake", f"/p/{PROJECT}/clients/{client}")


async def _client_list_page(coach: CoachSession) -> Answer:
    return await coach.get(
        "intake", f"/p/{PROJECT}/clients", municipality=coach.rng.choice(MUNICIPALITIES)
    )


def _session_body(coach: CoachSession, client: str) -> dict[str, Any]:
    return {
        "client_id": client,
        "held_on": date.today().isoformat(),
        "starts_at": f"{coach.rng.randrange(8, 16):02d}:00",
        "duration_minutes": coach.rng.choice((30, 45, 60, 90)),
        "mode": coach.rng.choice(("in_person", "online", "phone")),
        "kind": coach.rng.choice(("personal_coaching", "job_search_help", "follow_up")),
        "topics": coach.rng.sample(("cv", "job_applications", "interview", "education"), 2),
        "note": "Kävimme läpi hakemuksia.",
    }


async def _record_session(coach: CoachSession) -> Answer:
    body = _session_body(coach, coach.rng.choice(coach.clients[:SETTLED]))
    return await coach.post("coaching", f"/api/coaching/projects/{PROJECT}/sessions/held", body)


async def _agenda(coach: CoachSession) -> Answer:
    return await coach.get("coaching", f"/api/coaching/projects/{PROJECT}/agenda")


async def _coaching_page(coach: CoachSession) -> Answer:
    return await coach.get("coaching", f"/p/{PROJECT}/coaching")


async def _rank_for_lead(coach: CoachSession) -> Answer:
    lead = coach.rng.choice(coach.leads)
    return await coach.get("matching", f"/api/matching/projects/{PROJECT}/leads/{lead}/matches")


async def _contact_company(coach: CoachSession) -> Answer:
    company = coach.rng.choice(coach.companies)
    body = {
        "kind": coach.rng.choice(("visit", "call", "email")),
        "contacted_on": date.today().isoformat(),
    }
    return await coach.post(
        "matching", f"/api/matching/projects/{PROJECT}/companies/{company}/contact-log", body
    )


ACTIONS: tuple[Action, ...] = (
    Action("intake: enrol a client (API)", 2, _enrol),
    Action("intake: search clients (API)", 4, _search),
    Action("intake: client page (HTML)", 4, _client_page),
    Action("intake: client list (HTML)", 2, _client_list_page),
    Action("coaching: record a session (API)", 4, _record_session),
    Action("coaching: my agenda (API)", 2, _agenda),
    Action("coaching: front page (HTML)", 2, _coaching_page),
    Action("matching: rank clients for a lead (API)", 3, _rank_for_lead),
    Action("matching: log a company contact (API)", 1, _contact_company),
)
SETTLED = 50
"""Sessions go to the first seeded clients, whom coaching is sure to know by then."""


def business_id(n: int) -> str:
    digits = f"{2_000_000 + n:07d}"
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return business_id(n + 10_000)
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


async def _seed(sessions: list[CoachSession], clients: int, console: Console) -> None:
    """Clients, their job profiles, companies and leads; waits until every service knows."""
    first = sessions[0]
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"enrolling {clients} clients", total=clients)
        for _ in range(clients):
            (await _enrol(first)).raise_for_status()
            progress.advance(task)
    await _until_known(first, lambda: first.post(
        "coaching", f"/api/coaching/projects/{PROJECT}/sessions/held",
        _session_body(first, first.clients[-1]),
    ))  # fmt: skip
    for client in first.clients:
        profile = {
            "target_occupations": [first.rng.choice(OCCUPATIONS)],
            "skills": first.rng.sample(SKILLS, 3),
            "languages": ["fi"],
            "municipalities": first.rng.sample(MUNICIPALITIES, 2),
            "matching_consent": True,
        }
        path = f"/api/matching/projects/{PROJECT}/clients/{client}/profile"
        await _until_known(first, functools.partial(first.put, "matching", path, profile))
    for n in range(10):
        company = await first.post("matching", f"/api/matching/projects/{PROJECT}/companies", {
            "business_id": business_id(n), "trade_name": f"Yritys {n} Oy", "industry": "56101",
            "municipality": MUNICIPALITIES[n % len(MUNICIPALITIES)], "size_class": "small",
        })  # fmt: skip
        company.raise_for_status()
        first.companies.append(company.json()["id"])
        for k in range(2):
            lead = await first.post("matching", f"/api/matching/projects/{PROJECT}/leads", {
                "company_id": first.companies[-1], "kind": "hidden_job",
                "occupation_code": OCCUPATIONS[(n + k) % len(OCCUPATIONS)],
                "municipality": MUNICIPALITIES[n % len(MUNICIPALITIES)],
                "working_time": "full_time", "found_on": date.today().isoformat(),
                "required_skills": SKILLS[k : k + 2], "required_languages": ["fi"],
            })  # fmt: skip
            lead.raise_for_status()
            first.leads.append(lead.json()["id"])


async def _until_known(
    coach: CoachSession, attempt: Callable[[], Awaitable[Answer]], patience: float = 60
) -> None:
    """Repeat a write until the service has heard of its client from intake's topic."""
    deadline = time.monotonic() + patience
    while True:
        answer = await attempt()
        if answer.status_code < 400:
            return
        if time.monotonic() > deadline or answer.status_code not in (404, 422):
            answer.raise_for_status()
            raise RuntimeError(f"refused: {answer.text}")
        await asyncio.sleep(0.2)


OCCUPATIONS = ("5120", "9112", "8322", "4110", "5223")
SKILLS = ["customer service", "cleaning", "driving", "cooking", "warehouse", "office"]


def _forms(seed: int) -> Iterator[dict[str, Any]]:
    """An endless supply of distinct enrolment forms for one coach."""
    for n, form in enumerate(people(1_000_000, seed=seed)):
        yield form | {"submission_id": f"load-{seed}-{n}"}


def _register_project(deployment: Deployment) -> None:
    database = deployment.open_intake()
    try:
        register_bench_project(database, planned_participants=5000)
    finally:
        database.dispose()


def _add_coaches(deployment: Deployment, first: int, count: int) -> list[str]:
    """Coaches' accounts straight in intake's store: ``coach<first>`` onwards."""
    from services.intake.adapters.accounts import SqlAccountStore
    from services.intake.service_layer.accounts import create_user

    database = deployment.open_intake()
    try:
        store = SqlAccountStore(database).create()
        names = [f"coach{n:03d}" for n in range(first, first + count)]
        for name in names:
            create_user(
                store, username=name, password=PASSWORD, roles=["coach"], projects=[PROJECT]
            )
    finally:
        database.dispose()
    return names


async def _sign_in(
    deployment: Deployment,
    username: str,
    seed: int,
    clients: list[str],
    companies: list[str],
    leads: list[str],
) -> CoachSession:
    http = aiohttp.ClientSession(
        # Idle connections are dropped before the server's keep-alive timeout can race a
        # request; the cookie jar takes the session cookie of a numeric address.
        connector=aiohttp.TCPConnector(limit=4, keepalive_timeout=2.0),
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        timeout=aiohttp.ClientTimeout(total=30),
    )
    signing_in = {"username": username, "password": PASSWORD}
    url = deployment.url("intake", "/api/intake/session")
    async with http.post(url, json=signing_in) as answer:
        answer.raise_for_status()
        body = await answer.json()
    return CoachSession(
        http, deployment, body["csrf_token"], body["user_id"], random.Random(seed), clients,
        _forms(seed), companies, leads,
    )  # fmt: skip


@dataclasses.dataclass
class Crowd:
    """The signed-in coaches and what they share; grows as the load steps up."""

    deployment: Deployment
    sessions: list[CoachSession] = dataclasses.field(default_factory=list)
    clients: list[str] = dataclasses.field(default_factory=list)
    companies: list[str] = dataclasses.field(default_factory=list)
    leads: list[str] = dataclasses.field(default_factory=list)

    async def grow(self, coaches: int) -> None:
        have = len(self.sessions)
        if coaches <= have:
            return
        if not have:
            _register_project(self.deployment)
        names = await asyncio.to_thread(_add_coaches, self.deployment, have, coaches - have)
        self.sessions += await asyncio.gather(*(
            _sign_in(self.deployment, name, 1000 + n, self.clients, self.companies, self.leads)
            for n, name in enumerate(names, start=have)
        ))  # fmt: skip

    async def close(self) -> None:
        for session in self.sessions:
            await session.http.close()


@dataclasses.dataclass
class Measured:
    samples: dict[str, list[float]]
    errors: dict[str, collections.Counter[str]]
    """Per action, the failed requests by what came back: an HTTP status or an exception."""
    seconds: float
    timings: dict[str, list[dict[str, float]]]
    """Per action, the server-side spans of each answer (its ``Server-Timing`` header)."""
    cpu: CpuSpent | None = None
    """What the services' processes spent over the counted stretch (Linux only)."""

    @property
    def requests(self) -> int:
        return sum(len(values) for values in self.samples.values())

    @property
    def failed(self) -> int:
        return sum(sum(kinds.values()) for kinds in self.errors.values())

    def errors_line(self) -> str:
        """The failures by action and kind, e.g. ``enrol a client: 2 × 409``."""
        return "; ".join(
            f"{action}: " + ", ".join(f"{n} × {kind}" for kind, n in sorted(kinds.items()))
            for action, kinds in self.errors.items()
            if kinds
        )

    def cpu_line(self) -> str:
        if self.cpu is None:
            return "services' CPU: not measured here"
        cpu = self.cpu
        generator = cpu.generator_seconds / cpu.elapsed if cpu.elapsed else 0.0
        busy = "" if cpu.machine_busy is None else f", the machine {cpu.machine_busy:.0%} busy"
        return (
            f"services' CPU: {cpu.per_request_ms(self.requests):.1f} ms a request, "
            f"{cpu.cores:.2f} of a core (the load generator {generator:.2f}){busy}"
        )

    def rows(self) -> list[LatencyRow]:
        rows = [
            row_of(name, values, self.seconds, target_p99_ms=TARGET_P99_MS)
            for name, values in self.samples.items()
            if values
        ]
        everything = [value for values in self.samples.values() for value in values]
        if everything:
            rows.append(
                row_of("all actions", everything, self.seconds, target_p99_ms=TARGET_P99_MS)
            )
        return rows


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in the load generator while it measures.

    The generator's one event loop times every coach's requests; a collection of its
    own stops them all at once. Timed here at 100 coaches, full collections took 79 and
    97 ms and middle ones 15 to 19 ms: every request in flight then looked that much
    slower than the services made it. The garbage of a run (tens of megabytes at most)
    is collected after it.
    """
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()
        gc.collect()


async def _measure(
    sessions: list[CoachSession],
    seconds: float,
    think: float,
    warm_up: float = 0.0,
    progress: Callable[[float], None] = lambda _done: None,
) -> Measured:
    """The coaches click for ``warm_up`` + ``seconds``; requests started in the warm-up are
    not counted, nor is the services' CPU spent meanwhile."""
    pids = sessions[0].cluster.server_pids() if sessions else []
    samples: dict[str, list[float]] = {action.name: [] for action in ACTIONS}
    errors: dict[str, collections.Counter[str]] = {
        action.name: collections.Counter() for action in ACTIONS
    }
    timings: dict[str, list[dict[str, float]]] = {action.name: [] for action in ACTIONS}
    weights = [action.weight for action in ACTIONS]
    began = time.monotonic()
    counted_from = began + warm_up
    deadline = counted_from + seconds

    async def coach_loop(session: CoachSession) -> None:
        await asyncio.sleep(session.rng.uniform(0, think or 0.01))  # not all at once
        while time.monotonic() < deadline:
            action = session.rng.choices(ACTIONS, weights)[0]
            counted = time.monotonic() >= counted_from
            started = time.perf_counter()
            try:
                answer = await action.step(session)
            except (aiohttp.ClientError, TimeoutError) as error:
                if counted:
                    errors[action.name][type(error).__name__] += 1
                continue
            if counted:
                samples[action.name].append((time.perf_counter() - started) * 1000)
                if answer.status_code >= 400:
                    errors[action.name][_failure(answer)] += 1
                if header := answer.headers.get("server-timing"):
                    timings[action.name].append(server_timing(header))
            if think:
                pause = session.rng.expovariate(1 / think)
                await asyncio.sleep(max(0.0, min(pause, deadline - time.monotonic())))

    async def ticker() -> None:
        while time.monotonic() < deadline:
            progress(time.monotonic() - began)
            await asyncio.sleep(0.5)

    async def metered() -> CpuMeter:
        await asyncio.sleep(warm_up)
        return CpuMeter(pids)

    ticking = asyncio.create_task(ticker())
    meter = asyncio.create_task(metered())
    with _collector_paused():
        await asyncio.gather(*(coach_loop(session) for session in sessions))
    ticking.cancel()
    spent = (await meter).stop()
    # No request starts after the deadline.
    return Measured(samples, errors, seconds, timings, spent)


@contextlib.contextmanager
def deployment_of(kind: str, postgres_url: str | None = None) -> Iterator[tuple[Deployment, str]]:
    """The running deployment and a line describing it; stopped and removed after."""
    with tempfile.TemporaryDirectory(prefix="duuni-load-") as folder:
        if kind == "embedded":
            with embedded(Path(folder)) as running:
                yield running, "one process (duuni up) on SQLite"
            return
        url = postgres_url or os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES
        with proxied_broker() as broker:
            cluster = Cluster(Path(folder), url, broker.bootstrap, idempotence=broker.idempotence)
            try:
                for name in SERVICES:
                    cluster.start(name)
                yield cluster, f"four service processes on PostgreSQL + {broker.name}"
            finally:
                with contextlib.suppress(Exception):
                    cluster.stop_all()
                cluster.drop_schemas()


def run_load_benchmark(
    coaches: int = 50,
    seconds: float = 60.0,
    think: float = 5.0,
    seed_clients: int = 200,
    console: Console | None = None,
    postgres_url: str | None = None,
    deployment: str = "multi",
    warm_up: float = 0.0,
) -> list[LatencyRow]:
    """``warm_up`` seconds of work at the start are not counted: each coach's first
    requests, which must ask who is signed in, and the services' cold caches."""
    console = console or Console()

    async def run(target: Deployment) -> Measured:
        crowd = Crowd(target)
        try:
            await crowd.grow(coaches)
            await _seed(crowd.sessions, max(seed_clients, SETTLED), console)
            return await _measure(crowd.sessions, seconds, think, warm_up)
        finally:
            await crowd.close()

    with deployment_of(deployment, postgres_url) as (target, described):
        measured = asyncio.run(run(target))
    if measured.failed:
        console.print(
            f"[red]{measured.failed} requests failed: {measured.errors_line()}[/red]",
            highlight=False,
        )
    rows = measured.rows()
    title = (
        f"load: {coaches} coaches, think time {think:g} s, {warm_up:g} s warm-up + {seconds:g} s,"
        f" {described} "
        f"(p99 target < {TARGET_P99_MS:g} ms)"
    )
    console.print(latency_table(rows, title))
    console.print(timing_table(measured.timings, "where the time goes, server-side"))
    tail = "where the slowest 5 % of each write's answers spent their time, server-side"
    console.print(timing_table(measured.timings, tail, slowest=0.05))
    console.print(measured.cpu_line(), highlight=False)
    return rows


def step_result(coaches: int, measured: Measured) -> StepResult:
    rows = [row for row in measured.rows() if row.action != "all actions"]
    worst = max(rows, key=lambda row: row.p99_ms, default=None)
    return StepResult(
        coaches=coaches,
        requests=sum(row.requests for row in rows),
        seconds=measured.seconds,
        worst_p99_ms=worst.p99_ms if worst else float("inf"),
        worst_action=worst.action if worst else "—",
        errors=measured.failed,
        target_p99_ms=TARGET_P99_MS,
        cpu_ms=measured.cpu.per_request_ms(measured.requests) if measured.cpu else None,
        cores=measured.cpu.cores if measured.cpu else None,
        machine_busy=measured.cpu.machine_busy if measured.cpu else None,
    )


def _failure(answer: Answer) -> str:
    """The status, with the problem's ``code`` when the body is a problem document."""
    try:
        code = answer.json().get("code")
    except (ValueError, AttributeError):  # orjson's JSONDecodeError is a ValueError
        code = None
    return f"{answer.status_code} {code}" if code else str(answer.status_code)


def _kinds(measured: Measured) -> str:
    return f" ({measured.errors_line()})" if measured.failed else ""


def _advance(progress: Progress, task: TaskID, done: float) -> None:
    progress.update(task, completed=done)


def find_capacity(
    deployment: str = "multi",
    seconds: float = 20.0,
    warm_up: float = 5.0,
    think: float = 1.0,
    seed_clients: int = 100,
    console: Console | None = None,
    postgres_url: str | None = None,
) -> list[StepResult]:
    """Step the coaches up, then bisect, until the capacity is known; print every step."""
    console = console or Console()
    results: list[StepResult] = []
    timings: dict[int, dict[str, list[dict[str, float]]]] = {}

    async def run(target: Deployment) -> None:
        crowd = Crowd(target)
        try:
            await crowd.grow(1)
            await _seed(crowd.sessions, max(seed_clients, SETTLED), console)
            while (coaches := next_load({r.coaches: r.passed for r in results})) is not None:
                with Progress(console=console, transient=True) as progress:
                    task = progress.add_task(f"{deployment}: signing in {coaches} coaches")
                    await crowd.grow(coaches)
                    progress.update(
                        task, description=f"{deployment}: {coaches} coaches",
                        total=warm_up + seconds,
                    )  # fmt: skip
                    measured = await _measure(
                        crowd.sessions[:coaches], seconds, think, warm_up,
                        functools.partial(_advance, progress, task),
                    )  # fmt: skip
                result = step_result(coaches, measured)
                results.append(result)
                timings[coaches] = measured.timings
                console.print(
                    f"{deployment}: {coaches} coaches → {result.per_second:,.0f} req/s, "
                    f"worst p99 {result.worst_p99_ms:.0f} ms ({result.worst_action}), "
                    f"{result.errors} errors{_kinds(measured)}, {measured.cpu_line()}: "
                    f"{'pass' if result.passed else 'FAIL'}",
                    highlight=False,
                )
        finally:
            await crowd.close()

    with contextlib.ExitStack() as stack:
        with console.status(f"{deployment}: starting the services"):
            target, described = stack.enter_context(deployment_of(deployment, postgres_url))
        asyncio.run(run(target))
    title = (
        f"capacity search: {described}; think time {think:g} s, {warm_up:g} s warm-up + "
        f"{seconds:g} s a step; pass: every action's p99 < {TARGET_P99_MS:g} ms"
    )
    console.print(steps_table(results, title))
    found = capacity({r.coaches: r.passed for r in results}) or min(timings, default=0)
    if found in timings:
        console.print(timing_table(timings[found], f"where the time goes at {found} coaches"))
    failed = min((r.coaches for r in results if not r.passed), default=None)
    if failed is not None:
        title = f"where the slowest 5 % of each write's answers went at {failed} coaches"
        console.print(timing_table(timings[failed], title, slowest=0.05))
    console.print(capacity_line(deployment, results, think), highlight=False)
    return results
