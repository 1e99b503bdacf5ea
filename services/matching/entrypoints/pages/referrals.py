"""Matching page of a referral: the company's answer, and the placement that follows."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.commands import AnswerReferral, PlaceReferral
from services.matching.domain.referral import REASONS
from services.matching.domain.vocabulary import AnswerReason, PlacementType, ReferralAnswer
from services.matching.entrypoints.pages.rendering import BASE, Drawn, RecordPages, State
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.dependencies import new_id_in
from services.matching.service_layer.views import ReferralView
from shared.messagebus import CommandContext
from shared.web.forms import FormReader

router = APIRouter(include_in_schema=False)

PLACEMENT_FOR = {"full_time": "full_time", "part_time": "part_time"}
"""The placement type a lead's working time suggests."""


def _referral(
    state: MatchingState, project_id: str, referral: ReferralView, _query: Mapping[str, str]
) -> Drawn:
    read = state.read
    lead = read.lead(project_id, referral.lead_id)
    placements = read.placements(project_id, client_id=referral.client_id)
    context = {
        "referral": referral,
        "lead": lead,
        "company": read.company(project_id, referral.company_id),
        "placements": [p for p in placements if p.referral_id == referral.referral_id],
        "reasons_for": {
            answer.value: [r.value for r in AnswerReason if r in REASONS[answer]]
            for answer in ReferralAnswer
        },
    }
    today = state.today().isoformat()
    defaults = {
        "answered_on": today,
        "starts_on": today,
        "placement_type": PLACEMENT_FOR.get(lead.working_time.value if lead else "", ""),
    }
    return Drawn(context, defaults)


REFERRAL: RecordPages[ReferralView] = RecordPages(
    "referrals",
    "matching/referral.html",
    lambda state, project_id, referral_id: state.read.referral(project_id, referral_id),
    _referral,
)

REFERRAL.shown_on(router)


def _outcome(form: FormReader) -> tuple[ReferralAnswer, AnswerReason]:
    """The answer and its reason: one choice ``accepted:hired`` from the grouped list (or the
    two fields of an older form). A reason listed under another answer is refused here, at
    the field the coach chose it in; the domain refuses it too, for the API."""
    if "outcome" not in form.values and "answer" in form.values:
        return form.chosen("answer", ReferralAnswer), form.chosen("reason", AnswerReason)
    answer_text, _, reason_text = form.text("outcome", required=True).partition(":")
    try:
        answer, reason = ReferralAnswer(answer_text), AnswerReason(reason_text)
    except ValueError:
        form.errors.setdefault("outcome", "invalid_choice")
        return next(iter(ReferralAnswer)), next(iter(AnswerReason))
    if reason not in REASONS[answer]:
        form.errors.setdefault("outcome", "reason_does_not_fit_answer")
    return answer, reason


@router.post(BASE + "/referrals/{referral_id}/answer", response_class=HTMLResponse)
async def answer(request: Request, project_id: str, referral_id: str, state: State) -> Response:
    def build(form: FormReader, _context: CommandContext) -> object:
        given, reason = _outcome(form)
        day = form.required_day("answered_on")
        form.check()
        return AnswerReferral(referral_id=referral_id, answer=given, reason=reason, answered_on=day)

    return await REFERRAL.submit(state, request, project_id, referral_id, build, "answer")


@router.post(BASE + "/referrals/{referral_id}/placement", response_class=HTMLResponse)
async def place(request: Request, project_id: str, referral_id: str, state: State) -> Response:
    def build(form: FormReader, context: CommandContext) -> object:
        kind = form.chosen("placement_type", PlacementType)
        starts_on = form.required_day("starts_on")
        ends_on = form.day("ends_on")
        form.check()
        return PlaceReferral(
            placement_id=new_id_in("placement", context),
            referral_id=referral_id,
            project_id=context.project_id,
            placement_type=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            coach_id=context.actor,
        )

    return await REFERRAL.submit(state, request, project_id, referral_id, build, "placement")
