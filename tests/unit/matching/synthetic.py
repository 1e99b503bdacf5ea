"""A labelled synthetic population: random clients and leads, plus one known good client
planted for each lead (with realistic gaps) and decoys that share only the easy parts.

Seeded, so that a failing recall is reproducible; the labels are the planted pairs.
"""

from __future__ import annotations

import dataclasses
import random

from services.matching.domain.occupations import ISCO_08
from services.matching.domain.profile import JobProfile
from services.matching.domain.scoring import Candidate, LeadNeeds, compile_profile, lead_needs
from services.matching.domain.vocabulary import WorkingTime
from services.matching.domain.vocabulary import WorkingTimePreference as Preference

OCCUPATIONS = sorted(ISCO_08)
MUNICIPALITIES = [f"municipality-{i:02d}" for i in range(25)]
SKILLS = [f"skill-{i:03d}" for i in range(120)]
LANGUAGES = ["fi", "sv", "en", "ru", "et", "ar", "so"]


@dataclasses.dataclass(frozen=True)
class LabelledSet:
    candidates: list[Candidate]
    leads: list[LeadNeeds]
    good_pairs: list[tuple[str, str]]
    """(lead id, client id) of each planted match."""


def _random_profile(rng: random.Random, client_id: str) -> JobProfile:
    return JobProfile(
        client_id=client_id,
        target_occupations=frozenset(rng.sample(OCCUPATIONS, rng.randint(1, 3))),
        skills=frozenset(rng.sample(SKILLS, rng.randint(3, 10))),
        languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 3))),
        municipalities=frozenset(rng.sample(MUNICIPALITIES, rng.randint(1, 4))),
        working_time=rng.choice(list(Preference)),
        driving_licence=rng.random() < 0.5,
    )


def _lead(rng: random.Random, lead_id: str) -> LeadNeeds:
    return lead_needs(
        lead_id,
        rng.choice(OCCUPATIONS),
        rng.choice(MUNICIPALITIES),
        rng.choice(list(WorkingTime)),
        rng.sample(SKILLS, rng.randint(1, 4)),
        rng.sample(LANGUAGES, rng.randint(0, 2)),
    )


def _planted(rng: random.Random, client_id: str, lead: LeadNeeds) -> JobProfile:
    """A good but imperfect fit: a skill or a language may be missing, the commute may not be
    listed, the preferred working time may differ."""
    skills = set(lead.skills)
    if len(skills) > 1 and rng.random() < 0.4:
        skills.discard(rng.choice(sorted(skills)))
    languages = set(lead.languages)
    if languages and rng.random() < 0.2:
        languages.discard(rng.choice(sorted(languages)))
    places = {lead.municipality} if rng.random() > 0.15 else set()
    places |= set(rng.sample(MUNICIPALITIES, rng.randint(0, 2)))
    preference = Preference(lead.working_time.value) if rng.random() > 0.2 else Preference.ANY
    return JobProfile(
        client_id=client_id,
        target_occupations=frozenset({lead.occupation_code, *rng.sample(OCCUPATIONS, 1)}),
        skills=frozenset(skills | set(rng.sample(SKILLS, rng.randint(0, 5)))),
        languages=frozenset(languages | {"fi"}),
        municipalities=frozenset(places),
        working_time=preference,
    )


def _decoy(rng: random.Random, client_id: str, lead: LeadNeeds) -> JobProfile:
    """Same occupation and place, but none of the skills."""
    profile = _random_profile(rng, client_id)
    return dataclasses.replace(
        profile,
        target_occupations=profile.target_occupations | {lead.occupation_code},
        skills=profile.skills - lead.skills,
        municipalities=profile.municipalities | {lead.municipality},
    )


def labelled_set(
    *, clients: int = 3000, leads: int = 200, decoys_per_lead: int = 2, seed: int = 20261123
) -> LabelledSet:
    rng = random.Random(seed)
    profiles = [_random_profile(rng, f"client-{i:05d}") for i in range(clients)]
    all_leads = [_lead(rng, f"lead-{i:04d}") for i in range(leads)]
    good: list[tuple[str, str]] = []
    for number, lead in enumerate(all_leads):
        # Random ids, so that tie-breaking by id neither helps nor hurts the planted client.
        planted_id = f"client-{rng.randrange(10**6):06d}-good-{number}"
        profiles.append(_planted(rng, planted_id, lead))
        good.append((lead.lead_id, planted_id))
        for decoy in range(decoys_per_lead):
            profiles.append(
                _decoy(rng, f"client-{rng.randrange(10**6):06d}-d{number}-{decoy}", lead)
            )
    return LabelledSet([compile_profile(p) for p in profiles], all_leads, good)
