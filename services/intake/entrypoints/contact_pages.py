"""Editing a client's contact details on the client's page (entrypoint layer).

The small form under the person's details posts phone, e-mail, postal address and
preferred language as one ``ChangeContactDetails`` command to the bus; a refusal answers
the client's page with the form open, the values kept and the message at the field.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.contact import CONTACT_FIELDS, ChangeContactDetails
from services.intake.entrypoints.client_pages import client_page
from services.intake.entrypoints.page_parts import hand_over, status_of, writer_form
from services.intake.entrypoints.state import State

router = APIRouter(include_in_schema=False)


@router.post("/p/{project_id}/clients/{client_id}/contact", response_class=HTMLResponse)
async def change_contact(
    request: Request, project_id: str, client_id: str, state: State
) -> Response:
    posted = await writer_form(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    found, form = posted
    command = ChangeContactDetails(
        client_id=client_id,
        phone=form.text("phone"),
        email=form.text("email"),
        address=form.values.get("address", ""),
        language=form.text("language"),
    )
    values = {name: form.values.get(name, "") for name in CONTACT_FIELDS}
    return await hand_over(
        state, request, found, project_id, command,
        done=f"/p/{project_id}/clients/{client_id}?saved=contact_saved",
        refused=lambda errors: client_page(
            state, request, found, (project_id, client_id), values=values, errors=errors,
            status_code=status_of(errors),
        ),
    )  # fmt: skip
