"""Matching page of a client: the job profile the coach keeps, and the leads ranked for it.

Matching knows clients by their pseudonymous id only (names stay in intake), so a client
appears as a short reference linking to intake's client page.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.commands import UpdateJobProfile
from services.matching.domain.vocabulary import WorkingTimePreference
from services.matching.entrypoints.pages.picking import chosen, kept_values
from services.matching.entrypoints.pages.rendering import (
    BASE,
    Drawn,
    RecordPages,
    Shown,
    State,
    writing,
)
from services.matching.entrypoints.state import MatchingState
from services.matching.service_layer.ranking import leads_for_client
from services.matching.service_layer.views import ClientStanding, ProfileView
from shared.messagebus import CommandContext
from shared.web.forms import FormReader

router = APIRouter(include_in_schema=False)


def _stored(view: ProfileView | None) -> dict[str, str]:
    """The stored profile as the form's values."""
    if view is None:
        return {"working_time": "any", "matching_consent": ""}
    p = view.profile
    return {
        "target_occupations": ",".join(sorted(p.target_occupations)),
        "skills": ", ".join(sorted(p.skills)),
        "languages": ",".join(sorted(p.languages)),
        "municipalities": ", ".join(view.municipalities_as_typed),
        "working_time": p.working_time.value,
        "driving_licence": "yes" if p.driving_licence else "",
        "matching_consent": "yes" if view.matching_consent else "",
    }


def _client(
    state: MatchingState, project_id: str, client: ClientStanding, _query: Mapping[str, str]
) -> Drawn:
    read = state.read
    view = read.profile(project_id, client.client_id)
    context = {
        "client": client,
        "profile": view,
        "ranking": leads_for_client(read, project_id, client.client_id) if view else None,
        "lead_rows": {lead.lead_id: lead for lead in read.leads(project_id)},
        "referrals": read.referrals(project_id, client_id=client.client_id),
        "placements": read.placements(project_id, client_id=client.client_id),
    }
    return Drawn(context, _stored(view))


CLIENT: RecordPages[ClientStanding] = RecordPages(
    "clients",
    "matching/client.html",
    lambda state, project_id, client_id: state.read.client(project_id, client_id),
    _client,
)

CLIENT.shown_on(router)


async def _refined(
    request: Request, project_id: str, client_id: str, state: State
) -> Response | None:
    """The form's "find" button: the page again with the occupations found and every value
    kept; nothing is saved. ``None`` when the form was posted to be saved."""
    checked = await writing(state, request, project_id)
    if isinstance(checked, Response):
        return checked
    signed_in, form = checked
    if not form.values.get("refine"):
        return None
    shown = Shown(values=kept_values(form))
    return CLIENT.page(state, request, signed_in, project_id, client_id, shown)


@router.post(BASE + "/clients/{client_id}/profile", response_class=HTMLResponse)
async def save_profile(request: Request, project_id: str, client_id: str, state: State) -> Response:
    refined = await _refined(request, project_id, client_id, state)
    if refined is not None:
        return refined

    def build(form: FormReader, context: CommandContext) -> object:
        preference = form.chosen("working_time", WorkingTimePreference)
        form.check()
        return UpdateJobProfile(
            client_id=client_id,
            project_id=context.project_id,
            target_occupations=tuple(chosen(form, "target_occupations")),
            skills=tuple(form.tags("skills")),
            languages=tuple(chosen(form, "languages")),
            municipalities=tuple(form.tags("municipalities")),
            working_time=preference,
            driving_licence=form.flag("driving_licence"),
            matching_consent=form.flag("matching_consent"),
            updated_on=state.today(),
            coach_id=context.actor,
        )

    return await CLIENT.submit(state, request, project_id, client_id, build, "profile")
