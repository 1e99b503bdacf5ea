"""``duuni bench matching``: how long ranking every client of a project for one lead takes.

A seeded synthetic project of ``clients`` job profiles (one to three target occupations
from the ISCO-08 table, three to ten of 120 skills, one to four of 25 municipalities) is
compiled once, as the matching service keeps its candidate sets; then one lead is ranked
against all of them ``repeats`` times, each a full ranking with the top 20 explained.
Rows report the median and the 95th-percentile time; the target is under 100 ms for
10,000 clients on the 2-core development machine, in pure Python.

Two more rows go through the service's read model on SQLite, as a lead's page does: cold
(the candidate sets compiled from the tables) and warm (the ``CandidatePool`` reused
while no event arrived).
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from sqlalchemy import insert

from bench.report import BenchRow, table
from services.matching.adapters import tables
from services.matching.adapters.read_model import SqlReadModel
from services.matching.domain.occupations import ISCO_08
from services.matching.domain.profile import JobProfile
from services.matching.domain.scoring import Candidate, LeadNeeds, compile_profile, lead_needs
from services.matching.domain.scoring import rank_clients as rank
from services.matching.domain.vocabulary import WorkingTime
from services.matching.domain.vocabulary import WorkingTimePreference as Preference
from services.matching.service_layer.ranking import CandidatePool, clients_for_lead
from shared.eventlog.sql import Database, open_database

ENGINE = "matching"
TOP = 20


def _population(clients: int, seed: int) -> tuple[list[Candidate], LeadNeeds]:
    rng = random.Random(seed)
    codes = sorted(ISCO_08)
    places = [f"municipality-{i:02d}" for i in range(25)]
    skills = [f"skill-{i:03d}" for i in range(120)]
    languages = ["fi", "sv", "en", "ru", "et", "ar", "so"]
    candidates = [
        compile_profile(
            JobProfile(
                client_id=f"{rng.getrandbits(128):032x}",
                target_occupations=frozenset(rng.sample(codes, rng.randint(1, 3))),
                skills=frozenset(rng.sample(skills, rng.randint(3, 10))),
                languages=frozenset(rng.sample(languages, rng.randint(1, 3))),
                municipalities=frozenset(rng.sample(places, rng.randint(1, 4))),
                working_time=rng.choice(list(Preference)),
                driving_licence=rng.random() < 0.5,
            )
        )
        for _ in range(clients)
    ]
    lead = lead_needs("lead", codes[7], places[3], WorkingTime.FULL_TIME, skills[:3], languages[:1])
    return candidates, lead


def run_matching_benchmark(
    clients: int = 10_000, repeats: int = 50, console: Console | None = None
) -> list[BenchRow]:
    """Rank ``clients`` for one lead ``repeats`` times; rows for the median and the p95."""
    candidates, lead = _population(clients, seed=20261123)
    rank(lead, candidates, limit=TOP)  # warm up
    seconds: list[float] = []
    gc.collect()
    for _ in range(repeats):
        started = time.perf_counter()
        rank(lead, candidates, limit=TOP)
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    p95 = sorted(seconds)[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    rows = [
        BenchRow(ENGINE, f"median {median * 1000:.1f} ms", clients, median, clients / median),
        BenchRow(ENGINE, f"p95 {p95 * 1000:.1f} ms", clients, p95, clients / p95),
    ]
    rows += _through_the_read_model(candidates, lead, max(3, repeats // 10))
    title = f"Ranking {clients:,} clients for one lead ({repeats} runs, top {TOP} explained)"
    (console or Console()).print(table(rows, title))
    return rows


def _through_the_read_model(
    candidates: list[Candidate], lead: LeadNeeds, repeats: int
) -> list[BenchRow]:
    """The same ranking as a lead's page runs it: from the read model's tables."""
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as folder:
        db = open_database(
            f"sqlite:///{Path(folder) / 'matching.sqlite3'}", sqlite_synchronous="NORMAL"
        )
        try:
            read = SqlReadModel(db).create()
            _fill(db, candidates, lead)
            cold = _timed(lambda: clients_for_lead(read, "P", lead.lead_id, TOP), repeats)
            pool = CandidatePool(read)
            clients_for_lead(read, "P", lead.lead_id, TOP, pool)
            warm = _timed(lambda: clients_for_lead(read, "P", lead.lead_id, TOP, pool), repeats)
        finally:
            db.dispose()
    n = len(candidates)
    return [
        BenchRow(ENGINE, f"read model cold {cold * 1000:.0f} ms", n, cold, n / cold),
        BenchRow(ENGINE, f"read model warm {warm * 1000:.1f} ms", n, warm, n / warm),
    ]


def _timed(run: Callable[[], object], repeats: int) -> float:
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def _fill(db: Database, candidates: list[Candidate], lead: LeadNeeds) -> None:
    day = date(2026, 11, 23)
    with db.engine.begin() as conn:
        conn.execute(
            insert(tables.clients),
            [
                {
                    "client_id": c.client_id,
                    "project_id": "P",
                    "coach_id": "coach",
                    "active": True,
                    "consent_given": True,
                }
                for c in candidates
            ],
        )
        conn.execute(
            insert(tables.profiles),
            [
                {
                    "client_id": c.client_id,
                    "project_id": "P",
                    "target_occupations": sorted(c.occupations),
                    "skills": sorted(c.skills),
                    "languages": sorted(c.languages),
                    "municipalities": sorted(c.municipalities),
                    "working_time": c.working_time.value,
                    "driving_licence": False,
                    "matching_consent": True,
                    "updated_on": day,
                }
                for c in candidates
            ],
        )
        conn.execute(
            insert(tables.leads).values(
                lead_id=lead.lead_id,
                project_id="P",
                company_id="company",
                kind="hidden_job",
                occupation_code=lead.occupation_code,
                occupation_label="",
                municipality=lead.municipality,
                working_time=lead.working_time.value,
                found_on=day,
                wage_subsidy_eligible=False,
                required_skills=sorted(lead.skills),
                required_languages=sorted(lead.languages),
                status="open",
            )
        )
