"""Scores: explained by their parts, deterministic, and ranked best first."""

from __future__ import annotations

import dataclasses

from services.matching.domain.profile import JobProfile
from services.matching.domain.scoring import (
    MAX_POINTS,
    Candidate,
    LeadNeeds,
    compile_profile,
    explain,
    lead_needs,
    rank_clients,
    rank_leads,
    score,
)
from services.matching.domain.vocabulary import WorkingTime
from services.matching.domain.vocabulary import WorkingTimePreference as Preference

BAKER_LEAD = lead_needs(
    "lead-1",
    "7512",
    "Tampere",
    WorkingTime.FULL_TIME,
    {"dough making", "hygiene passport"},
    {"fi"},
)


def a_candidate(client_id: str = "c1", **changes: object) -> Candidate:
    profile = JobProfile(
        client_id=client_id,
        target_occupations=frozenset({"7512"}),
        skills=frozenset({"dough making", "hygiene passport"}),
        languages=frozenset({"fi"}),
        municipalities=frozenset({"Tampere"}),
        working_time=Preference.FULL_TIME,
    )
    return compile_profile(dataclasses.replace(profile, **changes))  # type: ignore[arg-type]


def test_a_perfect_fit_scores_every_point() -> None:
    match = explain(BAKER_LEAD, a_candidate())
    assert match.score == sum(MAX_POINTS.values())
    assert all(part.points == part.max_points for part in match.parts)


def test_the_parts_name_what_matched_and_what_is_missing() -> None:
    candidate = a_candidate(
        target_occupations=frozenset({"7513", "7515"}),
        skills=frozenset({"hygiene passport"}),
        municipalities=frozenset({"Nokia"}),
        working_time=Preference.GIG,
    )
    parts = {part.part: part for part in explain(BAKER_LEAD, candidate).parts}
    assert (parts["occupation"].reason, parts["occupation"].points) == ("minor_group", 24)
    assert parts["skills"].matched == ("hygiene passport",)
    assert parts["skills"].missing == ("dough making",)
    assert parts["skills"].points == 12  # 25 * 1 // 2
    assert (parts["commute"].points, parts["commute"].missing) == (0, ("tampere",))
    assert parts["working_time"].points == 0
    assert parts["languages"].reason == "all"


def test_the_explained_score_is_the_score_and_the_sum_of_its_parts() -> None:
    variants = [
        a_candidate(target_occupations=frozenset({"7000"})),
        a_candidate(languages=frozenset()),
        a_candidate(working_time=Preference.PART_TIME),
        a_candidate(working_time=Preference.ANY, skills=frozenset()),
    ]
    for candidate in variants:
        match = explain(BAKER_LEAD, candidate)
        assert match.score == score(BAKER_LEAD, candidate) == sum(p.points for p in match.parts)


def test_part_time_and_gig_are_close_and_any_accepts_all() -> None:
    gig_lead = dataclasses.replace(BAKER_LEAD, working_time=WorkingTime.GIG)
    part = {
        p.part: p for p in explain(gig_lead, a_candidate(working_time=Preference.PART_TIME)).parts
    }
    assert (part["working_time"].points, part["working_time"].reason) == (5, "close")
    anyone = explain(gig_lead, a_candidate(working_time=Preference.ANY))
    assert anyone.parts[3].points == MAX_POINTS["working_time"]


def test_a_driving_licence_counts_as_the_required_skill() -> None:
    lead = dataclasses.replace(BAKER_LEAD, skills=frozenset({"driving_licence"}))
    without = score(lead, a_candidate())
    with_licence = score(lead, a_candidate(driving_licence=True))
    assert with_licence - without == MAX_POINTS["skills"]


def test_clients_rank_best_first_and_ties_by_id() -> None:
    weak = a_candidate("a-weak", municipalities=frozenset({"Oulu"}))
    tied_late, tied_early = a_candidate("z-best"), a_candidate("b-best")
    ranked = rank_clients(BAKER_LEAD, [weak, tied_late, tied_early])
    assert [m.client_id for m in ranked] == ["b-best", "z-best", "a-weak"]
    assert ranked == rank_clients(BAKER_LEAD, [tied_early, weak, tied_late])


def test_a_limit_keeps_the_best() -> None:
    skills = sorted(BAKER_LEAD.skills)
    candidates = [a_candidate(f"c{i}", skills=frozenset(skills[: i % 3])) for i in range(9)]
    everyone = rank_clients(BAKER_LEAD, candidates)
    top = rank_clients(BAKER_LEAD, candidates, limit=3)
    assert top == everyone[:3]
    assert min(m.score for m in top) > max(m.score for m in everyone[3:])


def test_leads_rank_for_a_client_with_ties_by_lead_id() -> None:
    far = dataclasses.replace(BAKER_LEAD, lead_id="l-far", municipality="oulu")
    same_b = dataclasses.replace(BAKER_LEAD, lead_id="l-b")
    same_a = dataclasses.replace(BAKER_LEAD, lead_id="l-a")
    ranked = rank_leads(a_candidate(), [far, same_b, same_a])
    assert [m.lead_id for m in ranked] == ["l-a", "l-b", "l-far"]


def test_needs_compare_municipalities_in_normal_form() -> None:
    lead: LeadNeeds = lead_needs("l", "7512", "  TAMPERE ", WorkingTime.FULL_TIME)
    commute = explain(lead, a_candidate()).parts[2]
    assert commute.points == MAX_POINTS["commute"]
