"""Explained, deterministic scores between a job lead and clients' job profiles.

A score is the sum of five parts, each with its own maximum (100 in all):

==============  ====  ====================================================================
part            max   points
==============  ====  ====================================================================
occupation      40    the lead's ISCO-08 unit group is a target (40); same minor group,
                      first three digits (24); same sub-major group, first two (12)
skills          25    share of the lead's required skills the client has (a lead needing
                      a driving licence lists it among them); all 25 when none required
commute         15    the lead's municipality is one the client can commute to
working_time    10    as preferred, or the client accepts any (10); part-time vs gig (5)
languages       10    share of the lead's required languages the client speaks
==============  ====  ====================================================================

Ties are broken by id, so that the same inputs always rank the same way. Only a
``JobProfile`` is read: nothing about gender, age, origin, disability or health can enter.

Ranking is two passes, for speed: the first computes integer totals over precompiled
frozensets (a few microseconds per client), the second explains only the rows returned.
Ids are unique within a ranking (a later duplicate replaces an earlier one).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Iterable, Sequence

from services.matching.domain.profile import JobProfile
from services.matching.domain.skills import municipality
from services.matching.domain.vocabulary import DRIVING_LICENCE, WorkingTime
from services.matching.domain.vocabulary import WorkingTimePreference as Preference

OCCUPATION, SKILLS, COMMUTE, WORKING_TIME, LANGUAGES = (
    "occupation",
    "skills",
    "commute",
    "working_time",
    "languages",
)
MAX_POINTS: dict[str, int] = {
    OCCUPATION: 40,
    SKILLS: 25,
    COMMUTE: 15,
    WORKING_TIME: 10,
    LANGUAGES: 10,
}
EXACT, MINOR_GROUP, SUB_MAJOR_GROUP = 40, 24, 12

_WORKING_TIME_POINTS: dict[tuple[Preference, WorkingTime], int] = {
    (preference, offered): (
        10
        if preference is Preference.ANY or preference.value == offered.value
        else 5
        if {preference.value, offered.value} == {"part_time", "gig"}
        else 0
    )
    for preference in Preference
    for offered in WorkingTime
}


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LeadNeeds:
    """What a lead asks for, in the scorer's normal forms."""

    lead_id: str
    occupation_code: str
    municipality: str
    working_time: WorkingTime
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()


def lead_needs(
    lead_id: str,
    occupation_code: str,
    place: str,
    working_time: WorkingTime,
    skills: Iterable[str] = (),
    languages: Iterable[str] = (),
) -> LeadNeeds:
    return LeadNeeds(
        lead_id=lead_id,
        occupation_code=occupation_code,
        municipality=municipality(place),
        working_time=working_time,
        skills=frozenset(skills),
        languages=frozenset(languages),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """A profile compiled for scoring: occupation groups and skills as frozensets."""

    client_id: str
    occupations: frozenset[str]
    minor_groups: frozenset[str]
    sub_major_groups: frozenset[str]
    skills: frozenset[str]
    languages: frozenset[str]
    municipalities: frozenset[str]
    working_time: Preference


def compile_profile(profile: JobProfile) -> Candidate:
    occupations = profile.target_occupations
    skills = profile.skills | {DRIVING_LICENCE} if profile.driving_licence else profile.skills
    return Candidate(
        profile.client_id,
        occupations,
        frozenset(code[:3] for code in occupations),
        frozenset(code[:2] for code in occupations),
        frozenset(skills),
        profile.languages,
        frozenset(municipality(m) for m in profile.municipalities),
        profile.working_time,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class ScorePart:
    """One part of a score: its points, its maximum, and what matched and what did not."""

    part: str
    points: int
    max_points: int
    reason: str
    """A stable code the pages translate: exact, minor_group, none, commutable..."""
    matched: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """A ranked client (for a lead) or lead (for a client), with the score's parts."""

    client_id: str
    lead_id: str
    score: int
    parts: tuple[ScorePart, ...]


def _share(points: int, required: frozenset[str], offered: frozenset[str]) -> int:
    if not required:
        return points
    return points * len(required & offered) // len(required)


def score(lead: LeadNeeds, candidate: Candidate) -> int:
    """The total alone; ``explain`` gives the same total with its parts."""
    code = lead.occupation_code
    if code in candidate.occupations:
        total = EXACT
    elif code[:3] in candidate.minor_groups:
        total = MINOR_GROUP
    elif code[:2] in candidate.sub_major_groups:
        total = SUB_MAJOR_GROUP
    else:
        total = 0
    total += _share(MAX_POINTS[SKILLS], lead.skills, candidate.skills)
    total += MAX_POINTS[COMMUTE] if lead.municipality in candidate.municipalities else 0
    total += _WORKING_TIME_POINTS[candidate.working_time, lead.working_time]
    return total + _share(MAX_POINTS[LANGUAGES], lead.languages, candidate.languages)


def explain(lead: LeadNeeds, candidate: Candidate) -> Match:
    code = lead.occupation_code
    if code in candidate.occupations:
        occupation = ScorePart(OCCUPATION, EXACT, EXACT, "exact", (code,))
    elif code[:3] in candidate.minor_groups:
        near = tuple(sorted(c for c in candidate.occupations if c[:3] == code[:3]))
        occupation = ScorePart(OCCUPATION, MINOR_GROUP, EXACT, "minor_group", near, (code,))
    elif code[:2] in candidate.sub_major_groups:
        near = tuple(sorted(c for c in candidate.occupations if c[:2] == code[:2]))
        occupation = ScorePart(OCCUPATION, SUB_MAJOR_GROUP, EXACT, "sub_major_group", near, (code,))
    else:
        occupation = ScorePart(OCCUPATION, 0, EXACT, "none", (), (code,))
    commutable = lead.municipality in candidate.municipalities
    working_time = _WORKING_TIME_POINTS[candidate.working_time, lead.working_time]
    parts = (
        occupation,
        _overlap(SKILLS, lead.skills, candidate.skills),
        ScorePart(
            COMMUTE,
            MAX_POINTS[COMMUTE] if commutable else 0,
            MAX_POINTS[COMMUTE],
            "commutable" if commutable else "not_commutable",
            (lead.municipality,) if commutable else (),
            () if commutable else (lead.municipality,),
        ),
        ScorePart(
            WORKING_TIME,
            working_time,
            MAX_POINTS[WORKING_TIME],
            "as_preferred" if working_time == 10 else "close" if working_time else "other",
            (lead.working_time.value,) if working_time else (),
            () if working_time else (lead.working_time.value,),
        ),
        _overlap(LANGUAGES, lead.languages, candidate.languages),
    )
    return Match(candidate.client_id, lead.lead_id, sum(p.points for p in parts), parts)


def _overlap(part: str, required: frozenset[str], offered: frozenset[str]) -> ScorePart:
    top = MAX_POINTS[part]
    if not required:
        return ScorePart(part, top, top, "none_required")
    matched = tuple(sorted(required & offered))
    missing = tuple(sorted(required - offered))
    reason = "all" if not missing else "some" if matched else "none"
    return ScorePart(part, _share(top, required, offered), top, reason, matched, missing)


def rank_clients(
    lead: LeadNeeds, candidates: Iterable[Candidate], limit: int | None = None
) -> list[Match]:
    """Clients best first; equal scores in client-id order."""
    code, minor, sub_major = (
        lead.occupation_code,
        lead.occupation_code[:3],
        lead.occupation_code[:2],
    )
    skills, languages, place = lead.skills, lead.languages, lead.municipality
    n_skills, n_languages = len(skills), len(languages)
    skill_top, language_top, commute_top = (
        MAX_POINTS[SKILLS],
        MAX_POINTS[LANGUAGES],
        MAX_POINTS[COMMUTE],
    )
    time_points = {p: _WORKING_TIME_POINTS[p, lead.working_time] for p in Preference}
    by_id: dict[str, Candidate] = {}
    totals: list[tuple[int, str]] = []
    append = totals.append
    for c in candidates:  # the hot loop: inlined ``score``, the same arithmetic
        if code in c.occupations:
            total = EXACT
        elif minor in c.minor_groups:
            total = MINOR_GROUP
        elif sub_major in c.sub_major_groups:
            total = SUB_MAJOR_GROUP
        else:
            total = 0
        total += skill_top * len(skills & c.skills) // n_skills if n_skills else skill_top
        if place in c.municipalities:
            total += commute_top
        total += time_points[c.working_time]
        if n_languages:
            total += language_top * len(languages & c.languages) // n_languages
        else:
            total += language_top
        append((-total, c.client_id))
        by_id[c.client_id] = c
    chosen = sorted(totals) if limit is None else heapq.nsmallest(limit, totals)
    return [explain(lead, by_id[client_id]) for _, client_id in chosen]


def rank_leads(
    candidate: Candidate, leads: Iterable[LeadNeeds], limit: int | None = None
) -> list[Match]:
    """Leads best first for one client; equal scores in lead-id order."""
    totals = sorted(
        ((-score(lead, candidate), lead.lead_id, lead) for lead in leads), key=_rank_key
    )
    chosen = totals if limit is None else totals[:limit]
    return [explain(lead, candidate) for _, _, lead in chosen]


def _rank_key(row: tuple[int, str, object]) -> tuple[int, str]:
    return row[0], row[1]


def ranked_ids(matches: Sequence[Match], *, by: str = "client") -> list[str]:
    return [m.client_id if by == "client" else m.lead_id for m in matches]
