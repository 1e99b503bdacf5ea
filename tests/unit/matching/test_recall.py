"""Ranking quality on the labelled synthetic set: the known good pairs land in the top 5."""

from __future__ import annotations

import random

import pytest

from services.matching.domain.scoring import rank_clients, rank_leads
from tests.unit.matching.synthetic import LabelledSet, labelled_set

REQUIRED_RECALL = 0.9


@pytest.fixture(scope="module")
def population() -> LabelledSet:
    return labelled_set()


def test_top_5_clients_of_a_lead_recall_the_known_good_client(population: LabelledSet) -> None:
    leads = {lead.lead_id: lead for lead in population.leads}
    hits = 0
    for lead_id, client_id in population.good_pairs:
        top = rank_clients(leads[lead_id], population.candidates, limit=5)
        hits += client_id in {m.client_id for m in top}
    recall = hits / len(population.good_pairs)
    print(f"top-5 recall, clients for a lead: {recall:.3f} over {len(population.good_pairs)}")
    assert recall >= REQUIRED_RECALL


def test_top_5_leads_of_a_client_recall_the_known_good_lead(population: LabelledSet) -> None:
    clients = {c.client_id: c for c in population.candidates}
    hits = 0
    for lead_id, client_id in population.good_pairs:
        top = rank_leads(clients[client_id], population.leads, limit=5)
        hits += lead_id in {m.lead_id for m in top}
    recall = hits / len(population.good_pairs)
    print(f"top-5 recall, leads for a client: {recall:.3f} over {len(population.good_pairs)}")
    assert recall >= REQUIRED_RECALL


def test_the_ranking_does_not_depend_on_the_input_order(population: LabelledSet) -> None:
    lead = population.leads[0]
    shuffled = list(population.candidates)
    random.Random(7).shuffle(shuffled)
    assert rank_clients(lead, shuffled, limit=50) == rank_clients(
        lead, population.candidates, limit=50
    )
