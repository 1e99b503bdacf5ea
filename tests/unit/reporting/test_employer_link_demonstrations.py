"""A work demonstration an employer assessed by link and a coach confirmed counts in the
final report's services figures as one the coach recorded herself: confirming records the
same ``coaching.work_demonstration_recorded``, and reporting reads nothing else of it."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.coaching.domain import employer_forms as ef
from services.coaching.domain import in_work
from services.coaching.domain.clients import ClientStanding
from services.coaching.domain.employer_vocabulary import CompetenceArea, EmployerForm
from services.coaching.domain.vocabulary import DemonstrationResult
from services.reporting.domain.upstream import UPSTREAMS
from shared.events.codec import payload_of
from shared.events.contract import type_name_of
from tests.unit.reporting.builders import PROJECT, History, Wire, enrolled, value


def confirmed_by_link(client: str, on: date, result: DemonstrationResult) -> list[Wire]:
    """Coaching's events of a plan whose demonstration came by link and was confirmed."""
    start = in_work.StartInWorkCoaching(
        plan_id=f"w-{client}",
        client_id=client,
        company_id="k1",
        project_id=PROJECT,
        coach_id="coach-1",
        started_on=date(2019, 3, 1),
    )
    standing = ClientStanding(client_id=client, project_id=PROJECT, coach_id="coach-1", active=True)
    events: list[Any] = in_work.decide(None, start, standing)
    sent = in_work.SubmitEmployerForm(
        link_id="l1", form=EmployerForm.DEMONSTRATION, submitted_on=on
    )
    events += in_work.decide(in_work.rebuild(events), sent)
    proposal = ef.DemonstrationProposal(
        held_on=on, tasks="Kassatyöt", scores=((CompetenceArea.WORK_TASKS, 4),), result=result
    )
    for step in ef.steps(proposal, link_id="l1", plan_id=start.plan_id, decided_on=on, by="c"):
        events += in_work.decide(in_work.rebuild(events), step.command)
    read = set(UPSTREAMS["coaching"])
    return [(type_name_of(e), payload_of(e)) for e in events if type_name_of(e) in read]


def test_a_demonstration_confirmed_from_an_employer_link_counts_by_its_result() -> None:
    history = History().given(
        enrolled("c1"),
        enrolled("c2"),
        *confirmed_by_link("c1", date(2019, 5, 15), DemonstrationResult.PASSED),
        *confirmed_by_link("c2", date(2019, 6, 1), DemonstrationResult.FAILED),
    )

    result = history.report()

    assert value(result, "services.demonstrations") == 2
    assert value(result, "services.demonstrations.passed") == 1
    assert value(result, "services.demonstrations.failed") == 1
    assert value(result, "services.in_work.started") == 2
